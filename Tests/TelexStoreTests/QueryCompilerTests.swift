import Foundation
import Testing
import GRDB
import TelexModel
import TelexQuery
import TelexTestSupport
@testable import TelexStore

/// Queries run against a real cache: which items each operator selects.
@Suite struct QueryCompilerTests {
    static func fixture() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 3, prefix: "glacier", summary: { "ice melts in the alps \($0)" })
        let c = try fixture.addItems("https://c.example/feed", count: 2, prefix: "Live: tech", summary: { "chips and ice \($0)" })
        try fixture.store.setRead(try fixture.store.headlines(.feed(c), after: nil, limit: 1).map(\.id), true)
        _ = try fixture.store.indexAllPending()  // full-text terms read the search index (docs/queries.md)
        return fixture
    }

    func titles(_ fixture: StoreFixture, _ text: String, scope: ListScope = .all) throws -> [String] {
        var titles: [String] = []
        // baseDate is the newest item's time: newer:/older: count back from it.
        try fixture.store.forEachItem(scope, matching: try QueryParser.parse(text), now: StoreFixture.baseDate,
                                      after: nil, limit: nil) { titles.append($0.headline.title) }
        return titles
    }

    @Test(arguments: [
        ("ice", ["Live: tech 0", "glacier 0", "Live: tech 1", "glacier 1", "glacier 2"]),
        ("ice alps", ["glacier 0", "glacier 1", "glacier 2"]),
        ("\"melts in the\"", ["glacier 0", "glacier 1", "glacier 2"]),
        ("\"in melts\"", []),
        ("title:tech", ["Live: tech 0", "Live: tech 1"]),
        ("title:ice", []),
        ("feed:gamma", ["Live: tech 0", "Live: tech 1"]),
        ("feed:c.example", ["Live: tech 0", "Live: tech 1"]),
        ("section:tech", ["Live: tech 0", "Live: tech 1"]),
        ("site:a.example", ["glacier 0", "glacier 1", "glacier 2"]),
        ("site:example", ["Live: tech 0", "glacier 0", "Live: tech 1", "glacier 1", "glacier 2"]),
        ("site:b.example", []),
        ("unread title:tech", ["Live: tech 1"]),
        ("not unread", ["Live: tech 0"]),
        ("-unread", ["Live: tech 0"]),
        ("saved", []),
        ("newer:90m", ["Live: tech 0", "glacier 0", "Live: tech 1", "glacier 1"]),
        ("older:90m", ["glacier 2"]),
        ("/^live: tech [1-9]$/", ["Live: tech 1"]),
        ("chips or alps", ["Live: tech 0", "glacier 0", "Live: tech 1", "glacier 1", "glacier 2"]),
        ("(chips or alps) and not /glacier [02]/", ["Live: tech 0", "Live: tech 1", "glacier 1"]),
        ("ice and (unread or feed:gamma) -title:tech newer:1h", ["glacier 0", "glacier 1"]),
        ("\"and\"", ["Live: tech 0", "Live: tech 1"]),
    ] as [(String, [String])])
    func eachOperatorSelectsItsItems(_ query: String, _ expected: [String]) throws {
        let fixture = try Self.fixture()
        #expect(try titles(fixture, query) == expected)
    }

    @Test func authorMatchesAnyPartOfTheName() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.feedID("https://a.example/feed")
        try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: StoreFixture.baseDate,
                                                                             succeededAt: StoreFixture.baseDate),
                                                       items: [ItemRecord(stableID: "1", title: "one", author: "Ana Smith", published: StoreFixture.baseDate),
                                                               ItemRecord(stableID: "2", title: "two", author: "Bo", published: StoreFixture.baseDate)])])
        #expect(try titles(fixture, "author:smith") == ["one"])
        #expect(try titles(fixture, "not author:smith") == ["two"])
    }

    /// `lang:` (docs/queries.md, "Languages"): the feed's declared language (primary subtag), else the page's, else
    /// a guess from the script; unknown matches no `lang:`.
    @Test func langSelectsTheStoredLanguage() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.feedID("https://a.example/feed")
        let at = StoreFixture.baseDate
        try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: at, succeededAt: at), items: [
            ItemRecord(stableID: "1", link: "https://a.example/1", title: "Le budget", published: at, language: "fr-FR"),
            ItemRecord(stableID: "2", link: "https://a.example/2", title: "The budget", published: at.addingTimeInterval(-1), language: "en_GB"),
            ItemRecord(stableID: "3", link: "https://a.example/3", title: "東京で国際会議が開幕", published: at.addingTimeInterval(-2)),
            ItemRecord(stableID: "4", link: "https://a.example/4", title: "Новости дня", published: at.addingTimeInterval(-3)),
            ItemRecord(stableID: "5", link: "https://a.example/5", title: "Il bilancio", published: at.addingTimeInterval(-4)),
        ])])
        #expect(try titles(fixture, "lang:fr") == ["Le budget"])
        #expect(try titles(fixture, "lang:EN-us") == ["The budget"])
        #expect(try titles(fixture, "lang:ja") == ["東京で国際会議が開幕"])
        #expect(try titles(fixture, "lang:ru") == ["Новости дня"])
        #expect(try titles(fixture, "lang:it").isEmpty, "Latin script without a declaration: unknown")
        #expect(try titles(fixture, "not lang:fr").count == 3, "unknown is not \"not fr\" either (SQL: NULL)")
        // The page says Italian: the unknown item takes the page's language, declared ones keep theirs.
        for (n, lang) in [("5", "it-IT"), ("1", "de")] {
            _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/\(n)", fetchedAt: at, title: "x",
                                                            documentJSON: Data("{}".utf8), plainText: "x", language: lang))
        }
        #expect(try titles(fixture, "lang:it") == ["Il bilancio"])
        #expect(try titles(fixture, "lang:de").isEmpty)
        #expect(try titles(fixture, "lang:fr") == ["Le budget"])
    }

    /// Every operator compiled, in the list query, is an index search (no SCAN of items, no TEMP B-TREE).
    @Test func compiledQueriesKeepIndexPlans() throws {
        let fixture = try Self.fixture()
        try fixture.store.executeForTesting("ANALYZE")
        for text in ["ice", "\"a b\" title:x", "feed:x", "section:x", "author:x", "site:x", "unread", "saved", "newer:2d", "older:1w",
                     "/x/", "lang:fr", "lang:fr unread", "a or b", "a or unread", "not a", "(a or feed:b) newer:1d -saved /y/"] {
            let filter = ItemFilter.scope(.all).and(try QueryCompiler.filter(try QueryParser.parse(text), now: Date()))
            // The streamed list, and the reader's pages of a saved query (both ways, all or unread only).
            var statements: [(String, StatementArguments)] = []
            for cursor in [UIQueries.top, UIQueryCatalogue.sampleCursor] {
                statements.append(UIQueries.listedItems(filter, cursor: cursor, limit: 50))
                for upward in [false, true] {
                    for unreadOnly in [false, true] {
                        statements.append(UIQueries.headlines(filter, unreadOnly: unreadOnly, cursor: cursor, upward: upward, limit: 50))
                    }
                }
            }
            for (sql, arguments) in statements {
                for line in try fixture.store.queryPlan(sql, arguments) {
                    #expect(!line.contains("TEMP B-TREE"), "\(text): \(line)")
                    if line.hasPrefix("SCAN") {
                        let table = line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
                        #expect(QueryPlanTests.smallTables.contains(table) || line.contains("VIRTUAL TABLE"), "\(text): \(line)")
                    }
                }
            }
        }
    }

    /// A saved query's counts (its unread count in the sections pane, its total in the list) are index searches
    /// driven by an indexed term: full-text rowids, a feed's or a section's index, a time range, the unread or
    /// saved partial index. Never a SCAN of items, never a temporary B-tree.
    @Test func savedQueryCountsKeepIndexPlans() throws {
        let fixture = try Self.fixture()
        try fixture.store.executeForTesting("ANALYZE")
        for text in ["ice", "\"a b\" title:x", "feed:x", "section:x", "unread", "saved", "newer:2d", "older:1w", "a or b",
                     "ukraine or kyiv newer:7d", "feed:x author:y", "ice /x/", "lang:fr",
                     "lang:ja newer:2d", "lang:de /x/", "(a or feed:b) newer:1d -saved /y/", "ice -alps"] {
            let filter = try Store.savedQueryFilter(parsing: text, now: Date(), counting: true)
            for counted in [filter, filter.and(.unread)] {
                let plan = try fixture.store.queryPlan(UIQueries.count(counted), counted.arguments)
                for line in plan {
                    #expect(!line.contains("TEMP B-TREE"), "\(text): \(plan)")
                    if line.hasPrefix("SCAN") {
                        let table = line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
                        #expect(QueryPlanTests.smallTables.contains(table) || line.contains("VIRTUAL TABLE"), "\(text): \(plan)")
                    }
                }
            }
        }
    }
}
