import Foundation
import Logging
import Testing
@testable import TelexFetch
import TelexConfig
import TelexModel
@testable import TelexStore
import TelexTestServer

/// How a pass commits: a finished feed waits at most about a second for its batch, a stop (SIGTERM)
/// ends requests in flight, and a cache that cannot be written stops the pass without reporting "ok".
@Suite(.timeLimit(.minutes(1))) struct PassWritingTests {
    static func items(_ n: Int, _ prefix: String) -> [SiteBuilder.Item] {
        (0..<n).map { SiteBuilder.Item(id: "\(prefix)\($0)", title: "Story \(prefix)\($0)", link: "http://example.org/\(prefix)\($0)") }
    }

    /// One slow feed no longer holds back the items of the feeds that finished: they are committed
    /// after a second of the pass's clock, while the slow one is still in flight.
    @Test func aFinishedFeedIsCommittedAfterASecondWhileAnotherStillRuns() async throws {
        let clock = ManualClock()
        let h = try await PipelineHarness(routes: ["/fast.xml": SiteBuilder.feed("Fast", Self.items(3, "f")), "/slow.xml": .stall(seconds: 600)],
                                          feeds: ["/fast.xml", "/slow.xml"], clock: clock)
        defer { Task { await h.close() } }
        let pass = Task { try await h.pass() }
        defer { pass.cancel() }
        try await eventually("both requests reached the server") { h.server.requests.count == 2 }
        // The fast feed's outcome waits in the batch; nothing is committed until the clock moves on.
        try await eventually("the committed fast feed") {
            clock.advance(by: 1)
            return h.reports.all.contains { $0.outcome == .updated(items: 3) }
        }
        #expect(try h.store.count(.all) == 3)
        #expect(!h.reports.all.contains { $0.url.hasSuffix("/slow.xml") })
        pass.cancel()
        let summary = try await pass.value
        #expect(summary.ok == 1 && summary.skipped == 1 && summary.newItems == 3)
    }

    /// SIGTERM cancels the daemon's task: requests in flight end at once (a stalled server would hold
    /// the pass for ten minutes), nothing is recorded for them, what finished is written.
    @Test func cancellingAPassEndsItsRequestsInFlight() async throws {
        let clock = ManualClock()
        let h = try await PipelineHarness(routes: ["/ok.xml": SiteBuilder.feed("OK", Self.items(2, "o")), "/stall.xml": .stall(seconds: 600)],
                                          feeds: ["/ok.xml", "/stall.xml"], clock: clock)
        defer { Task { await h.close() } }
        let pass = Task { try await h.pass() }
        try await eventually("the good feed was committed") {
            clock.advance(by: 1)
            return h.reports.all.contains { $0.url == h.url("/ok.xml") }
        }
        #expect(h.server.requestCount("/stall.xml") == 1)
        pass.cancel()
        let summary = try await pass.value
        #expect(summary.ok == 1 && summary.skipped == 1 && summary.newItems == 2)
        #expect(h.reports.all.contains { $0.url == h.url("/stall.xml") && $0.outcome == .skipped("cancelled") })
        let stalled = try #require(try h.info("/stall.xml"))
        #expect(stalled.lastAttempt == nil && stalled.consecutiveFailures == 0)
    }

    /// A full disk: the batch that rolls back reports its feeds failed (never "ok"), the error is logged
    /// once, and the pass stops instead of failing every later write the same way.
    @Test func aFullDiskStopsThePassAndReportsNoRolledBackFeedAsOK() async throws {
        let paths = (0..<40).map { "/f\($0).xml" }
        var routes: [String: FixtureRoute] = [:]
        for (i, path) in paths.enumerated() {
            let items = (0..<40).map { n in
                SiteBuilder.Item(id: "\(i)-\(n)", title: "Story \(i)-\(n)", link: "http://example.org/\(i)/\(n)",
                                 summary: String(repeating: "A summary long enough to fill pages \(i) \(n). ", count: 30))
            }
            routes[path] = SiteBuilder.feed("Feed \(i)", items)
        }
        let h = try await PipelineHarness(routes: routes, feeds: paths)
        defer { Task { await h.close() } }
        try h.service().syncConfiguration()
        let pages = try #require(try h.store.scalarForTesting("PRAGMA page_count"))
        try h.store.executeForTesting("PRAGMA max_page_count = \(pages + 60)")
        await #expect(throws: PassWriteError.self) { try await h.pass() }
        let reported = h.reports.all
        for report in reported {
            guard case .updated(let items) = report.outcome else { continue }
            let feed = try #require(try h.store.feedsForFetching().first { $0.url == report.url })
            #expect(try h.store.count(.feed(feed.id)) == items, "\(report.url) was reported ok")
        }
        #expect(reported.contains { if case .failed(let m) = $0.outcome { m.hasPrefix("cache write failed: the disk") } else { false } })
        #expect(h.logs.all.filter { $0.0 == .error }.count == 1)
        #expect(reported.count < paths.count)
    }
}
