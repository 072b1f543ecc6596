import Foundation
import Testing
import TelexModel
import TelexQuery
@testable import TelexStore

/// Saved query sections: mirrored from feeds.json, counted live, paged by keyset, marked read.
@Suite struct SavedQueryTests {
    static let queries = [QuerySpec(name: "Glaciers", query: "ice alps"), QuerySpec(name: "Tech unread", query: "section:tech unread")]

    static func fixture(_ queries: [QuerySpec] = SavedQueryTests.queries) throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.store.syncConfiguration(StoreFixture.config, queries: queries)
        return fixture
    }

    func id(_ fixture: StoreFixture, _ name: String) throws -> SavedQueryID {
        try #require(try fixture.store.savedQueries().first { $0.name == name }).id
    }

    @Test func theCacheMirrorsTheQueriesKeepingEachNamesID() throws {
        let fixture = try Self.fixture()
        #expect(try fixture.store.savedQueries().map(\.name) == ["Glaciers", "Tech unread"])
        let glaciers = try id(fixture, "Glaciers")
        // Reordered, one edited, one removed, one added: the edited one keeps its id (the reader keeps its place).
        try fixture.store.syncConfiguration(StoreFixture.config, queries: [QuerySpec(name: "New", query: "saved"),
                                                                             QuerySpec(name: "Glaciers", query: "ice")])
        let now = try fixture.store.savedQueries()
        #expect(now.map(\.name) == ["New", "Glaciers"])
        #expect(now.map(\.query) == ["saved", "ice"])
        #expect(now[1].id == glaciers)
        // Mirrored already: a read-only store need not write.
        let readOnly = try Store.open(directory: fixture.directory.path, readOnly: true)
        try readOnly.syncConfiguration(StoreFixture.config, queries: [QuerySpec(name: "New", query: "saved"), QuerySpec(name: "Glaciers", query: "ice")])
        #expect(throws: StoreError.self) { try readOnly.syncConfiguration(StoreFixture.config, queries: []) }
    }

    @Test func unreadCountsFollowWritesAndReads() throws {
        let fixture = try Self.fixture()
        func counts() throws -> [Int] { try fixture.store.savedQueries().map(\.unread) }
        #expect(try counts() == [0, 0])
        try fixture.store.syncConfiguration(StoreFixture.config, queries: Self.queries)
        try fixture.addItems("https://a.example/feed", count: 3, prefix: "glacier", summary: { "ice melts in the alps \($0)" })
        try fixture.addItems("https://b.example/feed", count: 2, prefix: "snow", summary: { "ice on roads \($0)" })
        #expect(try counts() == [0, 0], "full-text terms count items once indexed (docs/queries.md)")
        _ = try fixture.store.indexAllPending()
        #expect(try counts() == [3, 0])
        let tech = try fixture.addItems("https://c.example/feed", count: 4, prefix: "chip", summary: { "chips \($0)" })
        #expect(try counts() == [3, 4])
        try fixture.store.setRead(try fixture.store.headlines(.feed(tech), after: nil, limit: 1).map(\.id), true)
        #expect(try counts() == [3, 3])
        #expect(try fixture.store.count(.query(try id(fixture, "Tech unread"))) == 3)
        #expect(try fixture.store.unreadCount(.query(try id(fixture, "Glaciers"))) == 3)
    }

    @Test func aQueryListPagesByKeysetBothWays() throws {
        let fixture = try Self.fixture([QuerySpec(name: "Even", query: "/[02468]$/")])
        try fixture.addItems("https://a.example/feed", count: 30, prefix: "a")
        try fixture.addItems("https://c.example/feed", count: 30, prefix: "c", at: StoreFixture.baseDate)
        let scope = ListScope.query(try id(fixture, "Even"))
        let all = try fixture.allHeadlines(scope, page: 7)
        #expect(all.count == 30)
        #expect(all.allSatisfy { Int($0.title.split(separator: " ")[1])! % 2 == 0 })
        #expect(all == all.sorted { ($0.sortTime, $0.id.rawValue) > ($1.sortTime, $1.id.rawValue) })
        // Upward from the 20th row gives the 7 rows before it, in list order.
        let before = try fixture.store.headlines(scope, before: ListCursor(sortTime: all[20].sortTime, id: all[20].id), limit: 7)
        #expect(before == Array(all[13..<20]))
        #expect(try fixture.store.count(scope) == 30)
    }

    @Test func markingAQueryReadMarksOnlyItsItems() throws {
        let fixture = try Self.fixture()
        try fixture.addItems("https://a.example/feed", count: 3, prefix: "glacier", summary: { "ice melts in the alps \($0)" }, indexing: .inline)
        try fixture.addItems("https://b.example/feed", count: 2, prefix: "snow", summary: { "ice on roads \($0)" }, indexing: .inline)
        let marked = try fixture.store.markAllRead(.query(try id(fixture, "Glaciers")))
        #expect(marked.count == 3)
        #expect(try fixture.store.unreadCount(.all) == 2)
        #expect(try fixture.store.savedQueries().map(\.unread) == [0, 0])
    }

    @Test func aLanguageQueryCountsAndListsItsItems() throws {
        let fixture = try Self.fixture([QuerySpec(name: "Japanese", query: "lang:ja")])
        try fixture.addItems("https://a.example/feed", count: 2)
        try fixture.addItems("https://b.example/feed", count: 3, prefix: "東京の会議", summary: { "会議は\($0)日目に入った" })
        let japanese = try #require(try fixture.store.savedQueries().first)
        #expect(japanese.problem == nil)
        #expect(japanese.unread == 3)
        #expect(try fixture.store.headlines(.query(japanese.id), after: nil, limit: 10).map(\.title) == ["東京の会議 0", "東京の会議 1", "東京の会議 2"])
    }

    @Test func aQueryGoneFromFeedsJSONListsNothing() throws {
        let fixture = try Self.fixture()
        try fixture.addItems("https://c.example/feed", count: 2)
        let tech = try id(fixture, "Tech unread")
        try fixture.store.syncConfiguration(StoreFixture.config, queries: [])
        #expect(try fixture.store.headlines(.query(tech), after: nil, limit: 10).isEmpty)
        #expect(try fixture.store.count(.query(tech)) == 0)
    }

    /// Search takes the query language: plain words stay ranked search, other terms list their matches.
    @Test(arguments: [
        ("ice", ["glacier 0", "glacier 1", "glacier 2", "snow 0", "snow 1"]),
        ("ice feed:b.example", ["snow 0", "snow 1"]),
        ("\"on roads\" or alps", ["glacier 0", "glacier 1", "glacier 2", "snow 0", "snow 1"]),
        ("ice -alps", ["snow 0", "snow 1"]),
        ("unread section:tech", []),
    ] as [(String, [String])])
    func searchTakesTheQueryLanguage(_ text: String, _ expected: [String]) throws {
        let fixture = try Self.fixture()
        try fixture.addItems("https://a.example/feed", count: 3, prefix: "glacier", summary: { "ice melts in the alps \($0)" }, indexing: .inline)
        try fixture.addItems("https://b.example/feed", count: 2, prefix: "snow", summary: { "ice on roads \($0)" }, indexing: .inline)
        #expect(try fixture.store.search(text, limit: 50).map(\.title).sorted() == expected)
        #expect(try fixture.store.count(.search(text)) == expected.count)
    }

    @Test func aSearchThatDoesNotParseNamesTheColumn() throws {
        let fixture = try Self.fixture()
        #expect(throws: QueryError("unclosed quote (end the phrase with \")", column: 5)) { try fixture.store.search("ice \"alps", limit: 5) }
    }
}
