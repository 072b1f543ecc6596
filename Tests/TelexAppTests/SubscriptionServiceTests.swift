import Foundation
import Testing
import TelexConfig
import TelexFetch
import TelexModel
import TelexTestServer
import TelexTestSupport
import TelexUI
@testable import TelexApp

/// The reader's `a` and `F` against a real feeds.json, cache and fixture server on 127.0.0.1.
@Suite(.timeLimit(.minutes(1))) struct SubscriptionServiceTests {
    typealias Posted = ReaderFollowsTests.Posted

    static func rss(_ title: String, _ ids: [String]) -> FixtureRoute {
        let items = ids.map { "<item><guid>\($0)</guid><title>\(title) \($0)</title></item>" }.joined()
        return .resource(FixtureResource(text: "<rss version=\"2.0\"><channel><title>\(title)</title>\(items)</channel></rss>",
                                         contentType: "application/rss+xml"))
    }

    struct Setup {
        let dir: URL
        let path: String
        let session: CacheSession
        let service: SubscriptionService
        let posted = Posted()
    }

    func setUp(_ base: URL, feeds: [(String, [String])]) throws -> Setup {
        let dir = try Fixtures.temporaryDirectory("telex-subscribe")
        let path = dir.appendingPathComponent("feeds.json").path
        try ReaderFollowsTests.write(ReaderFollowsTests.feeds(feeds), to: path)
        let config = try ConfigurationLoader.load(explicitPath: path, paths: Paths())
        let session = try CacheSession(configuration: config, cacheDirectory: dir.appendingPathComponent("cache").path,
                                       watch: ConfigurationWatch(current: config, explicitPath: path, paths: Paths()))
        let service = SubscriptionService(file: FeedsFile(path: path, template: ""), http: FetchService.liveHTTP(Settings()),
                                          knowledge: { CacheKnowledge(store: session.store) },
                                          applied: { post in session.followConfiguration(post: post, announce: false) })
        return Setup(dir: dir, path: path, session: session, service: service)
    }

    /// Polls (the work runs on other queues) until `condition` holds; the suite's time limit bounds it.
    func eventually(_ condition: () throws -> Bool) async throws {
        while try !condition() { try await Task.sleep(for: .milliseconds(20)) }
    }

    @Test func subscribingWritesFeedsJSONAndTheSessionFetchesTheNewFeed() async throws {
        let server = FixtureServer(routes: ["/a.xml": Self.rss("A", ["1"]), "/b.xml": Self.rss("B", ["1", "2"])])
        let base = try await server.start()
        let s = try setUp(base, feeds: [("World", [base.absoluteString + "/a.xml"])])
        defer { try? FileManager.default.removeItem(at: s.dir) }
        s.service.subscribe([FeedCandidate(url: base.absoluteString + "/b.xml", title: "B", itemCount: 2)], section: "world",
                            post: s.posted.post)
        try await eventually { try s.session.store.sections().first?.feeds.count == 2 }
        #expect(try FeedsFile(path: s.path, template: "").load().sections[0].feeds.map(\.url)
                == [base.absoluteString + "/a.xml", base.absoluteString + "/b.xml"])
        try await eventually { try s.session.store.sections().first?.feeds.last?.total == 2 }
        #expect(s.posted.all.first == .subscriptionsChanged("Added B to World; fetching…"))
        #expect(!s.posted.all.contains { if case .failed(let m) = $0 { m.hasPrefix("Reloaded") } else { false } })
        await server.stop()
    }

    /// The reader's own pass holds its only slot: a feed added meanwhile is fetched when that pass ends.
    @Test func aFeedAddedWhileAPassRunsIsFetchedWhenItEnds() async throws {
        let server = FixtureServer(routes: ["/a.xml": Self.rss("A", ["1"]), "/b.xml": Self.rss("B", ["1", "2", "3"])],
                                   latency: .seconds(1))
        let base = try await server.start()
        let s = try setUp(base, feeds: [("World", [base.absoluteString + "/a.xml"])])
        defer { try? FileManager.default.removeItem(at: s.dir) }
        s.session.refresh(post: s.posted.post)
        try await eventually { server.requestCount("/a.xml") == 1 }
        s.service.subscribe([FeedCandidate(url: base.absoluteString + "/b.xml", title: "B", itemCount: 3)], section: "World",
                            post: s.posted.post)
        try await eventually { try s.session.store.sections().first?.feeds.last?.total == 3 }
        #expect(server.requestCount("/b.xml") == 1)
        await server.stop()
    }

    @Test func anAddressAlreadyFollowedIsSaidSoWithoutAFetch() async throws {
        let server = FixtureServer(routes: ["/a.xml": Self.rss("A", ["1"])])
        let base = try await server.start()
        let s = try setUp(base, feeds: [("World", [base.absoluteString + "/a.xml"])])
        defer { try? FileManager.default.removeItem(at: s.dir) }
        _ = s.service.discover(base.absoluteString.uppercased().replacingOccurrences(of: "HTTP:", with: "http:") + "/a.xml#top",
                               section: "Tech", post: s.posted.post)
        try await eventually { !s.posted.all.isEmpty }
        guard case .discoveryFailed(_, let message)? = s.posted.all.first else { Issue.record("\(s.posted.all)"); return }
        #expect(message == "Already subscribed: \(FeedName.hostAndPath(base.absoluteString + "/a.xml")) in World")
        #expect(server.requests.isEmpty)
        await server.stop()
    }

    @Test func removingAndMovingEditFeedsJSONAndTheLastFeedStays() async throws {
        let server = FixtureServer(routes: [:])
        let base = try await server.start()
        let a = base.absoluteString + "/a.xml", b = base.absoluteString + "/b.xml"
        let s = try setUp(base, feeds: [("World", [a, b])])
        defer { try? FileManager.default.removeItem(at: s.dir) }
        s.service.move(url: b, toSection: "Tech", post: s.posted.post)
        try await eventually { try s.session.store.sections().map(\.name) == ["World", "Tech"] }
        s.service.unsubscribe(url: a, post: s.posted.post)
        try await eventually { try s.session.store.sections().map(\.name) == ["Tech"] }
        s.service.unsubscribe(url: b, post: s.posted.post)
        func said() -> [Action] {
            s.posted.all.filter { if case .subscriptionsChanged = $0 { true } else if case .failed = $0 { true } else { false } }
        }
        try await eventually { said().count == 3 }
        // Named as the reader shows them (host and path: they were never fetched).
        #expect(said() == [
            .subscriptionsChanged("Moved \(FeedName.hostAndPath(b)) to Tech"),
            .subscriptionsChanged("Removed \(FeedName.hostAndPath(a)); its saved items are kept (the section World went with it)"),
            .failed("This is the only feed: feeds.json needs at least one (add another first)"),
        ])
        #expect(try FeedsFile(path: s.path, template: "").load().sections.map(\.name) == ["Tech"])
        await server.stop()
    }
}
