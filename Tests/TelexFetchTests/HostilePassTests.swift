import Foundation
import Testing
@testable import TelexFetch
import TelexConfig
import TelexModel
import TelexStore
import TelexTestServer

/// A whole pass over every hostile server at once, beside one good feed: the pass ends within its
/// bound, each hostile feed fails with the limit it hit, the good feed's items are kept, and a
/// second pass adds the good feed's new item and loses nothing.
@Suite(.serialized) struct HostilePassTests {
    typealias Harness = PipelineHarness

    /// Total 8 s, under 1 KiB/s for 3 s is too slow, 1 MiB per feed; all feeds at once. (A low-speed
    /// period of 1 s failed the good feed too when the shared machine stalled the test process.)
    static let limits = testLimits(maxFeedBytes: 1 << 20, idle: 30, total: 8, lowSpeed: 1024, lowSpeedTime: 3)

    static func goodFeed(_ items: Int) -> FixtureRoute {
        SiteBuilder.feed("Good", PipelineTests.items(items, prefix: "good"), etag: "\"good-\(items)\"")
    }

    @Test func aPassOverEveryHostileServerEndsInItsBoundAndKeepsTheGoodFeed() async throws {
        var routes = HostileSite.routes(dripEvery: .milliseconds(250), silentSeconds: 30, bombBytes: 1 << 30)
        routes["/good.xml"] = Self.goodFeed(3)
        let hostilePaths = HostileSite.behaviours.map(\.path)
        let h = try await Harness(routes: routes, feeds: ["/good.xml"] + hostilePaths)
        let reset = try ResetServer(promisedBytes: 100_000, sentBytes: 2_000)
        defer { reset.stop(); Task { await h.close() } }
        h.config.sections[0].feeds.append(FeedConfig(url: reset.url.absoluteString, article: .never))
        let feeds = h.config.sections[0].feeds.count
        #expect(feeds == 11)
        // The bound the fetcher promises: (N / jobs + 1) x the total limit.
        let bound = (Double(feeds) / Double(Self.limits.jobs) + 1) * Self.limits.totalTimeout

        var started = Date()
        let first = try await h.pass(http: CurlFetcher(limits: Self.limits))
        #expect(Date().timeIntervalSince(started) <= bound)
        #expect(first.ok == 1)
        #expect(first.failed == 10)
        #expect(try h.store.count(.all) == 3)

        let messages = Dictionary(h.reports.all.compactMap { report -> (String, String)? in
            if case .failed(let message) = report.outcome { return (report.url, message) }
            return nil
        }, uniquingKeysWith: { a, _ in a })
        #expect(messages[h.url("/drip.xml")] == "too slow: under 1 KiB/s for 3 s")
        // Silence is under 1 KiB/s too: the low-speed limit ends it before the total limit.
        #expect(messages[h.url("/silent.xml")] == "too slow: under 1 KiB/s for 3 s")
        #expect(messages[h.url("/endless.xml")] == "response larger than 1 MiB (cut)")
        #expect(messages[h.url("/bomb.xml")] == "response larger than 1 MiB (cut)")
        #expect(messages[h.url("/loop-a.xml")] == "redirect loop at \(h.url("/loop-a.xml"))")
        #expect(messages[h.url("/to-file.xml")] == "only http and https are fetched (not file:)")
        #expect(messages[h.url("/busy.xml")] == "HTTP 429")
        #expect(messages[h.url("/page.xml")]?.hasPrefix("not a feed") == true)
        #expect(messages[h.url("/laughs.xml")]?.hasPrefix("not a feed") == true)
        #expect(messages[reset.url.absoluteString]?.hasPrefix("the connection was lost mid-response") == true)

        // The good feed gains an item; the hostile ones misbehave again (429 now waits for its Retry-After).
        h.server.setRoute("/good.xml", Self.goodFeed(4))
        started = Date()
        let second = try await h.pass(http: CurlFetcher(limits: Self.limits))
        #expect(Date().timeIntervalSince(started) <= bound)
        #expect(second.ok == 1)
        #expect(second.failed == 9)
        #expect(second.skipped == 1)
        #expect(second.newItems == 1)
        #expect(try h.store.count(.all) == 4)
    }
}
