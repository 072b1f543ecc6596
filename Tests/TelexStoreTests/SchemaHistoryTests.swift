import Foundation
import GRDB
import Testing
import TelexModel
import TelexTestSupport
@testable import TelexStore

/// Caches written by earlier versions of telex, checked in under Fixtures/ (one per schema, named
/// after its last migration), must open with today's code: migrated, sound, with their data, and
/// with exactly the schema a new cache gets. Every future migration runs against them.
///
/// When a migration is added, check in a cache of the new schema beside the old ones:
///   TELEX_WRITE_SCHEMA_FIXTURE=1 swift test --filter SchemaHistoryTests
/// writes Fixtures/cache-<last migration>.sqlite, built by `SchemaFixture.build` through the store's API.
@Suite("Caches of earlier schemas")
struct SchemaHistoryTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static var checkedIn: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".sqlite") }.sorted()
    }

    /// One cache per schema, today's included: a migration added without its cache fails here.
    @Test func everySchemaIsCheckedIn() {
        #expect(Self.checkedIn == Schema.migrator.migrations.map { "cache-\($0).sqlite" }.sorted())
    }

    @Test(arguments: checkedIn)
    func aCheckedInCacheOpensUpgradedWithItsData(_ name: String) throws {
        let dir = try Fixtures.temporaryDirectory("telex-schema").appendingPathComponent("cache")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false)
        let copy = dir.appendingPathComponent(Store.fileName)
        try FileManager.default.copyItem(at: Self.directory.appendingPathComponent(name), to: copy)
        chmod(copy.path, 0o600)

        let store = try Store.open(directory: dir.path)
        #expect(try store.appliedMigrations() == Schema.knownMigrations)
        try SchemaFixture.expectContent(of: store)
        // Upgraded, it is exactly what a new cache is.
        let fresh = try StoreFixture(config: [])
        #expect(try store.schema() == fresh.store.schema())
    }

    /// The builder makes today's schema with the content the checks expect; with
    /// TELEX_WRITE_SCHEMA_FIXTURE=1 it also writes it to Fixtures/ for checking in.
    @Test func todaysCacheHasTheFixtureContent() throws {
        let dir = try Fixtures.temporaryDirectory("telex-schema").appendingPathComponent("cache")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        var store: Store? = try Store.open(directory: dir.path)
        try SchemaFixture.build(store!)
        let last = try #require(Schema.migrator.migrations.last)
        store = nil  // closes the pool: the WAL is checkpointed into the file
        if ProcessInfo.processInfo.environment["TELEX_WRITE_SCHEMA_FIXTURE"] == "1" {
            let target = Self.directory.appendingPathComponent("cache-\(last).sqlite")
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: dir.appendingPathComponent(Store.fileName), to: target)
        }
        // Checked after the copy: the checks take the pending fetch request.
        try SchemaFixture.expectContent(of: Store.open(directory: dir.path))
    }
}

/// A small cache with a bit of everything the schema holds, written through the API with fixed dates.
enum SchemaFixture {
    static let seen = Date(timeIntervalSince1970: 1_750_000_000)  // 2025-06-15 15:06:40 UTC

    static let config = [
        SectionSpec(name: "Monde", feeds: [FeedSpec(url: "https://monde.example/rss.xml", title: "Le Monde")]),
        SectionSpec(name: "Tech", feeds: [FeedSpec(url: "https://tech.example/atom.xml"),
                                          FeedSpec(url: "https://nhk.example/feed.json", title: "NHK 国際")]),
    ]

    static func build(_ store: Store) throws {
        try store.syncConfiguration(config)
        let feeds = try store.feedsForFetching()
        func feed(_ url: String) -> FeedID { feeds.first { $0.url == url }!.id }
        let monde = feed("https://monde.example/rss.xml"), tech = feed("https://tech.example/atom.xml")
        let nhk = feed("https://nhk.example/feed.json")
        try store.applyFeedResults([
            FeedResult(state: FeedFetchState(feedID: monde, etag: "\"v1\"", lastModified: "Sun, 15 Jun 2025 15:00:00 GMT",
                                             attemptedAt: seen, succeededAt: seen, nextDue: seen.addingTimeInterval(900),
                                             warning: "2 items without a date", httpStatus: 200),
                       feedTitle: "Le Monde.fr", siteLink: "https://monde.example/", items: [
                ItemRecord(stableID: "m1", link: "https://monde.example/a/1", title: "Élections : la carte des résultats",
                           author: "Anaïs Dubois", published: seen.addingTimeInterval(-3_600),
                           summaryHTML: "<p>Les résultats <b>région par région</b>.</p>"),
                ItemRecord(stableID: "m2", link: "https://monde.example/a/2", title: "Climat : un été record",
                           published: seen.addingTimeInterval(-7_200), summaryHTML: "<p>Chaleur &amp; sécheresse.</p>"),
                ItemRecord(stableID: "m3", link: "https://monde.example/a/3", title: "Sans date", summaryHTML: "Texte seul"),
            ]),
            FeedResult(state: FeedFetchState(feedID: tech, attemptedAt: seen, succeededAt: seen, httpStatus: 200,
                                             permanentRedirect: "https://tech.example/feed.atom"), items: [
                ItemRecord(stableID: "t1", link: "https://tech.example/p/zig", title: "Zig 1.0 released",
                           published: seen.addingTimeInterval(-600), contentHTML: "<p>A compiler story.</p>"),
            ]),
            FeedResult(state: FeedFetchState(feedID: nhk, attemptedAt: seen, succeededAt: seen, httpStatus: 200), items: [
                ItemRecord(stableID: "n1", link: "https://nhk.example/n/1", title: "東京で国際会議が開幕",
                           published: seen.addingTimeInterval(-1_800), summaryHTML: "各国首脳が集まる"),
            ]),
        ])
        // A later failure (a server-imposed wait) and a feed gone for good. (Schema v1 wrote these as
        // "retry after: <date> (HTTP 503)" and "HTTP 410" in last_error; v2 reads them as these columns.)
        try store.recordFetchStates([
            FeedFetchState(feedID: tech, attemptedAt: seen.addingTimeInterval(60), nextDue: seen.addingTimeInterval(3_660),
                           consecutiveFailures: 1, status: .failing, error: "HTTP 503", failingSince: seen.addingTimeInterval(60),
                           retryAfter: seen.addingTimeInterval(3_660), httpStatus: 503,
                           permanentRedirect: "https://tech.example/feed.atom"),
            FeedFetchState(feedID: nhk, attemptedAt: seen.addingTimeInterval(60), consecutiveFailures: 3, status: .failing,
                           error: "HTTP 410", failingSince: seen.addingTimeInterval(60), httpStatus: 410, gone: true),
        ])
        let items = try store.headlines(.all, after: nil, limit: 10)
        func item(_ title: String) -> ItemID { items.first { $0.title == title }!.id }
        try store.setRead([item("Climat : un été record"), item("Zig 1.0 released")], true)
        try store.setSaved(item("Climat : un été record"), true)
        // An article for the first story (reached through a redirect) that links to the second one.
        _ = try store.saveArticle(ArticleRecord(
            requestedURL: "https://monde.example/a/1", finalURL: "https://www.monde.example/2025/elections.html",
            canonicalURL: "https://monde.example/elections", httpStatus: 200, fetchedAt: seen.addingTimeInterval(5),
            title: "Élections : la carte", documentJSON: Data("{\"version\":1}".utf8),
            plainText: "Le dépouillement s'est achevé dans la nuit.",
            links: [ArticleLink(url: "https://monde.example/a/2", text: "Climat : un été record", kind: .related),
                    ArticleLink(url: "https://ailleurs.example/", text: "ailleurs", kind: .inline)]))
        _ = try store.saveArticle(ArticleRecord(requestedURL: "https://tech.example/p/zig", status: .failed, httpStatus: 404,
                                                fetchedAt: seen.addingTimeInterval(6), error: "HTTP 404", attempts: 1))
        try store.requestFetch(feeds: [monde], force: true, origin: "ui", at: seen.addingTimeInterval(7))
    }

    /// What a cache made by `build` holds, whatever the schema version it was written with.
    static func expectContent(of store: Store) throws {
        #expect(try store.integrityProblems() == [])
        #expect(try store.counterMismatches() == [])
        #expect(try store.indexMismatches() == [])
        let sections = try store.sections()
        #expect(sections.map(\.name) == ["Monde", "Tech"])
        #expect(sections.map { $0.feeds.map(\.title) } == [["Le Monde"], ["tech.example/atom.xml", "NHK 国際"]])
        #expect(sections.map(\.total) == [3, 2] && sections.map(\.unread) == [2, 1])
        #expect(try store.savedCount() == 1)
        // Story keys (v5, or written with the items): the extracted page's canonical address, else the item's link.
        let keys = try store.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT stable_id, story_key FROM item").map {
                ($0["stable_id"] as String, $0["story_key"] as String?)
            })
        }
        #expect(keys == ["m1": "https://monde.example/elections", "m2": "https://monde.example/a/2", "m3": "https://monde.example/a/3",
                         "t1": "https://tech.example/p/zig", "n1": "https://nhk.example/n/1"])
        let all = try store.headlines(.all, after: nil, limit: 10)
        #expect(all.map(\.title) == ["Sans date", "Zig 1.0 released", "東京で国際会議が開幕", "Élections : la carte des résultats",
                                     "Climat : un été record"])
        #expect(all.map(\.isRead) == [false, true, false, false, true])
        #expect(all.map(\.isSaved) == [false, false, false, false, true])
        #expect(all.map(\.sortTime) == [seen, seen.addingTimeInterval(-600), seen.addingTimeInterval(-1_800),
                                        seen.addingTimeInterval(-3_600), seen.addingTimeInterval(-7_200)])
        let first = try #require(try store.item(all[3].id))
        #expect(first.author == "Anaïs Dubois" && first.summaryHTML == "<p>Les résultats <b>région par région</b>.</p>")
        #expect(first.articleJSON == Data("{\"version\":1}".utf8))
        let article = try #require(try store.article(forURL: "https://www.monde.example/2025/elections.html"))
        #expect(try store.article(forURL: "https://monde.example/elections")?.id == article.id)
        #expect(try store.article(forURL: "https://monde.example/a/1?utm_source=rss")?.id == article.id)
        #expect(article.links == [ArticleLink(url: "https://monde.example/a/2", text: "Climat : un été record", kind: .related),
                                  ArticleLink(url: "https://ailleurs.example/", text: "ailleurs", kind: .inline)])
        #expect(article.fetchedAt == seen.addingTimeInterval(5) && article.status == .ok && article.httpStatus == 200)
        #expect(try store.relatedItems(ofArticle: article.id).map(\.title) == [])
        let failed = try #require(try store.article(forURL: "https://tech.example/p/zig"))
        #expect(failed.status == .failed && failed.httpStatus == 404 && failed.error == "HTTP 404")
        #expect(failed.attempts == 1 && failed.retryAt == nil)
        #expect(try store.search("dépouillement", limit: 5).map(\.title) == ["Élections : la carte des résultats"])
        #expect(try store.search("東京", limit: 5).map(\.title) == ["東京で国際会議が開幕"])
        #expect(try store.search("secheresse", limit: 5).map(\.title) == ["Climat : un été record"])
        let fetching = try store.feedsForFetching()
        #expect(fetching.map(\.url) == ["https://monde.example/rss.xml", "https://tech.example/atom.xml", "https://nhk.example/feed.json"])
        #expect(fetching.map(\.etag) == ["\"v1\"", nil, nil])
        #expect(fetching.map(\.lastModified) == ["Sun, 15 Jun 2025 15:00:00 GMT", nil, nil])
        #expect(fetching.map(\.lastSuccess) == [seen, seen, seen])
        #expect(fetching.map(\.permanentRedirect) == [nil, "https://tech.example/feed.atom", nil])
        #expect(fetching.map(\.gone) == [false, false, true])
        #expect(sections.flatMap(\.feeds).map(\.health) == [
            FeedHealth(status: .ok, nextTry: seen.addingTimeInterval(900), warning: "2 items without a date", lastSuccess: seen),
            FeedHealth(status: .failing, message: "HTTP 503", failingSince: seen.addingTimeInterval(60),
                       nextTry: seen.addingTimeInterval(3_660), retryAfter: seen.addingTimeInterval(3_660), lastSuccess: seen),
            FeedHealth(status: .failing, message: "HTTP 410", failingSince: seen.addingTimeInterval(60), gone: true, lastSuccess: seen),
        ])
        #expect(fetching.map(\.retryAfter) == [nil, seen.addingTimeInterval(3_660), nil])
        #expect(fetching.map(\.consecutiveFailures) == [0, 1, 3])
        let requests = try store.takeFetchRequests()
        #expect(requests.map(\.feeds) == [[fetching[0].id]] && requests.map(\.force) == [true] && requests.map(\.origin) == ["ui"])
        #expect(requests.map(\.requestedAt) == [seen.addingTimeInterval(7)])
    }
}
