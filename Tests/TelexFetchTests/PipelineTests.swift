import Foundation
import Testing
@testable import TelexFetch
import TelexConfig
import TelexModel
import TelexStore
import TelexTestServer
import TelexTestSupport

/// The fetch pipeline end to end: fixture server on 127.0.0.1 → FetchService → a real cache.
@Suite struct PipelineTests {
    typealias Harness = PipelineHarness

    static func items(_ n: Int, prefix: String = "i") -> [SiteBuilder.Item] {
        (0..<n).map { SiteBuilder.Item(id: "\(prefix)\($0)", title: "Story \($0)", link: "http://example.org/\(prefix)\($0)") }
    }

    @Test func aSecondPassGets304sAndWritesNoItem() async throws {
        let h = try await Harness(routes: ["/a.xml": SiteBuilder.feed("A", Self.items(5)), "/b.xml": SiteBuilder.feed("B", Self.items(3, prefix: "b"))],
                                  feeds: ["/a.xml", "/b.xml"])
        defer { Task { await h.close() } }
        let first = try await h.pass()
        #expect(first.ok == 2)
        #expect(first.newItems == 8)
        #expect(try h.store.count(.all) == 8)
        let second = try await h.pass()
        #expect(second.unchanged == 2)
        #expect(second.ok == 0)
        #expect(second.newItems == 0)
        #expect(h.server.requests.last?.headers["if-none-match"] == "\"1\"")
        #expect(try h.info("/a.xml")?.etag == "\"1\"")
    }

    /// `telex fetch` (which waits for the index): the writer indexes the feeds' items in their own transactions, and
    /// the pages saved later are indexed on another thread during the pass; the caller finds the queue empty or
    /// nearly so (what the indexer has not reached stays queued, and search finds it there).
    @Test func aPassThatIndexesInlineLeavesItsItemsSearchableAndTheIndexSound() async throws {
        let h = try await Harness(routes: [:], feeds: ["/news.xml"], article: .always)
        defer { Task { await h.close() } }
        let items = (0..<3).map { SiteBuilder.Item(id: "s\($0)", title: "Story \($0)", link: h.url("/story\($0).html")) }
        h.server.setRoute("/news.xml", SiteBuilder.feed("News", items))
        for i in 0..<3 { h.server.setRoute("/story\(i).html", SiteBuilder.article("Zeppelin number \(i)")) }
        let summary = try await h.pass(articles: true, indexing: .inline, indexAlongside: true)
        #expect(summary.newItems == 3)
        #expect(summary.articles == 3)
        _ = try h.store.indexAllPending()
        #expect(try h.store.pendingIndexCount() == 0)
        #expect(try h.store.search("story", limit: 10).count == 3)
        #expect(try h.store.search("zeppelin", limit: 10).count == 3)
        #expect(try h.store.integrityProblems().isEmpty)
    }

    @Test func aFailureIsRecordedAndKeepsTheCachedItems() async throws {
        let h = try await Harness(routes: ["/a.xml": SiteBuilder.feed("A", Self.items(4))], feeds: ["/a.xml"])
        defer { Task { await h.close() } }
        _ = try await h.pass()
        h.server.setRoute("/a.xml", .status(500, body: "boom"))
        let failed = try await h.pass()
        #expect(failed.failed == 1)
        #expect(try h.store.count(.all) == 4)
        let info = try #require(try h.info("/a.xml"))
        #expect(info.consecutiveFailures == 1 && info.lastAttempt != nil && info.failingSince == info.lastAttempt)
        let health = try #require(try h.store.sections()[0].feeds.first?.health)
        #expect(health.status == .failing && health.message == "HTTP 500")
        #expect(info.consecutiveFailures == 1)
        #expect(info.etag == "\"1\"")
    }

    @Test func goneStopsPollingAndRetryAfterIsHonouredByAForcedPass() async throws {
        let h = try await Harness(routes: ["/gone.xml": .status(410), "/busy.xml": .status(429, headers: ["Retry-After": "3600"])],
                                  feeds: ["/gone.xml", "/busy.xml"])
        defer { Task { await h.close() } }
        let first = try await h.pass()
        #expect(first.failed == 2)
        #expect(try h.info("/gone.xml")?.gone == true)
        let second = try await h.pass()
        #expect(second.skipped == 2)
        #expect(h.reports.all.suffix(2).map(\.outcome) == [
            .skipped("410 Gone: no longer fetched (remove it from feeds.json)"),
            .skipped("server asked to retry after \(HTTPDate.format(try #require(try h.info("/busy.xml")?.retryAfter)))"),
        ])
        #expect(h.server.requestCount("/gone.xml") == 1)
        #expect(h.server.requestCount("/busy.xml") == 1)
    }

    @Test func htmlServedInsteadOfAFeedIsAFailure() async throws {
        let page = FixtureResource(text: "<!doctype html><html><body><p>Welcome</p></body></html>", contentType: "text/html")
        let h = try await Harness(routes: ["/feed": .resource(page)], feeds: ["/feed"])
        defer { Task { await h.close() } }
        let summary = try await h.pass()
        #expect(summary.failed == 1)
        let health = try #require(try h.store.sections()[0].feeds.first?.health)
        #expect(health.status == .failing && health.message?.hasPrefix("not a feed") == true)
    }

    @Test func aMalformedFeedStillYieldsItsItems() async throws {
        let broken = "<rss version=\"2.0\"><channel><title>Broken & bad</title><item><guid>x1</guid><title>One</title><link>http://example.org/1</link></item><item><guid>x2</guid><title>Two <b>bold</title></item>"
        let h = try await Harness(routes: ["/broken.xml": .resource(FixtureResource(text: broken, contentType: "application/rss+xml"))],
                                  feeds: ["/broken.xml"])
        defer { Task { await h.close() } }
        let summary = try await h.pass()
        #expect(summary.ok == 1)
        let titles = try h.store.headlines(.all, after: nil, limit: 10).map(\.title)
        #expect(titles == ["Two bold", "One"], "both items recovered, the markup in a title dropped")
    }

    /// The HTTP charset reaches the parser: a windows-1251 feed that declares nothing but its
    /// Content-Type, and one whose header overrides a wrong XML declaration (as browsers do).
    @Test func theHTTPCharsetDecidesTheFeedsEncoding() async throws {
        // "Новости" (news) and "Пример" (example) in windows-1251.
        let news: [UInt8] = [0xCD, 0xEE, 0xE2, 0xEE, 0xF1, 0xF2, 0xE8]
        let example: [UInt8] = [0xCF, 0xF0, 0xE8, 0xEC, 0xE5, 0xF0]
        func feed(declaration: String) -> [UInt8] {
            Array("\(declaration)<rss version=\"2.0\"><channel><title>".utf8) + news
                + Array("</title><item><guid>r1</guid><title>".utf8) + example
                + Array("</title><link>http://example.org/r1</link></item></channel></rss>".utf8)
        }
        let h = try await Harness(routes: [
            "/plain.xml": .resource(FixtureResource(body: feed(declaration: ""), contentType: "application/rss+xml; charset=windows-1251")),
            "/wrong.xml": .resource(FixtureResource(body: feed(declaration: "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>"),
                                                    contentType: "text/xml; charset=\"cp1251\"")),
        ], feeds: ["/plain.xml", "/wrong.xml"])
        defer { Task { await h.close() } }
        let summary = try await h.pass()
        #expect(summary.ok == 2)
        // Each feed's own list (All shows their one link as one story).
        let feeds = try h.store.sections()[0].feeds
        #expect(try feeds.flatMap { try h.store.headlines(.feed($0.id), after: nil, limit: 10).map(\.title) } == ["Пример", "Пример"])
        #expect(feeds.map(\.title).sorted() == ["Новости", "Новости"])
    }

    @Test func aPermanentRedirectIsRememberedAndUsedNextTime() async throws {
        let h = try await Harness(routes: ["/old.xml": .redirect(to: "/new.xml", permanent: true),
                                           "/new.xml": SiteBuilder.feed("N", Self.items(2))], feeds: ["/old.xml"])
        defer { Task { await h.close() } }
        _ = try await h.pass()
        #expect(try h.info("/old.xml")?.permanentRedirect == h.url("/new.xml"))
        _ = try await h.pass()
        #expect(h.server.requestCount("/old.xml") == 1)
        #expect(h.server.requestCount("/new.xml") == 2)
    }

    @Test func articlesAndTheirRelatedStoriesAreCachedForOfflineReading() async throws {
        let h = try await Harness(routes: [:], feeds: ["/news.xml"], article: .auto)
        defer { Task { await h.close() } }
        let item = SiteBuilder.Item(id: "s1", title: "Main story", link: h.url("/story1.html"))
        h.server.setRoute("/news.xml", SiteBuilder.feed("News", [item]))
        h.server.setRoute("/story1.html", SiteBuilder.article("Main story", related: [("Second story", h.url("/story2.html"))]))
        h.server.setRoute("/story2.html", SiteBuilder.article("Second story"))
        let summary = try await h.pass(articles: true)
        #expect(summary.articles == 2)
        await h.server.stop()
        let main = try #require(try h.store.article(forURL: h.url("/story1.html")))
        #expect(main.documentJSON != nil)
        #expect(main.status == .ok)
        #expect(main.title == "Main story")
        #expect(main.links.contains { $0.kind == .related && $0.url == h.url("/story2.html") })
        let related = try #require(try h.store.article(forURL: h.url("/story2.html")))
        #expect(related.status == .ok)
        // A second pass does not refetch cached pages.
        let again = try await h.pass(articles: true)
        #expect(again.articles == 0)
    }

    /// Articles are saved by one consumer in batches, after the tasks that fetched them: the cache
    /// cannot tell two tasks that both want the same related story, the pass's claims must.
    @Test func aRelatedStoryLinkedFromManyArticlesIsFetchedOnce() async throws {
        let h = try await Harness(routes: [:], feeds: ["/news.xml"], article: .auto)
        defer { Task { await h.close() } }
        let items = (1...6).map { SiteBuilder.Item(id: "s\($0)", title: "Story \($0)", link: h.url("/story\($0).html")) }
        h.server.setRoute("/news.xml", SiteBuilder.feed("News", items))
        for n in 1...6 {
            // Every story links the shared one, and story 1 is itself linked from the others.
            var related = [("Shared story", h.url("/shared.html"))]
            if n > 1 { related.append(("Story 1", h.url("/story1.html"))) }
            h.server.setRoute("/story\(n).html", SiteBuilder.article("Story \(n)", related: related))
        }
        h.server.setRoute("/shared.html", SiteBuilder.article("Shared story"))
        let summary = try await h.pass(articles: true)
        #expect(summary.articles == 7)
        #expect(h.server.requestCount("/shared.html") == 1)
        #expect(h.server.requestCount("/story1.html") == 1)
        #expect(try h.store.article(forURL: h.url("/shared.html"))?.status == .ok)
        #expect(try h.store.integrityProblems().isEmpty)
    }
}
