import Foundation
import Testing
import TelexModel
@testable import TelexStore

@Suite("Articles")
struct ArticleTests {
    @Test func everySpellingOfAnArticleURLFindsTheSameRow() throws {
        let fixture = try StoreFixture()
        let id = try fixture.store.saveArticle(ArticleRecord(
            requestedURL: "https://a.example/item/0?utm_source=rss", finalURL: "https://www.a.example/2025/story",
            canonicalURL: "https://A.example/canonical#top", fetchedAt: Date(), title: "Story", documentJSON: Data("{}".utf8),
            plainText: "text"))
        for url in ["https://a.example/item/0", "https://WWW.a.example/2025/story#x", "https://a.example/canonical?utm_medium=x"] {
            #expect(try fixture.store.article(forURL: url)?.id == id, "\(url)")
        }
        #expect(try fixture.store.article(forURL: "https://a.example/other") == nil)
        // The same page reached again from another link updates the one row.
        let again = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://b.example/redirect",
                                                                finalURL: "https://www.a.example/2025/story", fetchedAt: Date()))
        #expect(again == id)
        #expect(try fixture.store.article(forURL: "https://b.example/redirect")?.id == id)
    }

    @Test func anItemShowsItsArticleWhenCached() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 1)
        let item = try #require(try fixture.store.headlines(.feed(feed), after: nil, limit: 1).first)
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: item.link!, fetchedAt: Date(), documentJSON: Data("{\"a\":1}".utf8)))
        let detail = try #require(try fixture.store.item(item.id))
        #expect(detail.articleJSON == Data("{\"a\":1}".utf8))
        #expect(detail.articleURL == item.link)
    }

    @Test func anItemArrivingAfterItsArticleIsAttachedToIt() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/0", fetchedAt: Date(),
                                                        documentJSON: Data("{}".utf8), plainText: "zeppelin"))
        let feed = try fixture.addItems("https://a.example/feed", count: 1)
        let item = try #require(try fixture.store.headlines(.feed(feed), after: nil, limit: 1).first)
        #expect(try fixture.store.item(item.id)?.articleJSON == Data("{}".utf8))
        #expect(try fixture.store.search("zeppelin", limit: 5).map(\.id) == [item.id])
    }

    @Test func relatedItemsFollowRelatedLinksToCachedArticlesInLinkOrder() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 3)
        try fixture.addItems("https://c.example/feed", count: 2)
        for url in ["https://a.example/item/1", "https://c.example/item/0", "https://a.example/item/2"] {
            _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: url, fetchedAt: Date()))
        }
        let main = try fixture.store.saveArticle(ArticleRecord(
            requestedURL: "https://a.example/item/0", fetchedAt: Date(),
            links: [ArticleLink(url: "https://a.example/item/2", text: "two", kind: .related),
                    ArticleLink(url: "https://a.example/item/1?utm_source=x", text: "one", kind: .inline),
                    ArticleLink(url: "https://c.example/item/0#comments", text: "zero", kind: .related),
                    ArticleLink(url: "https://elsewhere.example/", text: "not cached", kind: .related),
                    ArticleLink(url: "https://a.example/item/0", text: "itself", kind: .related)]))
        let related = try fixture.store.relatedItems(ofArticle: main)
        #expect(related.map(\.title) == ["item 2", "item 0"])
        #expect(related.map(\.source) == ["Alpha", "Gamma"])
        let stored = try #require(try fixture.store.article(main))
        #expect(stored.links.map(\.kind) == [.related, .inline, .related, .related, .related])
    }
}

@Suite("Retention")
struct RetentionTests {
    @Test func pruningDeletesOnlyOldReadUnsavedItemsAndTheirUnusedArticles() throws {
        let fixture = try StoreFixture()
        let old = StoreFixture.baseDate
        let feed = try fixture.addItems("https://a.example/feed", count: 5, at: old)
        let heads = try fixture.allHeadlines(.feed(feed))
        try fixture.store.setRead(heads[0..<3].map(\.id), true)
        try fixture.store.setSaved(heads[0].id, true)
        // item 1's article is linked from a kept article (item 3's); item 2's is not.
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: heads[1].link!, fetchedAt: old))
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: heads[2].link!, fetchedAt: old))
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: heads[3].link!, fetchedAt: old,
                                                        links: [ArticleLink(url: heads[1].link!, text: "", kind: .related)]))
        let recent = try fixture.addItems("https://b.example/feed", count: 2, at: old.addingTimeInterval(89 * 86_400))
        try fixture.store.setRead(try fixture.allHeadlines(.feed(recent)).map(\.id), true)

        let deleted = try fixture.store.prune(retentionDays: 90, now: old.addingTimeInterval(91 * 86_400))
        #expect(deleted.items == 2 && deleted.articles == 1 && !deleted.more)
        #expect(Set(try fixture.allHeadlines(.feed(feed)).map(\.id)) == Set([heads[0].id, heads[3].id, heads[4].id]))
        #expect(try fixture.store.count(.feed(recent)) == 2)
        #expect(try fixture.store.article(forURL: heads[1].link!)?.url == heads[1].link!)
        #expect(try fixture.store.article(forURL: heads[2].link!) == nil)
        #expect(try fixture.store.search("item", limit: 50).count == 5)
        #expect(try fixture.store.counterMismatches().isEmpty)
    }

    /// Pages no item uses and no kept item's page links to (related stories of pruned pages, pages
    /// followed from them, even when they link each other) go once older than the retention.
    @Test func theSweepRemovesUnreferencedPagesOnceOld() throws {
        let fixture = try StoreFixture()
        let old = StoreFixture.baseDate
        let feed = try fixture.addItems("https://a.example/feed", count: 1, at: old)
        let item = try #require(try fixture.allHeadlines(.feed(feed)).first)
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: item.link!, fetchedAt: old,
                                                        links: [ArticleLink(url: "https://a.example/related", text: "", kind: .related)]))
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/related", fetchedAt: old))
        // Two orphans that link each other, one old and one recent lone orphan.
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://z.example/1", fetchedAt: old,
                                                        links: [ArticleLink(url: "https://z.example/2", text: "", kind: .related)]))
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://z.example/2", fetchedAt: old,
                                                        links: [ArticleLink(url: "https://z.example/1", text: "", kind: .related)]))
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://z.example/recent", fetchedAt: old.addingTimeInterval(89 * 86_400)))
        let report = try fixture.store.prune(retentionDays: 90, now: old.addingTimeInterval(91 * 86_400))
        #expect(report.items == 0 && report.articles == 2)
        #expect(try fixture.store.article(forURL: "https://a.example/related") != nil)
        #expect(try fixture.store.article(forURL: "https://z.example/1") == nil)
        #expect(try fixture.store.article(forURL: "https://z.example/2") == nil)
        #expect(try fixture.store.article(forURL: "https://z.example/recent") != nil)
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM url_alias WHERE url LIKE 'https://z.example/_'") == 0)
    }

    @Test func theSweepLooksAtABoundedNumberOfPagesPerRunAndResumes() throws {
        let fixture = try StoreFixture()
        let old = StoreFixture.baseDate
        for n in 0..<5 { _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://z.example/\(n)", fetchedAt: old)) }
        let limits = PruneLimits(sweptArticles: 2)
        let now = old.addingTimeInterval(91 * 86_400)
        let runs = try (0..<3).map { _ in try fixture.store.prune(retentionDays: 90, now: now, limits: limits) }
        #expect(runs.map(\.articles) == [2, 2, 1])
        #expect(runs.map(\.more) == [true, true, false])
    }
}

@Suite("Change signal and fetch coordination")
struct CoordinationTests {
    @Test func theChangeSignalFiresOnceAfterEachCommitFromAnyConnection() throws {
        let fixture = try StoreFixture()
        let signal = try ChangeSignal(store: fixture.store)
        #expect(!signal.hasChanged())
        try fixture.addItems("https://a.example/feed", count: 1)
        #expect(signal.hasChanged())
        #expect(!signal.hasChanged())
        let other = try Store.open(directory: fixture.directory.path)
        try other.setRead([ItemID(1)], true)
        #expect(signal.hasChanged())
    }

    @Test func fetchRequestsAreTakenOnceInOrder() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.feedID("https://a.example/feed")
        try fixture.store.requestFetch(origin: "telex fetch")
        try fixture.store.requestFetch(feeds: [feed], force: true, origin: "ui")
        let taken = try fixture.store.takeFetchRequests()
        #expect(taken.map(\.feeds) == [nil, [feed]])
        #expect(taken.map(\.force) == [false, true] && taken.map(\.origin) == ["telex fetch", "ui"])
        #expect(try fixture.store.takeFetchRequests().isEmpty)
    }

    @Test func aRequestHasAnIdAndCanBeWithdrawnBeforeItIsTaken() throws {
        let fixture = try StoreFixture()
        let first = try fixture.store.requestFetch(origin: "fetch")
        let second = try fixture.store.requestFetch(origin: "reader")
        #expect(second == first + 1)
        try fixture.store.cancelFetchRequest(first)
        #expect(try fixture.store.pendingFetchRequestIDs() == [second])
        #expect(try fixture.store.takeFetchRequests().map(\.id) == [second])
    }

    /// Polling for requests must not write: a write would move `data_version` and make every reader re-query.
    @Test func lookingForRequestsWhenThereAreNoneMovesNoChangeSignal() throws {
        let fixture = try StoreFixture()
        let signal = try ChangeSignal(store: fixture.store)
        #expect(try fixture.store.takeFetchRequests().isEmpty)
        let other = try Store.open(directory: fixture.directory.path)
        #expect(try other.takeFetchRequests().isEmpty)
        #expect(!signal.hasChanged())
    }
}
