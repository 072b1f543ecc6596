import Foundation
import Testing
import TelexConfig
import TelexFetch
import TelexStore
import TelexTestServer
@testable import TelexSync

/// The Miniflux REST API client and the sync engine against `MinifluxFixture`, a fake server written
/// from the API's public description (no real Miniflux is packaged for Debian; docs/sync.md).
@Suite struct MinifluxClientTests {
    final class Setup: @unchecked Sendable {
        let server = FixtureServer()
        let api = MinifluxFixture()
        var base: URL!
        var waits: [Double] = []
        var wire = 0, blog = 0

        static func start() async throws -> Setup {
            let s = Setup()
            s.api.install(on: s.server)
            s.base = try await s.server.start()
            let news = s.api.addCategory("News"), tech = s.api.addCategory("Tech")
            s.wire = s.api.addFeed(title: "Wire", url: "http://127.0.0.1:1/wire.xml", category: news)
            s.blog = s.api.addFeed(title: "Blog", url: "http://127.0.0.1:1/blog.xml", category: tech)
            return s
        }

        func client(apiKey: Bool = true, secret: String? = nil, maxListed: Int = 2_000_000,
                    limits: HTTPLimits = HTTPLimits(maxFeedBytes: 1 << 20, idleTimeout: 5, totalTimeout: 20)) throws -> MinifluxClient {
            let secret = secret ?? (apiKey ? "fixture-api-key" : "pw")
            return try MinifluxClient(url: base.absoluteString, user: "ann", apiKey: apiKey, http: CurlFetcher(limits: limits),
                                      secret: { () throws(SyncError) -> String in secret }, maxListed: maxListed,
                                      sleep: { self.waits.append($0) })
        }

        @discardableResult
        func add(_ n: Int, feed: Int? = nil) -> Int {
            api.addEntry(feed: feed ?? wire, title: "Story \(n)", url: "http://127.0.0.1:1/story/\(n)")
        }
    }

    func sync(_ cache: AccountSyncTests.Cache, _ client: MinifluxClient) async -> SyncReport {
        await AccountSync(store: cache.store).run(cache.account, name: "home", client: client)
    }

    func treeError(_ client: MinifluxClient) async -> SyncError? {
        do throws(SyncError) { _ = try await client.tree(); return nil } catch { return error }
    }

    @Test func aFirstSyncMakesSectionsOfCategoriesAndStoresEntriesWithTheirState() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        let one = s.add(1), two = s.add(2, feed: s.blog)
        s.add(3)
        s.api.setStatus(one, "read")
        s.api.setStarred(two, true)
        let removed = s.add(4)
        s.api.setStatus(removed, "removed")
        let cache = try AccountSyncTests.Cache()
        let report = await sync(cache, try s.client())
        #expect(report.error == nil)
        #expect(report.newItems == 3 && report.feeds == 2)
        #expect(try cache.store.sections().map(\.name) == ["News", "Tech"])
        #expect(try cache.item(1).read == true && cache.item(2).saved == true && cache.item(3).read == false)
        let cursor = try #require(try cache.store.accountCursor(cache.account).flatMap(MinifluxClient.Cursor.init))
        #expect(cursor.afterID == 1021)
        // The newest change among the entries pulled (the server's clock): entry 1's, read after 2 and 3 arrived.
        #expect(cursor.changedAfter == Int64(s.api.entry(one)!.changedAt.timeIntervalSince1970))
    }

    @Test func newEntriesComePageByPageAfterTheLastID() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        for n in 1...250 { s.add(n) }
        let cache = try AccountSyncTests.Cache()
        let client = try s.client()
        #expect(await sync(cache, client).newItems == 250)
        let firstPull = s.server.requests.filter { $0.path == "/v1/entries" && !$0.query.contains("starred") }.map(\.query)
        #expect(firstPull.count == 3)
        #expect(firstPull[1].contains("after_entry_id=1700"))
        s.add(251)
        let again = await sync(cache, client)
        #expect(again.error == nil && again.newItems == 1)
    }

    @Test func localChangesArePushedAndReadChangesElsewhereComeByChangedAfter() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        let ids = (1...4).map { s.add($0) }
        let cache = try AccountSyncTests.Cache()
        let client = try s.client(apiKey: false)
        _ = await sync(cache, client)
        try cache.store.setRead([try cache.item(1).id], true)
        try cache.store.setSaved(try cache.item(2).id, true)
        s.api.setStatus(ids[2], "read")
        s.api.setStarred(ids[3], true)
        let report = await sync(cache, client)
        #expect(report.error == nil && report.pushed == 2)
        #expect(s.api.entry(ids[0])?.status == "read" && s.api.entry(ids[1])?.starred == true)
        #expect(try cache.item(3).read == true && cache.item(4).saved == true)
        // The read change came with the pull (changed_after), not from comparing unread sets.
        let changed = s.server.requests.filter { $0.query.contains("changed_after") }
        #expect(changed.count == 1)
        #expect(!s.server.requests.contains { $0.query.contains("status=unread") && !$0.query.contains("status=read") })
        // Unsaved then saved again before a sync: the star the server has already is not toggled off.
        try cache.store.setSaved(try cache.item(2).id, false)
        try cache.store.setSaved(try cache.item(2).id, true)
        #expect(await sync(cache, client).pushed == 2)
        #expect(s.api.entry(ids[1])?.starred == true)
        #expect(s.server.requests.filter { $0.path.hasSuffix("/bookmark") }.count == 1)
    }

    @Test func twoCachesConverge() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        for n in 1...3 { s.add(n) }
        try await expectTwoCachesConverge { cache in _ = await sync(cache, try s.client()) }
    }

    @Test func refusedCredentialsAreNamedAndLoseNothing() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        s.add(1)
        let cache = try AccountSyncTests.Cache()
        _ = await sync(cache, try s.client())
        try cache.store.setRead([try cache.item(1).id], true)
        #expect(await sync(cache, try s.client(secret: "nope")).error == .loginRefused("the API key was refused"))
        #expect(await treeError(try s.client(apiKey: false, secret: "nope")) == .loginRefused("wrong user name or password"))
        #expect(try cache.store.pendingChanges(cache.account).count == 1)
        #expect(try cache.item(1).read == true)
    }

    @Test func tooManyRequestsServerErrorsAndAnswersThatAreNotTheAPI() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        let client = try s.client()
        s.api.inject("GET /v1/categories", .status(429, headers: ["Retry-After": "3"]))
        #expect(await treeError(client) == nil)
        #expect(s.waits == [3])
        s.api.inject("GET /v1/categories", .status(429, headers: ["Retry-After": "86400"]))
        #expect(await treeError(client) == .httpStatus(429, "too many requests; the server asks to wait 86400 s"))
        s.api.inject("GET /v1/categories", MinifluxFixture.error(500, "pq: connection refused"))
        #expect(await treeError(client) == .httpStatus(500, "pq: connection refused"))
        s.api.inject("GET /v1/categories", .status(502, body: "<html>Bad Gateway</html>"))
        #expect(await treeError(client) == .httpStatus(502, "the server failed"))
        s.api.inject("GET /v1/categories", .status(200, headers: ["Content-Type": "text/html"], body: "<html>Login</html>"))
        #expect(await treeError(client) == .badAnswer("not a Miniflux API answer (text/html, 18 bytes)"))
        s.api.inject("GET /v1/feeds", .status(200, headers: ["Content-Type": "application/json"], body: "{\"feeds\": []}"))
        #expect(await treeError(client) == .badAnswer("feeds did not give a list"))
        s.server.setResponder { _ in .status(404, body: "nothing here") }
        #expect(await treeError(client) == .httpStatus(404, "no Miniflux API at \(s.base.absoluteString)/"))
    }

    @Test func aServerClockFarFromOursLosesNoChange() async throws {
        for skew in [-7200.0, 7200.0] {
            let s = try await Setup.start()
            s.api.setClockSkew(skew)
            let one = s.add(1)
            s.add(2)
            let cache = try AccountSyncTests.Cache()
            let client = try s.client()
            _ = await sync(cache, client)
            s.api.setStatus(one, "read")
            s.add(3)
            let report = await sync(cache, client)
            #expect(report.error == nil)
            #expect(report.newItems == 1, "skew \(skew)")
            #expect(try cache.item(1).read == true, "skew \(skew)")
            await s.server.stop()
        }
    }

    @Test func anEntryListThatNeverEndsIsAClearErrorAndLosesNothing() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        s.add(1)
        let cache = try AccountSyncTests.Cache()
        _ = await sync(cache, try s.client())
        let cursor = try cache.store.accountCursor(cache.account)
        s.api.setEndless(true)
        let report = await sync(cache, try s.client(maxListed: 1000))
        #expect(report.error == .badAnswer("the server's entry list does not end (more than 1000 entries)"))
        #expect(try cache.store.accountCursor(cache.account) == cursor)
        s.api.setEndless(false)
        // A server that ignores after_entry_id gives the same page again.
        let page = (1...100).map { ["id": $0, "feed_id": s.wire, "status": "unread", "title": "x"] as [String: Any] }
        s.api.inject("GET /v1/entries", MinifluxFixture.json(["total": 100, "entries": page]), MinifluxFixture.json(["total": 100, "entries": page]))
        let client = try s.client()
        client.beginPull(after: nil)
        _ = try await client.nextPage()
        do throws(SyncError) { _ = try await client.nextPage(); Issue.record("no error") } catch {
            #expect(error == .badAnswer("the server's entry list does not end (ids do not increase)"))
        }
        s.api.inject("GET /v1/entries", .endless(contentType: "application/json"))
        let cut = try s.client(limits: HTTPLimits(maxFeedBytes: 64 << 10, idleTimeout: 5, totalTimeout: 20))
        do throws(SyncError) { _ = try await cut.starredIDs(); Issue.record("no error") } catch {
            #expect(error == .transport(.tooLarge(limit: 64 << 10)))
        }
    }

    @Test func subscribeAndMarkAllAsRead() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        let one = s.add(1), two = s.add(2, feed: s.blog)
        let client = try s.client()
        try await client.markAllAsRead(feed: String(s.wire))
        #expect(s.api.entry(one)?.status == "read" && s.api.entry(two)?.status == "unread")
        #expect(try await client.subscribe(to: "http://127.0.0.1:1/new.xml", categoryID: 1) == "43")
        #expect(try await client.tree().feeds.map(\.remoteID) == ["41", "42", "43"])
    }

    @Test func datesWithMicrosecondsAndOffsetsAreRead() {
        #expect(MinifluxClient.date("2018-12-17T19:43:26.112847-08:00").map { Int($0.timeIntervalSince1970 * 1000) } == 1_545_104_606_112)
        #expect(MinifluxClient.date("2018-12-18T03:43:26Z") == Date(timeIntervalSince1970: 1545104606))
        #expect(MinifluxClient.date("yesterday") == nil)
    }

    @Test func syncRunnerSyncsAMinifluxAccountWithAnAPIKey() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        s.add(1)
        let cache = try AccountSyncTests.Cache()
        let account = AccountConfig(name: "home", type: .miniflux, url: s.base.absoluteString, user: "ann",
                                    password: .environment("FLUX_KEY"), auth: .apiKey)
        let reports = try await cache.runner(account, secret: "fixture-api-key").sync()
        #expect(reports.map(\.error) == [nil])
        #expect(reports.first?.newItems == 1)
        #expect(s.server.requests.allSatisfy { $0.headers["x-auth-token"] == "fixture-api-key" && $0.headers["authorization"] == nil })
    }
}
