import Foundation
import Testing
import TelexModel
@testable import TelexStore

@Suite("Pages saved from links, and stories reached by links")
struct SavedPageTests {
    @Test func aSavedPageIsInSavedAndSearchFindsItsText() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://elsewhere.example/essay", fetchedAt: Date(),
                                                        title: "An essay on zeppelins", documentJSON: Data("{}".utf8),
                                                        plainText: "Airships drifted over the quarantined harbour."))
        let page = try fixture.store.savePage("https://elsewhere.example/essay", now: StoreFixture.baseDate)
        #expect(page.title == "An essay on zeppelins" && !page.wasSaved)
        let saved = try fixture.store.headlines(.saved, after: nil, limit: 10)
        #expect(saved.map(\.id) == [page.id])
        #expect(saved.first?.title == "An essay on zeppelins" && saved.first?.isSaved == true)
        #expect(try fixture.store.savedCount() == 1)
        // Found by the page's text, queued or indexed.
        #expect(try fixture.store.search("quarantined", limit: 5).map(\.id) == [page.id])
        try fixture.store.indexAllPending()
        #expect(try fixture.store.search("harbour", limit: 5).map(\.id) == [page.id])
        // It opens with the page as its article, and stays out of All (it belongs to no section).
        #expect(try fixture.store.item(page.id)?.articleJSON == Data("{}".utf8))
        #expect(try fixture.store.headlines(.all, after: nil, limit: 10).isEmpty)
        // Saving again changes nothing.
        let again = try fixture.store.savePage("https://elsewhere.example/essay")
        #expect(again.id == page.id && again.wasSaved)
        #expect(try fixture.store.savedCount() == 1)
    }

    @Test func savingTheLinkOfAFeedsStorySavesThatStory() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 2)
        let story = try #require(try fixture.store.headlines(.feed(feed), after: nil, limit: 5).last)
        let page = try fixture.store.savePage(story.link! + "?utm_source=rss")
        #expect(page.id == story.id)
        #expect(try fixture.store.headlines(.saved, after: nil, limit: 5).map(\.id) == [story.id])
    }

    @Test func aStoryReachedByALinkIsRead() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 3)
        let rows = try fixture.store.headlines(.feed(feed), after: nil, limit: 5)
        let read = try fixture.store.markReadByURL(rows[1].link! + "#comments")
        #expect(read == [rows[1].id])
        #expect(try fixture.store.headlines(.feed(feed), after: nil, limit: 5).map(\.isRead) == [false, true, false])
        #expect(try fixture.store.markReadByURL(rows[1].link!).isEmpty)
    }

    @Test func cachedURLsAreThoseWithAReadablePage() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://x.example/ok", fetchedAt: Date(), documentJSON: Data("{}".utf8)))
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://x.example/broken", status: .failed, fetchedAt: Date(), error: "404"))
        #expect(try fixture.store.cachedArticleURLs(among: ["https://x.example/ok#top", "https://x.example/broken", "https://x.example/none"])
                == ["https://x.example/ok#top"])
    }

    @Test func continueReadingListsTheNamedItemsInOrder() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 4)
        let rows = try fixture.store.headlines(.feed(feed), after: nil, limit: 5)
        let ids = [rows[2].id, rows[0].id, ItemID(999_999)]
        #expect(try fixture.store.headlines(.items(ids), after: nil, limit: 50).map(\.id) == [rows[2].id, rows[0].id])
        #expect(try fixture.store.count(.items(ids)) == 2)
        #expect(try fixture.store.headlines(.items(ids), before: ListCursor.init(sortTime: Date(), id: rows[0].id), limit: 50).isEmpty)
    }
}
