import Foundation
import Testing
@testable import TelexFetch
import TelexArticles
import TelexConfig
import TelexModel
import TelexStore
import TelexTestServer
import TelexTestSupport

/// Article pages whatever the age of the items: the newest items without a page, up to `articles_per_feed`
/// per feed and per pass; failed pages retried with backoff a few times; canonical URLs trusted on their
/// own site only.
@Suite struct ArticlePassTests {
    /// The old-news site, made by its generator (tests/fixtures/sites/old-news/generate.py) into a
    /// temporary directory once per process.
    static let site: URL = {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("telex-old-news-\(getpid())")
        if !FileManager.default.fileExists(atPath: out.appendingPathComponent("feed.xml").path) {
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = ["python3", Fixtures.url("sites/old-news/generate.py").path, out.path]
            try? python.run()
            python.waitUntilExit()
        }
        return out
    }()

    /// The dépêche number of each item of the old-news site, newest first.
    static func markers(_ store: Store) throws -> [(ItemID, Int)] {
        try store.headlines(.all, after: nil, limit: 100).map { h in
            let n = Int(h.link!.split(separator: "-").last!.dropLast())!
            return (h.id, n)
        }
    }

    static func pageText(_ store: Store, _ id: ItemID) throws -> String? {
        guard let json = try store.item(id)?.articleJSON else { return nil }
        return try ArticleDocumentCodec.decode(json).plainText
    }

    /// The seed's kind of site: every story is years old. One pass fetches the ten newest stories' pages
    /// (not a single one before: items older than three days got none), and they read with the server gone.
    @Test func aSiteWhoseItemsAreYearsOldReadsInFullAfterOnePass() async throws {
        let server = try FixtureServer(directory: Self.site, gzip: true)
        let h = try await PipelineHarness(server: server, feeds: ["/feed.xml"], article: .auto) { $0.prefetchPerArticle = 0 }
        defer { Task { await h.close() } }
        let summary = try await h.pass(articles: true)
        #expect(summary.newItems == 12 && summary.articles == 10 && summary.articleFailures == 0)
        await h.server.stop()
        let items = try Self.markers(h.store)
        #expect(items.map(\.1) == [3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10])
        for (id, n) in items.prefix(10) {
            #expect(try Self.pageText(h.store, id)?.contains("Marqueur de la dépêche \(n).") == true, "dépêche \(n)")
        }
        for (id, _) in items.suffix(2) { #expect(try Self.pageText(h.store, id) == nil) }
        // The next pass fetches the two left (the feed itself is unchanged: a 304).
        try await h.restart()
        let second = try await h.pass(articles: true)
        #expect(second.unchanged == 1 && second.articles == 2)
        for (id, n) in items.suffix(2) {
            #expect(try Self.pageText(h.store, id)?.contains("Marqueur de la dépêche \(n).") == true, "dépêche \(n)")
        }
        #expect(try await h.pass(articles: true).articles == 0)
    }

    @Test func theBoundPerFeedIsASetting() async throws {
        let server = try FixtureServer(directory: Self.site, gzip: false)
        let h = try await PipelineHarness(server: server, feeds: ["/feed.xml"], article: .always) {
            $0.prefetchPerArticle = 0; $0.articlesPerFeed = 3
        }
        defer { Task { await h.close() } }
        #expect(try await h.pass(articles: true).articles == 3)
        #expect(server.requests.filter { $0.path.hasPrefix("/2022/") }.count == 3)
    }

    /// A page that fails is tried again on later passes, with backoff, at most four times; then only
    /// opening it fetches it.
    @Test func aFailedPageIsRetriedWithBackoffABoundedNumberOfTimes() async throws {
        let clock = ManualClock()
        let h = try await PipelineHarness(feeds: ["/news.xml"], article: .always, clock: clock) { $0.prefetchPerArticle = 0 }
        defer { Task { await h.close() } }
        h.server.setRoute("/news.xml", SiteBuilder.feed("News", [SiteBuilder.Item(id: "a", title: "A", link: h.url("/a.html"))]))
        h.server.setRoute("/a.html", .status(503))
        var tries: [Int] = []
        var retries: [Double?] = []
        for _ in 0..<6 {
            _ = try await h.pass(articles: true)
            tries.append(h.server.requestCount("/a.html"))
            let stored = try #require(try h.store.article(forURL: h.url("/a.html")))
            retries.append(stored.retryAt.map { $0.timeIntervalSince(clock.now) })
            // Not due yet: a pass now does not ask.
            _ = try await h.pass(articles: true)
            #expect(h.server.requestCount("/a.html") == tries.last)
            clock.advance(by: 2 * 86_400)
        }
        // Backoff 30 min × 2^(n−1) at 3/4 (no jitter in tests): 22.5 min, 45 min, 90 min, then no more.
        #expect(tries == [1, 2, 3, 4, 4, 4])
        #expect(retries == [1_350, 2_700, 5_400, nil, nil, nil])
        #expect(try h.store.article(forURL: h.url("/a.html"))?.attempts == 4)
        // Opened by the user, it is fetched whatever the count, and replaces the failure.
        h.server.setRoute("/a.html", SiteBuilder.article("A"))
        guard case .saved = await h.service().fetchPage(h.url("/a.html"), allowPrivateAddresses: true) else {
            Issue.record("the page was not saved"); return
        }
        #expect(try h.store.article(forURL: h.url("/a.html"))?.status == .ok)
    }

    @Test func aMissingPageIsNotRetried() async throws {
        let h = try await PipelineHarness(feeds: ["/news.xml"], article: .always) { $0.prefetchPerArticle = 0 }
        defer { Task { await h.close() } }
        h.server.setRoute("/news.xml", SiteBuilder.feed("News", [SiteBuilder.Item(id: "a", title: "A", link: h.url("/gone.html"))]))
        _ = try await h.pass(articles: true)
        _ = try await h.pass(articles: true)
        #expect(h.server.requestCount("/gone.html") == 1)
        #expect(try h.store.article(forURL: h.url("/gone.html"))?.retryAt == nil)
    }

    /// A page on another site that names a cached page as its canonical URL must not take it over.
    @Test func aCanonicalURLIsTrustedOnlyOnTheSameSite() async throws {
        let h = try await PipelineHarness(feeds: ["/news.xml"], article: .always) { $0.prefetchPerArticle = 0 }
        defer { Task { await h.close() } }
        func page(_ title: String, canonical: String) -> FixtureRoute {
            let body = String(repeating: "<p>\(title) is a story told at length, with many words and sentences, to look like one. </p>", count: 12)
            return .resource(FixtureResource(text: "<html><head><title>\(title)</title><link rel=\"canonical\" href=\"\(canonical)\"></head>"
                                             + "<body><article><h1>\(title)</h1>\(body)</article></body></html>", contentType: "text/html"))
        }
        h.server.setRoute("/news.xml", SiteBuilder.feed("News", [
            SiteBuilder.Item(id: "1", title: "Real", link: h.url("/real.html")),
            SiteBuilder.Item(id: "2", title: "Fake", link: h.url("/fake.html"), date: Date().addingTimeInterval(-60)),
            SiteBuilder.Item(id: "3", title: "Amp", link: h.url("/amp.html"), date: Date().addingTimeInterval(-120)),
        ]))
        h.server.setRoute("/real.html", page("Real", canonical: h.url("/real.html")))
        // Same site, but /real.html was fetched from its own URL: it keeps it.
        h.server.setRoute("/fake.html", page("Fake", canonical: h.url("/real.html")))
        // Another site entirely: never an alias.
        h.server.setRoute("/amp.html", page("Amp", canonical: "https://news.example.com/2025/story"))
        #expect(try await h.pass(articles: true).articles == 3)
        #expect(try h.store.article(forURL: h.url("/real.html"))?.title == "Real")
        #expect(try h.store.article(forURL: "https://news.example.com/2025/story") == nil)
        #expect(try h.store.article(forURL: h.url("/amp.html"))?.canonicalURL == nil)
    }

    @Test(arguments: [
        ("https://news.bbc.co.uk/a", "https://www.bbc.co.uk/b", true),
        ("https://a.github.io/x", "https://b.github.io/x", false),
        ("https://example.co.uk/", "https://other.co.uk/", false),
        ("https://Example.com/a", "http://www.example.com/b", true),
        ("http://127.0.0.1:8080/a", "http://127.0.0.1:9090/b", true),
        ("http://127.0.0.1/a", "http://localhost/a", false),
        ("http://localhost/a", "http://localhost/b", true),
        ("https://example.com/", "ftp://example.com/", false),
        ("https://evil.example/", "https://example.com/", false),
    ])
    func sameSiteIsTheRegistrableDomain(_ a: String, _ b: String, _ same: Bool) {
        #expect(SameSite.same(URL(string: a)!, URL(string: b)!) == same)
    }

    @Test func registrableDomainsComeFromThePublicSuffixList() {
        #expect(SameSite.registrableDomain("news.bbc.co.uk") == "bbc.co.uk")
        #expect(SameSite.registrableDomain("a.b.github.io") == "b.github.io")
        #expect(SameSite.registrableDomain("co.uk") == nil)
        #expect(SameSite.registrableDomain("192.168.1.1") == nil)
    }
}
