import Foundation
import Testing
@testable import TelexFetch
import TelexConfig
import TelexModel
import TelexStore
import TelexTestServer

/// Retention runs after each pass: read, unsaved items first seen more than `retention_days` ago go,
/// with their search rows, their article pages and the related stories only those pages linked to;
/// unread and saved items stay with theirs.
@Suite(.timeLimit(.minutes(1))) struct RetentionTests {
    static let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]

    @Test func aPassAgesOutReadItemsAndThePagesNothingReferences() async throws {
        let clock = ManualClock()
        let h = try await PipelineHarness(feeds: ["/news.xml"], article: .always, clock: clock) {
            $0.prefetchPerArticle = 1; $0.retentionDays = 90
        }
        defer { Task { await h.close() } }
        let items = Self.words.enumerated().map { i, word in
            SiteBuilder.Item(id: word, title: "Story \(word)", link: h.url("/\(word).html"), date: Date().addingTimeInterval(Double(-i * 60)))
        }
        h.server.setRoute("/news.xml", SiteBuilder.feed("News", items))
        for word in Self.words {
            h.server.setRoute("/\(word).html", SiteBuilder.article("Story \(word)", related: [("More on \(word)", h.url("/more-\(word).html"))]))
            h.server.setRoute("/more-\(word).html", SiteBuilder.article("More on \(word)"))
        }
        let first = try await h.pass(articles: true, maintenance: true)
        #expect(first.newItems == 6 && first.articles == 12)
        let ids = Dictionary(uniqueKeysWithValues: try h.store.headlines(.all, after: nil, limit: 10).map { ($0.title, $0.id) })
        // alpha, bravo: read; charlie: read and saved; delta, echo, foxtrot: unread.
        try h.store.setRead([ids["Story alpha"]!, ids["Story bravo"]!, ids["Story charlie"]!], true)
        try h.store.setSaved(ids["Story charlie"]!, true)

        // 89 days on: nothing is old enough yet.
        h.server.setRoute("/news.xml", SiteBuilder.feed("News", [SiteBuilder.Item(id: "new", title: "Story golf", link: h.url("/golf.html"))],
                                                        etag: "\"2\""))
        h.server.setRoute("/golf.html", SiteBuilder.article("Story golf"))
        clock.advance(by: 89 * 86_400)
        _ = try await h.pass(articles: true, maintenance: true)
        #expect(try h.store.count(.all) == 7)

        // 91 days after the first pass.
        clock.advance(by: 2 * 86_400)
        _ = try await h.pass(articles: true, maintenance: true)
        #expect(try h.store.headlines(.all, after: nil, limit: 10).map(\.title).sorted()
                == ["Story charlie", "Story delta", "Story echo", "Story foxtrot", "Story golf"])
        for word in ["alpha", "bravo"] {
            #expect(try h.store.search(word, limit: 5).isEmpty, "search row of \(word)")
            #expect(try h.store.article(forURL: h.url("/\(word).html")) == nil, "page of \(word)")
            #expect(try h.store.article(forURL: h.url("/more-\(word).html")) == nil, "related story of \(word)")
        }
        for word in ["charlie", "delta", "echo", "foxtrot"] {
            #expect(try h.store.search(word, limit: 5).count == 1, "search row of \(word)")
            #expect(try h.store.article(forURL: h.url("/\(word).html"))?.status == .ok, "page of \(word)")
            #expect(try h.store.article(forURL: h.url("/more-\(word).html"))?.status == .ok, "related story of \(word)")
        }
        #expect(try h.store.savedCount() == 1)
        #expect(try h.store.integrityProblems().isEmpty)
        #expect(h.logs.all.contains { $0.1 == "retention: removed 2 items and 4 article pages" })
    }

    /// Each run does bounded work: a backlog is worked off over several passes, never in one long stall.
    @Test func pruningIsBoundedPerRun() async throws {
        let clock = ManualClock()
        let h = try await PipelineHarness(feeds: ["/news.xml"], clock: clock)
        defer { Task { await h.close() } }
        let items = (0..<30).map { SiteBuilder.Item(id: "i\($0)", title: "Item \($0)", link: h.url("/i\($0)")) }
        h.server.setRoute("/news.xml", SiteBuilder.feed("News", items))
        _ = try await h.pass()
        try h.store.setRead(try h.store.headlines(.all, after: nil, limit: 100).map(\.id), true)
        clock.advance(by: 100 * 86_400)
        let first = try h.store.prune(retentionDays: 90, now: clock.now, limits: PruneLimits(items: 12))
        #expect(first.items == 12 && first.more)
        let second = try h.store.prune(retentionDays: 90, now: clock.now, limits: PruneLimits(items: 12))
        let third = try h.store.prune(retentionDays: 90, now: clock.now, limits: PruneLimits(items: 12))
        #expect([second.items, third.items] == [12, 6] && !third.more)
        #expect(try h.store.count(.all) == 0)
    }
}
