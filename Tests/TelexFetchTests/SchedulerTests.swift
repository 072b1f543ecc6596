import Foundation
import Logging
import Testing
@testable import TelexFetch
import TelexConfig
import TelexModel
import TelexStore
import TelexTestServer
import TelexTestSupport

/// The daemon's loop under a manual clock: each feed when due, never sooner than its server asks,
/// backing off when it fails; requests answered; feeds.json followed.
@Suite(.timeLimit(.minutes(1))) struct SchedulerTests {
    static let items = [SiteBuilder.Item(id: "1", title: "One", link: "http://example.org/1")]

    static func routes() -> [String: FixtureRoute] {
        let ttlFeed = SiteBuilder.rss("TTL", items).replacingOccurrences(of: "<channel>", with: "<channel><ttl>180</ttl>")
        return [
            "/a.xml": SiteBuilder.feed("A", items),
            "/cached.xml": .resource(FixtureResource(text: SiteBuilder.rss("Cached", items), contentType: "application/rss+xml",
                                                     etag: "\"c\"", headers: ["Cache-Control": "max-age=7200"])),
            "/ttl.xml": .resource(FixtureResource(text: ttlFeed, contentType: "application/rss+xml", etag: "\"t\"")),
            "/down.xml": .status(500),
            "/busy.xml": .status(429, headers: ["Retry-After": "5400"]),
            "/gone.xml": .status(410),
        ]
    }

    static func scheduler(_ h: PipelineHarness, clock: ManualClock, configPath: String? = nil) throws -> FetchScheduler {
        let path = configPath ?? h.directory.appendingPathComponent("no-feeds.json").path
        return try FetchScheduler(store: h.store, cacheDirectory: h.cacheDirectory,
                                  configuration: ConfigurationWatch(current: h.config, explicitPath: path, paths: Paths()),
                                  options: FetchScheduler.Options(articles: false), makeHTTP: { FetchService.liveHTTP($0) },
                                  clock: clock, jitter: .none,
                                  logger: Logger(label: "test") { _ in CountingLogHandler(recorder: h.logs) })
    }

    /// Paths requested since `counts` was taken, sorted.
    static func requested(_ server: FixtureServer, since counts: inout [String: Int]) -> [String] {
        var now: [String: Int] = [:]
        for r in server.requests { now[r.path, default: 0] += 1 }
        defer { counts = now }
        return now.filter { $0.value > counts[$0.key, default: 0] }.map(\.key).sorted()
    }

    @Test func feedsAreFetchedWhenDueWithBackoffRetryAfterMaxAgeTTLAndGone() async throws {
        let clock = ManualClock()
        let t0 = clock.now
        let h = try await PipelineHarness(routes: Self.routes(), feeds: ["/a.xml", "/cached.xml", "/ttl.xml", "/down.xml", "/busy.xml", "/gone.xml"],
                                          clock: clock)
        defer { Task { await h.close() } }
        let scheduler = try Self.scheduler(h, clock: clock)
        var counts: [String: Int] = [:]
        func offset(_ date: Date?) -> Double? { date.map { $0.timeIntervalSince(t0) } }

        // t0: everything is due once.
        var next = try await scheduler.step()
        #expect(Self.requested(h.server, since: &counts) == ["/a.xml", "/busy.xml", "/cached.xml", "/down.xml", "/gone.xml", "/ttl.xml"])
        #expect(offset(try h.info("/a.xml")?.nextDue) == 1_800)        // the interval (30 min, no jitter in tests)
        #expect(offset(try h.info("/cached.xml")?.nextDue) == 7_200)   // Cache-Control: max-age=7200
        #expect(offset(try h.info("/ttl.xml")?.nextDue) == 10_800)     // <ttl>180</ttl> minutes
        #expect(offset(try h.info("/down.xml")?.nextDue) == 225)       // backoff: 5 min at 3/4
        #expect(offset(try h.info("/busy.xml")?.retryAfter) == 5_400)  // Retry-After: 5400
        #expect(try h.info("/gone.xml")?.gone == true)
        #expect(offset(next) == 225)

        // Nothing is due before then.
        clock.advance(by: 100)
        next = try await scheduler.step()
        #expect(Self.requested(h.server, since: &counts) == [])
        #expect(offset(next) == 225)

        clock.set(t0.addingTimeInterval(225))
        next = try await scheduler.step()
        #expect(Self.requested(h.server, since: &counts) == ["/down.xml"])
        #expect(offset(next) == 675)                                   // second failure: 10 min at 3/4

        clock.set(t0.addingTimeInterval(1_800))
        next = try await scheduler.step()
        #expect(Self.requested(h.server, since: &counts) == ["/a.xml", "/down.xml"])
        #expect(offset(next) == 2_700)                                 // third failure: 20 min at 3/4

        // The busy server is asked again only once its wait is over.
        clock.set(t0.addingTimeInterval(5_399))
        h.server.setRoute("/busy.xml", SiteBuilder.feed("Busy", Self.items))
        _ = try await scheduler.step()
        #expect(Self.requested(h.server, since: &counts) == ["/a.xml", "/down.xml"])
        clock.set(t0.addingTimeInterval(5_400))
        _ = try await scheduler.step()
        #expect(Self.requested(h.server, since: &counts) == ["/busy.xml"])
        #expect(try h.info("/busy.xml")?.retryAfter == nil)

        clock.set(t0.addingTimeInterval(7_200))
        _ = try await scheduler.step()
        #expect(Self.requested(h.server, since: &counts) == ["/a.xml", "/busy.xml", "/cached.xml", "/down.xml"])
        clock.set(t0.addingTimeInterval(11_000))
        _ = try await scheduler.step()
        #expect(Self.requested(h.server, since: &counts).contains("/ttl.xml"))
        #expect(h.server.requestCount("/gone.xml") == 1)
    }

    /// A request left by `telex fetch` is answered by the next step, and the status file says which.
    @Test func aRequestIsAnsweredByAPassThatBeganAfterIt() async throws {
        let clock = ManualClock()
        let h = try await PipelineHarness(routes: Self.routes(), feeds: ["/a.xml", "/cached.xml"], clock: clock)
        defer { Task { await h.close() } }
        let scheduler = try Self.scheduler(h, clock: clock)
        _ = try await scheduler.step()
        let before = FetchStatusFile.read(cacheDirectory: h.cacheDirectory)
        #expect(before?.last?.answeredRequest == 0 && before?.role == .serve)
        let a = try #require(try h.info("/a.xml"))
        let id = try h.store.requestFetch(feeds: [a.id], force: true, origin: "fetch")
        _ = try await scheduler.step()
        #expect(h.server.requestCount("/a.xml") == 2 && h.server.requestCount("/cached.xml") == 1)
        let after = try #require(FetchStatusFile.read(cacheDirectory: h.cacheDirectory))
        #expect(after.last?.answeredRequest == id && after.current == nil)
        #expect(after.last?.progress.unchanged == 1)
        #expect(try h.store.pendingFetchRequestIDs().isEmpty)
    }

    /// `telex serve` notices feeds.json change (not only on SIGHUP); a broken file is logged once and the
    /// previous feeds kept.
    @Test func theDaemonFollowsFeedsJSON() async throws {
        let clock = ManualClock()
        let h = try await PipelineHarness(routes: Self.routes(), feeds: ["/a.xml"], clock: clock)
        defer { Task { await h.close() } }
        let path = h.directory.appendingPathComponent("feeds.json").path
        func write(_ text: String) throws {
            try text.write(toFile: path + ".new", atomically: false, encoding: .utf8)
            rename(path + ".new", path)
        }
        try write("{\"sections\": [{\"name\": \"News\", \"feeds\": [{\"url\": \"\(h.url("/a.xml"))\"}]}]}")
        let scheduler = try Self.scheduler(h, clock: clock, configPath: path)
        _ = try await scheduler.step()
        try write("{\"sections\": [{\"name\": \"News\", \"feeds\": [{\"url\": \"\(h.url("/a.xml"))\"}, {\"url\": \"\(h.url("/cached.xml"))\"}]}]}")
        _ = try await scheduler.step()
        #expect(h.server.requestCount("/cached.xml") == 1)
        #expect(try h.store.sections()[0].feeds.count == 2)
        try write("{\"sections\": [")
        _ = try await scheduler.step()
        _ = try await scheduler.step()
        #expect(h.logs.all.filter { $0.0 == .error && $0.1.hasPrefix("kept the previous feeds.json") }.count == 1)
        #expect(try h.store.sections()[0].feeds.count == 2)
        #expect(scheduler.configuration.enabledFeeds.count == 2)
    }

    /// A pass only queues its items for search; the daemon indexes them before it sleeps.
    @Test func theLoopIndexesWhatAPassQueuedBeforeItSleeps() async throws {
        let clock = ManualClock()
        let h = try await PipelineHarness(routes: Self.routes(), feeds: ["/a.xml"], clock: clock)
        defer { Task { await h.close() } }
        let scheduler = try Self.scheduler(h, clock: clock)
        _ = try await scheduler.step()
        let items = try h.store.count(.all)
        let queued = try h.store.pendingIndexCount()
        #expect(items > 0 && queued == items)
        let loop = Task { await scheduler.run() }
        try await eventually("the pass and then a sleep") { h.server.requestCount("/a.xml") >= 1 && clock.sleeping > 0 }
        #expect(try h.store.pendingIndexCount() == 0)
        loop.cancel()
        await loop.value
    }

    /// The loop sleeps on its clock, wakes for a request, and ends when its task is cancelled (SIGTERM).
    @Test func theLoopWakesForARequestAndStopsWhenCancelled() async throws {
        let clock = ManualClock()
        let h = try await PipelineHarness(routes: Self.routes(), feeds: ["/a.xml"], clock: clock)
        defer { Task { await h.close() } }
        let scheduler = try Self.scheduler(h, clock: clock)
        let loop = Task { await scheduler.run() }
        try await eventually("the first pass and then a sleep") { h.server.requestCount("/a.xml") == 1 && clock.sleeping > 0 }
        try h.store.requestFetch(force: true, origin: "fetch")
        try await eventually("the request answered") {
            clock.advance(by: 1)
            return h.server.requestCount("/a.xml") == 2
        }
        loop.cancel()
        await loop.value
        #expect(h.logs.all.contains { $0.1 == "telex serve stopping" })
    }
}
