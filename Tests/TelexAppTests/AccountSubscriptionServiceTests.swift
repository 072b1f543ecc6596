import Foundation
import Testing
import TelexConfig
import TelexFetch
import TelexModel
import TelexStore
import TelexSync
import TelexTestServer
import TelexTestSupport
import TelexUI
@testable import TelexApp

/// The reader's `a` and `F` on an account's section or feed (docs/sync.md, "Subscriptions"): the change
/// goes to the server (the fake Google Reader API here), never to feeds.json; a local feed that has the
/// same address as an account's stays feeds.json's.
@Suite(.timeLimit(.minutes(1))) struct AccountSubscriptionServiceTests {
    typealias Posted = ReaderFollowsTests.Posted

    struct Setup {
        let dir: URL
        let path: String
        let session: CacheSession
        let service: SubscriptionService
        let api: GoogleReaderFixture
        let server: FixtureServer
        let posted = Posted()
    }

    func setUp() async throws -> Setup {
        let server = FixtureServer(routes: ["/local.xml": SubscriptionServiceTests.rss("Local", ["1"]),
                                            "/other.xml": SubscriptionServiceTests.rss("Other", ["1"]),
                                            "/blog.xml": SubscriptionServiceTests.rss("Blog", ["1"])])
        let api = GoogleReaderFixture()
        api.install(on: server)
        let base = try await server.start()
        // The local feed has the address the server gives for its "Wire" feed.
        api.addFeed(title: "Wire", url: base.absoluteString + "/local.xml", folder: "News")
        api.addFeed(title: "Blog", url: base.absoluteString + "/blog.xml", folder: "Tech")
        let dir = try Fixtures.temporaryDirectory("telex-account-subscribe")
        let path = dir.appendingPathComponent("feeds.json").path
        try ReaderFollowsTests.write("""
            {"sections": [{"name": "Local", "feeds": [{"url": "\(base.absoluteString)/local.xml"}, {"url": "\(base.absoluteString)/other.xml"}]}],
             "accounts": [{"name": "home", "type": "greader", "url": "\(base.absoluteString)/api/greader.php", "user": "ann",
                           "password_command": "echo pw"}]}
            """, to: path)
        let config = try ConfigurationLoader.load(explicitPath: path, paths: Paths())
        let session = try CacheSession(configuration: config, cacheDirectory: dir.appendingPathComponent("cache").path,
                                       watch: ConfigurationWatch(current: config, explicitPath: path, paths: Paths()))
        let reports = try await #require(session.accountSubscriptions()).runner.sync()
        #expect(reports.map(\.error) == [nil])
        let service = SubscriptionService(file: FeedsFile(path: path, template: ""), http: FetchService.liveHTTP(Settings()),
                                          knowledge: { CacheKnowledge(store: session.store) },
                                          accounts: { session.accountSubscriptions() },
                                          applied: { post in session.followConfiguration(post: post, announce: false) })
        return Setup(dir: dir, path: path, session: session, service: service, api: api, server: server)
    }

    /// Polls (the work runs on other queues) until `condition` holds; the suite's time limit bounds it.
    func eventually(_ s: Setup, _ condition: () throws -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for _ in 0..<1000 {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("still not so after 20 s; posted: \(s.posted.all)", sourceLocation: sourceLocation)
    }

    func feed(_ s: Setup, _ title: String) throws -> FeedSummary {
        try #require(try s.session.store.sections().flatMap(\.feeds).first { $0.title == title })
    }

    @Test func anAccountsFeedIsMovedAndRemovedOnTheServerAndFeedsJSONStaysAsItWas() async throws {
        let s = try await setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let file = try String(contentsOfFile: s.path, encoding: .utf8)
        #expect(try s.session.store.sections().map(\.name) == ["Local", "News", "Tech"])
        s.service.move(url: try feed(s, "Wire").url, toSection: "tech", post: s.posted.post)
        try await eventually(s) { !s.posted.all.isEmpty }
        #expect(s.posted.all == [.subscriptionsChanged("Moved Wire to Tech on home")])
        #expect(s.api.feeds.map(\.folder) == ["Tech", "Tech"])
        #expect(try s.session.store.sections().dropFirst().map { "\($0.name): \($0.feeds.map(\.title))" } == ["Tech: [\"Wire\", \"Blog\"]"])
        s.service.unsubscribe(url: try feed(s, "Blog").url, post: s.posted.post)
        try await eventually(s) { s.posted.all.count == 2 }
        #expect(s.posted.all.last == .subscriptionsChanged("Removed Blog: unsubscribed on home; its saved items are kept"))
        #expect(s.api.feeds.map(\.title) == ["Wire"])
        #expect(try String(contentsOfFile: s.path, encoding: .utf8) == file)
        await s.server.stop()
    }

    @Test func addingToAnAccountsSectionSubscribesOnTheServerAndSyncs() async throws {
        let s = try await setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        s.service.subscribe([FeedCandidate(url: "http://127.0.0.1:1/new.xml", title: "New", itemCount: 2)], section: "news", post: s.posted.post)
        try await eventually(s) { !s.posted.all.isEmpty }
        #expect(s.posted.all == [.subscriptionsChanged("Added New to News on home; syncing…")])
        #expect(s.api.feeds.last?.url == "http://127.0.0.1:1/new.xml" && s.api.feeds.last?.folder == "News")
        try await eventually(s) { try s.session.store.sections().first { $0.name == "News" }?.feeds.count == 2 }
        #expect(try FeedsFile(path: s.path, template: "").load().sections.map(\.feeds.count) == [2])
        await s.server.stop()
    }

    @Test func theServersRefusalChangesNothingAndALocalFeedStaysLocal() async throws {
        let s = try await setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let wire = try #require(try s.session.store.sections().first { $0.name == "News" }?.feeds.first)
        s.api.inject("/reader/api/0/subscription/edit", .status(503, body: "down\n"))
        s.service.unsubscribe(url: wire.url, post: s.posted.post)
        try await eventually(s) { !s.posted.all.isEmpty }
        #expect(s.posted.all == [.failed("home: HTTP 503: the server failed; nothing was changed")])
        #expect(try s.api.feeds.count == 2 && s.session.store.sections().map(\.name) == ["Local", "News", "Tech"])
        // The local feed of the same address is feeds.json's: removed there, the server's stays.
        let local = try #require(try s.session.store.sections().first?.feeds.first)
        s.service.unsubscribe(url: local.url, post: s.posted.post)
        try await eventually(s) { s.posted.all.contains(.subscriptionsChanged("Removed \(local.title); its saved items are kept")) }
        let left = try FeedsFile(path: s.path, template: "").load().sections[0].feeds.map(\.url)
        let other = try #require(left.first)
        #expect(left.count == 1 && other.hasSuffix("/other.xml"))
        #expect(s.api.feeds.count == 2)
        // A local feed cannot move into an account's section: it would have to be subscribed there.
        s.service.move(url: other, toSection: "Tech", post: s.posted.post)
        try await eventually(s) { s.posted.all.contains(.failed("Tech is a section of the account home: add the feed there (a), then remove it here")) }
        #expect(try FeedsFile(path: s.path, template: "").load().sections.map(\.name) == ["Local"])
        await s.server.stop()
    }

    /// `a` looks for what is already there where the feed would go: the account's feeds in its section,
    /// feeds.json's elsewhere.
    @Test func discoveryInAnAccountsSectionChecksTheAccountNotFeedsJSON() async throws {
        let s = try await setUp()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let base = try #require(s.api.feeds.first?.url.replacingOccurrences(of: "/local.xml", with: ""))
        func discover(_ path: String, in section: String) async throws -> Action {
            let before = s.posted.all.count
            _ = s.service.discover(base + path, section: section, post: s.posted.post)
            try await eventually(s) { s.posted.all.count > before }
            return s.posted.all[before]
        }
        // The server's Wire is this address: in the account's sections it is there already, in Local too (feeds.json's).
        #expect(try await discover("/local.xml", in: "Tech") == .discoveryFailed(address: base + "/local.xml", "Already subscribed: Wire in News on home"))
        let localName = FeedName.hostAndPath(base + "/local.xml")
        #expect(try await discover("/local.xml", in: "Local") == .discoveryFailed(address: base + "/local.xml", "Already subscribed: \(localName) in Local"))
        // feeds.json's Other is offered to the account; the account's Blog to feeds.json.
        #expect(try await discover("/other.xml", in: "news") == .feedsDiscovered(address: base + "/other.xml",
                                                                                [FeedCandidate(url: base + "/other.xml", title: "Other", itemCount: 1)]))
        #expect(try await discover("/blog.xml", in: "Local") == .feedsDiscovered(address: base + "/blog.xml",
                                                                                [FeedCandidate(url: base + "/blog.xml", title: "Blog", itemCount: 1)]))
        await s.server.stop()
    }
}
