import Foundation
import Testing
import TelexModel
@testable import TelexStore

@Suite("Lists for the UI")
struct ListQueryTests {
    @Test func sectionsComeInConfigurationOrderWithCounters() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 4)
        try fixture.addItems("https://b.example/feed", count: 2)
        let sections = try fixture.store.sections()
        #expect(sections.map(\.name) == ["World", "Tech"])
        #expect(sections[0].feeds.map(\.title) == ["Alpha", "b.example/feed"])
        #expect(sections[0].unread == 6 && sections[0].total == 6 && sections[1].total == 0)
    }

    @Test(arguments: [1, 3, 7, 50])
    func keysetPagesVisitEveryItemOnceNewestFirst(page: Int) throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 20)
        try fixture.addItems("https://b.example/feed", count: 15, prefix: "other")
        let world = try fixture.sectionID("World")
        let all = try fixture.allHeadlines(.section(world), page: page)
        #expect(all.count == 35)
        #expect(Set(all.map(\.id)).count == 35)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.sortTime > $1.sortTime || ($0.sortTime == $1.sortTime && $0.id.rawValue > $1.id.rawValue) })
    }

    @Test func pagingUpwardReturnsTheRowsJustAboveTheCursor() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 10)
        let all = try fixture.allHeadlines(.feed(feed))
        let cursor = ListCursor(sortTime: all[6].sortTime, id: all[6].id)
        let above = try fixture.store.headlines(.feed(feed), before: cursor, limit: 3)
        #expect(above.map(\.id) == all[3..<6].map(\.id))
    }

    @Test func unreadOnlyListsSkipReadItems() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 10)
        let read = try fixture.store.headlines(.feed(feed), after: nil, limit: 4).map(\.id)
        try fixture.store.setRead(read, true)
        let world = try fixture.sectionID("World")
        for scope in [ListScope.feed(feed), .section(world), .all, .unread] {
            let unread = try fixture.allHeadlines(scope, unreadOnly: true, page: 3)
            #expect(unread.count == 6 && unread.allSatisfy { !$0.isRead }, "\(scope)")
        }
        #expect(try fixture.allHeadlines(.unread).count == 6)
    }

    @Test func countsComeFromTheCounters() throws {
        let fixture = try StoreFixture()
        let a = try fixture.addItems("https://a.example/feed", count: 4)
        try fixture.addItems("https://c.example/feed", count: 3)
        try fixture.store.setRead(try fixture.store.headlines(.feed(a), after: nil, limit: 1).map(\.id), true)
        #expect(try fixture.store.count(.all) == 7)
        #expect(try fixture.store.count(.unread) == 6)
        #expect(try fixture.store.count(.section(try fixture.sectionID("Tech"))) == 3)
        #expect(try fixture.store.unreadCount(.section(try fixture.sectionID("World"))) == 3)
    }

    @Test func anItemComesWithItsDetailAndSource() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.feedID("https://a.example/feed")
        let published = StoreFixture.baseDate
        try fixture.store.applyFeedResults([FeedResult(
            state: FeedFetchState(feedID: feed, attemptedAt: published), feedTitle: "Alpha's own title",
            items: [ItemRecord(stableID: "1", link: "https://a.example/1", title: "Hello", author: "Ann", published: published,
                               summaryHTML: "<p>Sum</p>", contentHTML: "<p>Body</p>")])])
        let head = try #require(try fixture.store.headlines(.feed(feed), after: nil, limit: 1).first)
        let detail = try #require(try fixture.store.item(head.id))
        #expect(detail.headline.source == "Alpha" && detail.author == "Ann" && detail.published == published)
        #expect(detail.summaryHTML == "<p>Sum</p>" && detail.contentHTML == "<p>Body</p>" && detail.articleJSON == nil)
        #expect(try fixture.store.item(ItemID(999_999)) == nil)
    }
}
