import Foundation
import Synchronization
import Testing
import TelexConfig
import TelexFeeds
@testable import TelexFetch
import TelexTestServer

/// Feed discovery through the live HTTP client against fixture sites on 127.0.0.1.
@Suite struct DiscoveryTests {
    static func rss(_ title: String, items: Int) -> FixtureRoute {
        let list = (0..<items).map { SiteBuilder.Item(id: "\(title)-\($0)", title: "\(title) story \($0)", link: "http://example.org/\($0)") }
        return .resource(FixtureResource(text: SiteBuilder.rss(title, list), contentType: "application/rss+xml"))
    }

    static func atom(_ title: String, items: Int) -> FixtureRoute {
        let entries = (0..<items).map { "<entry><id>urn:\(title):\($0)</id><title>Entry \($0)</title><updated>2026-11-01T10:00:00Z</updated></entry>" }
        return .resource(FixtureResource(text: "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>\(title)</title><id>urn:\(title)</id>"
                                         + entries.joined() + "</feed>", contentType: "application/atom+xml"))
    }

    static func jsonFeed(_ title: String, items: Int) -> FixtureRoute {
        let entries = (0..<items).map { "{\"id\": \"\($0)\", \"title\": \"Item \($0)\", \"content_text\": \"x\"}" }.joined(separator: ",")
        return .resource(FixtureResource(text: "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"\(title)\", \"items\": [\(entries)]}",
                                         contentType: "application/feed+json"))
    }

    static func page(_ head: String, body: String = "<p>Hello</p>") -> FixtureRoute {
        .resource(FixtureResource(text: "<!doctype html><html><head><title>Site</title>\(head)</head><body>\(body)</body></html>",
                                  contentType: "text/html; charset=utf-8"))
    }

    func discover(_ routes: [String: FixtureRoute], at path: String, _ check: (DiscoveryReport, URL, FixtureServer) throws -> Void) async throws {
        let server = FixtureServer(routes: routes)
        let base = try await server.start()
        do {
            let discovery = FeedDiscovery(http: FetchService.liveHTTP(Settings()))
            let report = try await discovery.discover(base.absoluteString + path)
            try check(report, base, server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func linkElementsInAnyAttributeOrderAndOfEveryFeedTypeAreFoundInDocumentOrder() async throws {
        let head = """
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/atom+xml" href="/atom.xml" title="Atom">
            <link type="application/rss+xml" href="rss.xml" rel="alternate" title="RSS">
            <link rel="alternate" hreflang="fr" type="text/html" href="/fr/">
            <LINK REL="Alternate" TYPE="application/feed+json; charset=utf-8" HREF="/feed.json">
            <link rel="alternate icon" type="image/png" href="/favicon.png">
            """
        let routes: [String: FixtureRoute] = ["/blog/": Self.page(head), "/atom.xml": Self.atom("The Atom Feed", items: 2),
                                              "/blog/rss.xml": Self.rss("The RSS Feed", items: 3), "/feed.json": Self.jsonFeed("The JSON Feed", items: 4)]
        try await discover(routes, at: "/blog/") { report, base, server in
            #expect(report.feeds.map(\.url) == [base.absoluteString + "/atom.xml", base.absoluteString + "/blog/rss.xml",
                                               base.absoluteString + "/feed.json"])
            #expect(report.feeds.map(\.title) == ["The Atom Feed", "The RSS Feed", "The JSON Feed"])
            #expect(report.feeds.map(\.itemCount) == [2, 3, 4])
            #expect(report.feeds.map(\.format) == [.atom10, .rss20, .jsonFeed11])
            #expect(report.feeds.allSatisfy { $0.source == .linkElement })
            // Found from the links: the usual addresses were not tried, the stylesheet was not fetched.
            #expect(server.requestCount("/feed") == 0)
            #expect(server.requestCount("/style.css") == 0)
        }
    }

    @Test func aFeedAddressGivenDirectlyIsThatFeed() async throws {
        try await discover(["/news.rss": Self.rss("Direct", items: 5)], at: "/news.rss") { report, base, server in
            #expect(report.feeds.count == 1)
            #expect(report.feeds.first?.url == base.absoluteString + "/news.rss")
            #expect(report.feeds.first?.source == .direct)
            #expect(report.feeds.first?.itemCount == 5)
            #expect(server.requests.count == 1)
        }
    }

    @Test func aSiteWithFeedsOnlyAtTheUsualAddressesIsFoundThere() async throws {
        try await discover(["/": Self.page(""), "/rss.xml": Self.rss("Usual", items: 1)], at: "/") { report, base, server in
            #expect(report.feeds.map(\.url) == [base.absoluteString + "/rss.xml"])
            #expect(report.feeds.first?.source == .commonPath)
            #expect(Set(report.misses.map(\.url)) == Set(FeedDiscovery.commonPaths.filter { $0 != "/rss.xml" }.map { base.absoluteString + $0 }))
        }
    }

    @Test func twoAddressesOfOneFeedAreReportedOnce() async throws {
        // WordPress serves one feed at /feed and /?feed=rss2.
        let feed = Self.rss("WordPress", items: 2)
        try await discover(["/": Self.page(""), "/feed": feed, "/?feed=rss2": feed], at: "/") { report, base, _ in
            #expect(report.feeds.map(\.url) == [base.absoluteString + "/feed"])
        }
    }

    @Test func aPageWithNoFeedReportsWhatWasTried() async throws {
        try await discover(["/": Self.page("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/not-a-feed\">"),
                            "/not-a-feed": Self.page("")], at: "/") { report, base, _ in
            #expect(report.feeds.isEmpty)
            #expect(report.misses.first?.url == base.absoluteString + "/not-a-feed")
            #expect(report.misses.first?.reason == "an HTML page, not a feed")
            #expect(report.misses.count == 1 + FeedDiscovery.commonPaths.count)
            // The usual addresses answer 404, but /?feed=rss2 is the home page again (as on most sites).
            #expect(report.misses.dropFirst().map(\.reason) == ["HTTP 404", "HTTP 404", "HTTP 404", "HTTP 404", "HTTP 404", "HTTP 404",
                                                                "an HTML page, not a feed"])
        }
    }

    @Test func anchorsNamedLikeFeedsAreFollowedWhenThePageHasNoLinkElement() async throws {
        let body = "<p><a href=\"/about\">About</a> <a href=\"/syndication/main\">RSS</a> <a href=\"/podcast.rss\">Podcast</a></p>"
        let routes: [String: FixtureRoute] = ["/": Self.page("", body: body), "/syndication/main": Self.rss("Main", items: 2),
                                              "/podcast.rss": Self.rss("Podcast", items: 1)]
        try await discover(routes, at: "/") { report, base, server in
            #expect(report.feeds.map(\.url) == [base.absoluteString + "/syndication/main", base.absoluteString + "/podcast.rss"])
            #expect(report.feeds.allSatisfy { $0.source == .anchor })
            #expect(server.requestCount("/about") == 0)
        }
    }

    @Test func aRedirectingSiteIsFollowedAndAFeedThatMovedForGoodIsAddedAtItsNewAddress() async throws {
        let routes: [String: FixtureRoute] = [
            "/": .redirect(to: "/home/index.html", permanent: false),
            "/home/index.html": Self.page("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"old-feed\">"
                                + "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/moving\">"),
            "/home/old-feed": .redirect(to: "/feeds/new.xml", permanent: true),
            "/feeds/new.xml": Self.rss("Moved", items: 1),
            "/moving": .redirect(to: "/feeds/atom.xml", permanent: false),
            "/feeds/atom.xml": Self.atom("Temporary", items: 1),
        ]
        try await discover(routes, at: "/") { report, base, server in
            // Relative links resolve against the page's address after the redirect.
            #expect(report.feeds.map(\.url) == [base.absoluteString + "/feeds/new.xml", base.absoluteString + "/moving"])
            #expect(report.feeds[0].addresses.contains(base.absoluteString + "/home/old-feed"))
        }
    }

    @Test func anUnreachableAddressIsAnError() async throws {
        let server = FixtureServer(routes: ["/gone": .status(410)])
        let base = try await server.start()
        let discovery = FeedDiscovery(http: FetchService.liveHTTP(Settings()))
        await #expect(throws: DiscoveryError.unreachable(url: base.absoluteString + "/gone", reason: "HTTP 410")) {
            _ = try await discovery.discover(base.absoluteString + "/gone")
        }
        await server.stop()
    }

    @Test(arguments: [
        ("example.org/blog", "https://example.org/blog"),
        ("  http://example.org  ", "http://example.org"),
    ])
    func addressesAreCompleted(_ input: String, _ expected: String) throws {
        #expect(try FeedDiscovery.completeAddress(input) == expected)
    }

    @Test(arguments: ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/feed", ""])
    func addressesTelexDoesNotFetchAreRefused(_ input: String) {
        #expect(throws: DiscoveryError.self) { try FeedDiscovery.completeAddress(input) }
    }

    /// Candidates named by a public page may not reach private addresses; the address the user typed may.
    @Test func onlyTheUsersOwnAddressMayBePrivate() async throws {
        let http = RecordingHTTP(pages: [
            "https://public.example/": "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"http://10.0.0.1/feed\"></head></html>",
        ])
        let report = try await FeedDiscovery(http: http).discover("https://public.example/")
        #expect(report.feeds.isEmpty)
        let requests = http.requests
        #expect(requests.first?.url.absoluteString == "https://public.example/")
        #expect(requests.first?.allowPrivateAddresses == true)
        #expect(requests.dropFirst().allSatisfy { !$0.allowPrivateAddresses })
        #expect(requests.contains { $0.url.absoluteString == "http://10.0.0.1/feed" })
    }
}

/// Answers from a table of pages (HTML or feeds), 404 elsewhere; records every request.
final class RecordingHTTP: HTTPFetching {
    let pages: [String: String]
    private let log = Mutex<[HTTPFetchRequest]>([])
    init(pages: [String: String]) { self.pages = pages }
    var requests: [HTTPFetchRequest] { log.withLock { $0 } }

    func fetch(_ request: HTTPFetchRequest) async throws(HTTPFetchError) -> HTTPFetchResponse {
        log.withLock { $0.append(request) }
        // The live client's address policy, for the one private host these tests name.
        if !request.allowPrivateAddresses, request.url.host == "10.0.0.1" { throw .blockedAddress(host: "10.0.0.1") }
        guard let text = pages[request.url.absoluteString] else { return HTTPFetchResponse(status: 404, finalURL: request.url) }
        return HTTPFetchResponse(status: 200, finalURL: request.url, headers: ["content-type": "text/html"], body: Array(text.utf8))
    }
}
