import Foundation
import Testing
import TelexModel
import TelexQuery
@testable import TelexStore

/// Filters (`hide` rules, docs/feeds-json.md "Filters"): items a rule matches never show in lists, counts or search;
/// `"hidden": "store"` keeps them out of sight (a rule change brings them back), `"drop"` never writes them.
@Suite struct HiddenItemTests {
    static let a = "https://a.example/feed"
    static let b = "https://b.example/feed"

    /// The fixture's feeds, feed a with `hide` (and b with `hideB`).
    static func config(hide: String?, drop: Bool = false, hideB: String? = nil) -> [SectionSpec] {
        [SectionSpec(name: "World", feeds: [FeedSpec(url: a, title: "Alpha", hide: hide, dropHidden: drop),
                                            FeedSpec(url: b, hide: hideB)]),
         SectionSpec(name: "Tech", feeds: [FeedSpec(url: "https://c.example/feed", title: "Gamma")])]
    }

    /// Ten items in feed a: even ones about football, odd ones about the election.
    @discardableResult
    static func addStories(_ fixture: StoreFixture) throws -> FeedID {
        try fixture.addItems(a, count: 10, prefix: "story", summary: { $0 % 2 == 0 ? "The Football match, day \($0)" : "The election, day \($0)" })
    }

    static func titles(_ headlines: [Headline]) -> [String] { headlines.map(\.title) }

    @Test func hiddenItemsAreInNoListCountOrSearch() throws {
        let fixture = try StoreFixture(config: Self.config(hide: "(football or /^nothing/) and not title:\"story 8\""))
        let feed = try Self.addStories(fixture)
        try fixture.addItems(Self.b, count: 2, prefix: "other", summary: { "football too \($0)" })
        _ = try fixture.store.indexAllPending()
        let shown = ["story 1", "story 3", "story 5", "story 7", "story 8", "story 9"]
        #expect(Self.titles(try fixture.allHeadlines(.feed(feed))) == shown)
        #expect(Self.titles(try fixture.allHeadlines(.all)).filter { $0.hasPrefix("story") } == shown)
        #expect(try fixture.store.count(.feed(feed)) == 6)
        #expect(try fixture.store.unreadCount(.feed(feed)) == 6)
        #expect(try fixture.store.sections()[0].unread == 8, "feed b's rules are its own: its football stays")
        #expect(Self.titles(try fixture.store.search("football", limit: 50)).sorted() == ["other 0", "other 1", "story 8"])
        try fixture.store.syncConfiguration(StoreFixture.config, queries: [QuerySpec(name: "Ball", query: "football")])
        // (the rule is gone now: what it hid is back; checked below in its own test)
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM hidden_item") == 0)
    }

    @Test func aSavedQuerySectionDoesNotCountHiddenItems() throws {
        let fixture = try StoreFixture(config: Self.config(hide: "football"))
        try fixture.store.syncConfiguration(Self.config(hide: "football"), queries: [QuerySpec(name: "Days", query: "day")])
        try Self.addStories(fixture)
        _ = try fixture.store.indexAllPending()
        #expect(try fixture.store.savedQueries().map(\.unread) == [5])
    }

    @Test func storeKeepsThemOutOfSightAndARuleChangeBringsThemBackWithTheirState() throws {
        let fixture = try StoreFixture(config: Self.config(hide: nil))
        let feed = try Self.addStories(fixture)
        let headlines = try fixture.allHeadlines(.feed(feed))
        func id(_ title: String) -> ItemID { headlines.first { $0.title == title }!.id }
        try fixture.store.setRead([id("story 0"), id("story 1")], true)
        try fixture.store.setSaved(id("story 2"), true)
        // A rule added: the matching items leave (the saved one stays), their read state kept aside.
        try fixture.store.syncConfiguration(Self.config(hide: "football"))
        #expect(Self.titles(try fixture.allHeadlines(.feed(feed))) == ["story 1", "story 2", "story 3", "story 5", "story 7", "story 9"])
        #expect(try fixture.store.unreadCount(.feed(feed)) == 5)
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM hidden_item") == 4)
        // The next pass brings the same items: they stay hidden, nothing new.
        try Self.addStories(fixture)
        #expect(try fixture.store.count(.feed(feed)) == 6)
        // The rule removed: they are back, story 0 still read.
        try fixture.store.syncConfiguration(Self.config(hide: nil))
        let back = try fixture.allHeadlines(.feed(feed))
        #expect(back.count == 10)
        #expect(back.filter(\.isRead).map(\.title).sorted() == ["story 0", "story 1"])
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM hidden_item") == 0)
        _ = try fixture.store.indexAllPending()
        #expect(Self.titles(try fixture.store.search("football", limit: 50)).count == 5)
    }

    @Test func dropNeverWritesThem() throws {
        let fixture = try StoreFixture(config: Self.config(hide: "football", drop: true))
        let feed = try Self.addStories(fixture)
        #expect(try fixture.store.count(.feed(feed)) == 5)
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM hidden_item") == 0)
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM item WHERE title = 'story 0'") == 0)
        // Dropped items are not kept: without the rule only the next pass's copies come back.
        try fixture.store.syncConfiguration(Self.config(hide: nil))
        #expect(try fixture.store.count(.feed(feed)) == 5)
        try Self.addStories(fixture)
        #expect(try fixture.store.count(.feed(feed)) == 10)
        // Store to drop: what was kept hidden is deleted.
        try fixture.store.syncConfiguration(Self.config(hide: "election"))
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM hidden_item") == 5)
        try fixture.store.syncConfiguration(Self.config(hide: "election", drop: true))
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM hidden_item") == 0)
        #expect(try fixture.store.count(.feed(feed)) == 5)
    }

    @Test func anItemWhoseTextChangesIsHiddenOrShownAgain() throws {
        let fixture = try StoreFixture(config: Self.config(hide: "feed:alpha title:correction"))
        let feed = try fixture.feedID(Self.a)
        func write(_ title: String) throws {
            let at = StoreFixture.baseDate
            try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: at, succeededAt: at),
                                                           items: [ItemRecord(stableID: "x", link: "https://a.example/x", title: title)])])
        }
        try write("Budget vote")
        #expect(Self.titles(try fixture.allHeadlines(.feed(feed))) == ["Budget vote"])
        try fixture.store.setRead(try fixture.allHeadlines(.feed(feed)).map(\.id), true)
        try write("Correction: budget vote")
        #expect(try fixture.allHeadlines(.feed(feed)).isEmpty)
        #expect(try fixture.store.count(.all) == 0)
        try write("Budget vote, corrected")
        let back = try fixture.allHeadlines(.feed(feed))
        #expect(Self.titles(back) == ["Budget vote, corrected"])
        #expect(back.first?.isRead == true, "read before it was hidden, read when it comes back")
    }

    @Test func retentionDeletesOldHiddenItems() throws {
        let fixture = try StoreFixture(config: Self.config(hide: "football"))
        try Self.addStories(fixture)
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM hidden_item") == 5)
        try fixture.store.prune(retentionDays: 30, now: StoreFixture.baseDate.addingTimeInterval(10 * 86_400))
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM hidden_item") == 5)
        try fixture.store.prune(retentionDays: 30, now: StoreFixture.baseDate.addingTimeInterval(31 * 86_400))
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM hidden_item") == 0)
    }
}
