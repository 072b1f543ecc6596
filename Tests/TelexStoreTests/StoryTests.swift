import Foundation
import Testing
import GRDB
import TelexModel
@testable import TelexStore

/// One story once: the key (`StoryKey` over `URLNormalizer`), and what the lists, counts of outlets and read state do with it.
@Suite struct StoryKeyTests {
    @Test(arguments: [
        ("HTTPS://News.Example:443/a/story?utm_source=rss&utm_medium=feed#comments", "https://news.example/a/story"),
        ("http://news.example:80/a/story?fbclid=x&gclid=y&id=7", "http://news.example/a/story?id=7"),
        ("https://news.example/a/story?id=7&mc_cid=1", "https://news.example/a/story?id=7"),
        ("https://news.example", "https://news.example/"),
        ("https://news.example:8443/a", "https://news.example:8443/a"),
        ("  https://news.example/a  ", "https://news.example/a"),
        ("mailto:desk@news.example", "mailto:desk@news.example"),
    ])
    func linksNormalise(_ link: String, _ key: String) {
        #expect(URLNormalizer.normalize(link) == key)
    }

    @Test(arguments: [
        // An extracted page: its canonical link, else where the redirects ended.
        (nil, "https://a.example/final", "https://a.example/canonical", "ok", "https://a.example/canonical"),
        (nil, "https://a.example/final", nil, "ok", "https://a.example/final"),
        // A front page as canonical (a common mistake of sites) or as the end of the redirects names no story.
        (nil, "https://a.example/final", "https://a.example/", "ok", "https://a.example/final"),
        ("https://a.example/item", "https://a.example/", nil, "ok", "https://a.example/item"),
        ("https://a.example/item", "https://a.example/index.html", "https://a.example/?lang=fr", "ok", "https://a.example/item"),
        // A page that failed, or is no article (a consent wall, a PDF): the item's own link.
        ("https://a.example/item", "https://consent.example/wall", nil, "failed", "https://a.example/item"),
        ("https://a.example/item", "https://consent.example/wall", nil, "not-article", "https://a.example/item"),
        (nil, nil, nil, nil, nil),
        // A link to a front page names no story (feeds that link every item to their home page).
        ("https://a.example/", nil, nil, nil, nil),
        ("https://a.example/index.php", "https://a.example/", nil, "ok", nil),
    ] as [(String?, String?, String?, String?, String?)])
    func theKeyIsThePagesOwnAddressOnceExtracted(_ link: String?, _ url: String?, _ canonical: String?, _ status: String?,
                                                _ key: String?) {
        #expect(StoryKey.of(linkKey: link, articleURL: url, canonical: canonical, articleStatus: status) == key)
    }
}

@Suite struct StoryTests {
    static let sections = [
        SectionSpec(name: "World", feeds: [FeedSpec(url: "https://lemonde.example/feed", title: "Le Monde"),
                                           FeedSpec(url: "https://bbc.example/feed", title: "BBC")]),
        SectionSpec(name: "Tech", feeds: [FeedSpec(url: "https://npr.example/feed", title: "NPR")]),
    ]

    /// Items of a feed, one per (stable id, link, hours ago).
    func add(_ fixture: StoreFixture, _ feedURL: String, _ items: [(String, String, Double)]) throws -> FeedID {
        let feed = try fixture.feedID(feedURL)
        let records = items.map { ItemRecord(stableID: $0.0, link: $0.1, title: $0.0, published: StoreFixture.baseDate.addingTimeInterval(-3600 * $0.2)) }
        try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: StoreFixture.baseDate,
                                                                             succeededAt: StoreFixture.baseDate), items: records)],
                                           indexing: .inline)
        return feed
    }

    func fixture() throws -> (StoreFixture, FeedID, FeedID, FeedID) {
        let fixture = try StoreFixture(config: Self.sections)
        let monde = try add(fixture, "https://lemonde.example/feed", [("monde-summit", "https://wire.example/summit?utm_source=lemonde#top", 3),
                                                                    ("monde-only", "https://lemonde.example/only", 4)])
        let bbc = try add(fixture, "https://bbc.example/feed", [("bbc-summit", "https://WIRE.example:443/summit?at_medium=rss", 1),
                                                               ("bbc-only", "https://bbc.example/only", 2)])
        let npr = try add(fixture, "https://npr.example/feed", [("npr-summit", "https://wire.example/summit", 5)])
        return (fixture, monde, bbc, npr)
    }

    @Test func aStoryIsOneRowInEveryListAtItsNewestCopyWithItsOtherOutlets() throws {
        let (fixture, monde, bbc, _) = try fixture()
        let all = try fixture.store.headlines(.all, after: nil, limit: 50)
        #expect(all.map(\.title) == ["bbc-summit", "bbc-only", "monde-only"])
        #expect(Set(all[0].alsoIn) == ["Le Monde", "NPR"])
        #expect(all[0].outletCount == 3)
        #expect(all[1].alsoIn.isEmpty)
        let world = try fixture.store.headlines(.section(try fixture.sectionID("World")), after: nil, limit: 50)
        #expect(world.map(\.title) == ["bbc-summit", "bbc-only", "monde-only"])
        // A feed's own list shows its copy, saying who else has it.
        let mondeList = try fixture.store.headlines(.feed(monde), after: nil, limit: 50)
        #expect(mondeList.map(\.title) == ["monde-summit", "monde-only"])
        #expect(Set(mondeList[0].alsoIn) == ["BBC", "NPR"])
        #expect(try fixture.store.headlines(.feed(bbc), after: nil, limit: 50).count == 2)
        // Unread only, and paging by keyset from a cursor, give the same one row.
        #expect(try fixture.store.headlines(.all, unreadOnly: true, after: nil, limit: 50).map(\.title) == all.map(\.title))
        let page = try fixture.store.headlines(.all, after: ListCursor(sortTime: all[0].sortTime, id: all[0].id), limit: 50)
        #expect(page.map(\.title) == ["bbc-only", "monde-only"])
        let up = try fixture.store.headlines(.all, before: ListCursor(sortTime: all[2].sortTime, id: all[2].id), limit: 50)
        #expect(up.map(\.title) == ["bbc-summit", "bbc-only"])
        // Search too: the story's best copy, once.
        #expect(try fixture.store.search("summit", limit: 50).count == 1)
        // The preview's item knows the other outlets.
        #expect(Set(try #require(try fixture.store.item(all[0].id)).headline.alsoIn) == ["Le Monde", "NPR"])
    }

    @Test func markingOneCopyReadMarksTheStoryReadEverywhere() throws {
        let (fixture, monde, _, npr) = try fixture()
        let summit = try #require(try fixture.store.headlines(.feed(monde), after: nil, limit: 50).first)
        try fixture.store.setRead([summit.id], true)
        #expect(try fixture.store.unreadCount(.all) == 2)
        #expect(try fixture.store.headlines(.feed(npr), after: nil, limit: 5).allSatisfy(\.isRead))
        try fixture.store.setRead([summit.id], false)
        #expect(try fixture.store.unreadCount(.all) == 5)
        // A fourth outlet's copy of a story already read comes in read.
        try fixture.store.setRead([summit.id], true)
        _ = try add(fixture, "https://bbc.example/feed", [("bbc-summit-2", "https://wire.example/summit?utm_campaign=x", 0)])
        #expect(try fixture.store.unreadCount(.all) == 2)
        fixture.checkInvariants("after a read story's new copy")
    }

    @Test func aRedirectOrACanonicalLinkJoinsCopiesWithDifferentLinks() throws {
        let fixture = try StoreFixture(config: Self.sections)
        _ = try add(fixture, "https://lemonde.example/feed", [("monde", "https://lemonde.example/r/123", 2)])
        _ = try add(fixture, "https://bbc.example/feed", [("bbc", "https://bbc.example/news/summit", 1)])
        _ = try add(fixture, "https://npr.example/feed", [("npr", "https://npr.example/s?id=9", 3)])
        #expect(try fixture.store.headlines(.all, after: nil, limit: 50).count == 3)
        // Le Monde's link redirects to BBC's page; NPR's page names it canonical... on its own site only, so NPR stays apart.
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://lemonde.example/r/123", finalURL: "https://bbc.example/news/summit",
                                                        fetchedAt: Date(), documentJSON: Data("{}".utf8), plainText: "summit"))
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://npr.example/s?id=9", finalURL: "https://npr.example/s?id=9",
                                                        canonicalURL: "https://npr.example/2026/summit", fetchedAt: Date(),
                                                        documentJSON: Data("{}".utf8), plainText: "summit"))
        let all = try fixture.store.headlines(.all, after: nil, limit: 50)
        #expect(all.map(\.title) == ["bbc", "npr"])
        #expect(all[0].alsoIn == ["Le Monde"])
        // An NPR item arriving later with the canonical address joins the NPR story.
        _ = try add(fixture, "https://npr.example/feed", [("npr-2", "https://npr.example/2026/summit?utm_source=x", 4)])
        // (NPR's two items stay two rows: one feed's items are never joined.)
        #expect(try fixture.store.headlines(.all, after: nil, limit: 50).map(\.title) == ["bbc", "npr", "npr-2"])
        #expect(try fixture.store.headlines(.all, after: nil, limit: 50).last?.alsoIn == [])
    }

    /// Hostile feeds: every item linking to the front page, or to one live-blog page, must not become one row.
    @Test func itemsOfOneFeedSharingALinkStayApartAndKeepTheirOwnReadState() throws {
        let fixture = try StoreFixture(config: Self.sections)
        let bbc = try add(fixture, "https://bbc.example/feed", [("home-1", "https://bbc.example/", 1), ("home-2", "https://bbc.example/#2", 2),
                                                               ("live-1", "https://bbc.example/live", 3), ("live-2", "https://bbc.example/live?utm_source=x", 4)])
        _ = try add(fixture, "https://npr.example/feed", [("npr-home", "https://bbc.example/", 5), ("npr-live", "https://bbc.example/live", 0)])
        let all = try fixture.store.headlines(.all, after: nil, limit: 50)
        // The live page is one story across feeds (NPR's copy is the newest), but BBC's two updates of it stay in BBC's list.
        #expect(all.map(\.title) == ["npr-live", "home-1", "home-2", "npr-home"])
        #expect(try fixture.store.headlines(.feed(bbc), after: nil, limit: 50).map(\.title) == ["home-1", "home-2", "live-1", "live-2"])
        let home1 = try #require(all.first { $0.title == "home-1" })
        try fixture.store.setRead([home1.id], true)
        #expect(try fixture.store.unreadCount(.all) == 5)
        let live1 = try #require(try fixture.store.headlines(.feed(bbc), after: nil, limit: 50).first { $0.title == "live-1" })
        try fixture.store.setRead([live1.id], true)
        // NPR's copy follows; BBC's other update of the live page does not.
        #expect(try fixture.store.unreadCount(.all) == 3)
        #expect(try fixture.store.headlines(.feed(bbc), unreadOnly: true, after: nil, limit: 50).map(\.title) == ["home-2", "live-2"])
    }

    @Test func aFrontPageCanonicalJoinsNothing() throws {
        let fixture = try StoreFixture(config: Self.sections)
        _ = try add(fixture, "https://bbc.example/feed", [("one", "https://bbc.example/one", 1), ("two", "https://bbc.example/two", 2)])
        for page in ["https://bbc.example/one", "https://bbc.example/two"] {
            _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: page, canonicalURL: "https://bbc.example/", fetchedAt: Date(),
                                                            documentJSON: Data("{}".utf8), plainText: "x"))
        }
        #expect(try fixture.store.headlines(.all, after: nil, limit: 50).map(\.title) == ["one", "two"])
    }
}

