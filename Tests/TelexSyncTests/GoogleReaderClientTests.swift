import Foundation
import Testing
import TelexConfig
import TelexFetch
import TelexStore
import TelexTestServer
@testable import TelexSync

/// The Google Reader API client and the sync engine against `GoogleReaderFixture`, a fake server
/// written from the API's public description (no real one is packaged for Debian; docs/sync.md).
@Suite struct GoogleReaderClientTests {
    /// A fixture server with two feeds in two folders, and what a client needs to reach it.
    final class Setup: @unchecked Sendable {
        let server = FixtureServer()
        let api = GoogleReaderFixture()
        var base: URL!
        var sessions: [String] = []
        var waits: [Double] = []
        var wire = "", blog = ""

        static func start() async throws -> Setup {
            let s = Setup()
            s.api.install(on: s.server)
            s.base = try await s.server.start()
            s.wire = s.api.addFeed(title: "Wire", url: "http://127.0.0.1:1/wire.xml", folder: "News")
            s.blog = s.api.addFeed(title: "Blog", url: "http://127.0.0.1:1/blog.xml", folder: "Tech")
            return s
        }

        func client(password: String = "pw", session: String? = nil, maxListed: Int = 2_000_000,
                    limits: HTTPLimits = HTTPLimits(maxFeedBytes: 1 << 20, idleTimeout: 5, totalTimeout: 20)) throws -> GoogleReaderClient {
            try GoogleReaderClient(url: base.absoluteString + "/api/greader.php", user: "ann", http: CurlFetcher(limits: limits),
                                   session: session, password: { () throws(SyncError) -> String in password },
                                   onNewSession: { self.sessions.append($0) }, maxListed: maxListed,
                                   sleep: { self.waits.append($0) })
        }

        /// The account as feeds.json gives it.
        var account: AccountConfig {
            AccountConfig(name: "home", type: .greader, url: base.absoluteString + "/api/greader.php", user: "ann", password: .environment("X"))
        }

        @discardableResult
        func add(_ n: Int, feed: String? = nil) -> UInt64 {
            api.addItem(feed: feed ?? wire, title: "Story \(n)", link: "http://127.0.0.1:1/story/\(n)")
        }
    }

    func sync(_ cache: AccountSyncTests.Cache, _ client: GoogleReaderClient) async -> SyncReport {
        await AccountSync(store: cache.store).run(cache.account, name: "home", client: client)
    }

    func treeError(_ setup: Setup, session: String? = "ann/fixture-auth-0") async throws -> SyncError? {
        let client = try setup.client(session: session)
        do throws(SyncError) { _ = try await client.tree(); return nil } catch { return error }
    }

    @Test func aFirstSyncMakesSectionsOfFoldersAndStoresItemsWithTheirState() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        let one = s.add(1), two = s.add(2, feed: s.blog)
        let three = s.add(3)
        s.api.setRead(one, true)
        s.api.setStarred(two, true)
        let cache = try AccountSyncTests.Cache()
        let report = await sync(cache, try s.client())
        #expect(report.error == nil)
        #expect(report.newItems == 3 && report.feeds == 2)
        #expect(try cache.store.sections().map(\.name) == ["News", "Tech"])
        #expect(try cache.item(1).read == true && cache.item(1).saved == false)
        #expect(try cache.item(2).read == false && cache.item(2).saved == true)
        #expect(try cache.item(3).read == false)
        #expect(s.sessions == ["ann/fixture-auth-1"])
        // The cursor is the newest crawl time seen (server clock): its second, and the microseconds.
        #expect(try cache.store.accountCursor(cache.account) == "\(three / 1_000_000):\(three)")
    }

    @Test func longAndShortIDsAreOneRemoteID() {
        #expect(GoogleReaderClient.remoteID("tag:google.com,2005:reader/item/000000000000001f") == "31")
        #expect(GoogleReaderClient.remoteID("31") == "31")
        #expect(GoogleReaderClient.remoteID("-1") == "18446744073709551615")
        #expect(GoogleReaderClient.remoteID("tag:google.com,2005:reader/item/ffffffffffffffff") == "18446744073709551615")
        #expect(GoogleReaderClient.remoteID("tag:google.com,2005:reader/item/5D0CFA30D4B4C4001D7E1EE3") == "5d0cfa30d4b4c4001d7e1ee3")
        #expect(GoogleReaderClient.remoteID("tag:google.com,2005:reader/item/<script>") == nil)
        #expect(GoogleReaderClient.longID("31") == "tag:google.com,2005:reader/item/000000000000001f")
        #expect(GoogleReaderClient.longID("5d0cfa30d4b4c4001d7e1ee3") == "tag:google.com,2005:reader/item/5d0cfa30d4b4c4001d7e1ee3")
        #expect(GoogleReaderClient.userState("user/1005921515/state/com.google/read") == "user/-/state/com.google/read")
    }

    @Test func aLongListComesByContinuationAndContentsInBatches() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        for n in 1...2345 { s.add(n, feed: n.isMultiple(of: 2) ? s.blog : s.wire) }
        let cache = try AccountSyncTests.Cache()
        let report = await sync(cache, try s.client())
        #expect(report.error == nil)
        #expect(report.newItems == 2345)
        let idsCalls = s.server.requests.filter { $0.path.hasSuffix("/stream/items/ids") }
        // The pull's three pages (1,000 + 1,000 + 345), then the starred set's one: the unread counts
        // match what the pull stored, so the unread set is not listed.
        #expect(idsCalls.count == 4)
        #expect(!report.comparedUnreadSet && report.comparedStarredSet)
        #expect(idsCalls[1].query.contains("c=page1000"))
        #expect(s.server.requestCount("/api/greader.php/reader/api/0/stream/items/contents") == 24)
        // Nothing new: one page of ids from the cursor, no contents.
        let again = await sync(cache, try s.client(session: s.sessions.last))
        #expect(again.error == nil && again.newItems == 0)
        #expect(s.server.requestCount("/api/greader.php/reader/api/0/stream/items/contents") == 24 + 1)
    }

    @Test func localChangesArePushedAndChangesMadeElsewhereArePulled() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        let ids = (1...4).map { s.add($0) }
        let cache = try AccountSyncTests.Cache()
        let client = try s.client()
        _ = await sync(cache, client)
        try cache.store.setRead([try cache.item(1).id], true)
        try cache.store.setSaved(try cache.item(2).id, true)
        s.api.setRead(ids[2], true)
        s.api.setStarred(ids[3], true)
        let report = await sync(cache, client)
        #expect(report.error == nil)
        #expect(report.pushed == 2)
        #expect(s.api.item(ids[0])?.read == true && s.api.item(ids[1])?.starred == true)
        #expect(try cache.item(3).read == true && cache.item(4).saved == true)
        #expect(try cache.store.pendingChanges(cache.account).isEmpty)
        let edits = s.server.requests.filter { $0.path.hasSuffix("/edit-tag") }.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(edits == [
            "i=tag%3Agoogle.com%2C2005%3Areader%2Fitem%2F" + String(format: "%016llx", ids[0]) + "&a=user%2F-%2Fstate%2Fcom.google%2Fread&T=fixture-token-1",
            "i=tag%3Agoogle.com%2C2005%3Areader%2Fitem%2F" + String(format: "%016llx", ids[1]) + "&a=user%2F-%2Fstate%2Fcom.google%2Fstarred&T=fixture-token-1",
        ])
    }

    @Test func unreadCountsThatMatchSkipTheUnreadListAndAReadElsewhereIsCompared() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        let ids = (1...4).map { s.add($0, feed: $0 <= 2 ? s.wire : s.blog) }
        let cache = try AccountSyncTests.Cache()
        let client = try s.client()
        _ = await sync(cache, client)
        func unreadListings() -> Int {
            s.server.requests.filter { $0.path.hasSuffix("/stream/items/ids") && $0.query.contains("xt=") }.count
        }
        let before = unreadListings()
        let calls = s.server.requests.count
        let quiet = await sync(cache, client)
        #expect(quiet.error == nil && !quiet.comparedUnreadSet && quiet.comparedStarredSet)
        // An idle sync: the tree, the new ids since the cursor (the cursor's second comes again, its items'
        // contents with it), the counts, and the starred ids (docs/sync.md: the API has no sound cheaper check).
        #expect(s.server.requests.dropFirst(calls).map { $0.path.replacingOccurrences(of: "/api/greader.php/reader/api/0/", with: "") + ($0.query.contains("starred") ? " (starred)" : "") }
                == ["subscription/list", "tag/list", "stream/items/ids", "stream/items/contents", "unread-count", "stream/items/ids (starred)"])
        #expect(unreadListings() == before)
        #expect(s.server.requestCount("/api/greader.php/reader/api/0/unread-count") == 2)
        // Read elsewhere (the oldest item: the newest comes again with every pull, `ot` having a second's
        // grain, and brings its state with it): the wire's count differs, the unread set is listed.
        s.api.setRead(ids[0], true)
        let read = await sync(cache, client)
        #expect(read.error == nil && read.comparedUnreadSet && read.stateChanges == 1)
        #expect(unreadListings() == before + 1)
        #expect(try cache.item(1).read == true)
        // A full sync lists it whatever the counts say.
        let full = await AccountSync(store: cache.store, fullStateCheck: true).run(cache.account, name: "home", client: client)
        #expect(full.comparedUnreadSet && unreadListings() == before + 2)
    }

    @Test func twoCachesConvergeThroughTheServer() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        for n in 1...3 { s.add(n) }
        try await expectTwoCachesConverge { cache in _ = await sync(cache, try s.client()) }
    }

    @Test func aStaleEditTokenIsRenewedAndAnExpiredSessionLogsInAgainOnce() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        let id = s.add(1)
        let cache = try AccountSyncTests.Cache()
        let client = try s.client()
        _ = await sync(cache, client)
        try cache.store.setRead([try cache.item(1).id], true)
        #expect(await sync(cache, client).pushed == 1)
        s.api.expireEditToken()
        try cache.store.setRead([try cache.item(1).id], false)
        let renewed = await sync(cache, client)
        #expect(renewed.error == nil && renewed.pushed == 1)
        #expect(s.api.item(id)?.read == false)
        #expect(s.api.logins == 1)
        s.api.expireSessions()
        try cache.store.setSaved(try cache.item(1).id, true)
        let again = await sync(cache, client)
        #expect(again.error == nil && again.pushed == 1)
        #expect(s.api.item(id)?.starred == true)
        #expect(s.api.logins == 2)
        #expect(s.server.requestCount("/api/greader.php/reader/api/0/token") == 3)
        #expect(s.sessions == ["ann/fixture-auth-1", "ann/fixture-auth-2"])
    }

    @Test func aWrongPasswordIsALoginRefusedAndLosesNothing() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        s.add(1)
        let cache = try AccountSyncTests.Cache()
        _ = await sync(cache, try s.client())
        try cache.store.setRead([try cache.item(1).id], true)
        let report = await sync(cache, try s.client(password: "wrong"))
        #expect(report.error == .loginRefused("wrong user name or password"))
        #expect(try cache.store.pendingChanges(cache.account).count == 1)
        #expect(try cache.item(1).read == true)
        // A 401 that a new login does not cure is named once, not retried forever.
        s.api.inject("/reader/api/0/subscription/list", .status(401, body: "no"), .status(401, body: "no"))
        #expect(try await treeError(s, session: nil) == .httpStatus(401, "access denied, even after logging in again"))
    }

    @Test func tooManyRequestsWaitsWhatRetryAfterSaysWhenItIsShort() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        s.api.inject("/reader/api/0/subscription/list", .status(429, headers: ["Retry-After": "2"], body: "slow down"))
        #expect(try await treeError(s, session: nil) == nil)
        #expect(s.waits == [2])
        s.api.inject("/reader/api/0/subscription/list", .status(429, headers: ["Retry-After": "3600"], body: "slow down"))
        #expect(try await treeError(s) == .httpStatus(429, "too many requests; the server asks to wait 3600 s"))
        // An HTTP-date is read on the server's clock (its Date header), however far this machine's is.
        let serverNow = Date().addingTimeInterval(-7200)
        s.api.inject("/reader/api/0/subscription/list", .status(429, headers: ["Date": HTTPDate.format(serverNow),
                                                                               "Retry-After": HTTPDate.format(serverNow.addingTimeInterval(5))]))
        #expect(try await treeError(s) == nil)
        #expect(s.waits == [2, 5])
        // Twice in a row: the second is an error.
        s.api.inject("/reader/api/0/tag/list", .status(429, headers: ["Retry-After": "1"]), .status(429, headers: ["Retry-After": "1"]))
        #expect(try await treeError(s) == .httpStatus(429, "too many requests"))
    }

    @Test func serverErrorsAndAnswersThatAreNotTheAPIAreNamed() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        s.api.inject("/reader/api/0/subscription/list", .status(500, body: "boom"))
        #expect(try await treeError(s) == .httpStatus(500, "the server failed"))
        s.api.inject("/reader/api/0/subscription/list", .status(503, body: "down"))
        #expect(try await treeError(s) == .httpStatus(503, "the server failed"))
        s.api.inject("/reader/api/0/subscription/list", .status(200, headers: ["Content-Type": "text/html"], body: "<html><body>Log in</body></html>"))
        #expect(try await treeError(s) == .badAnswer("not a Google Reader API answer (text/html, 32 bytes)"))
        s.api.inject("/reader/api/0/subscription/list", .status(200, headers: ["Content-Type": "application/json"], body: "{\"subscriptions\": [{"))
        #expect(try await treeError(s) == .badAnswer("not a Google Reader API answer (application/json, 20 bytes)"))
        s.api.inject("/reader/api/0/subscription/list", .status(200, headers: ["Content-Type": "application/json"], body: "{\"subscriptions\": 3}"))
        #expect(try await treeError(s) == .badAnswer("subscription/list gave no subscriptions"))
        s.api.inject("/accounts/ClientLogin", .status(200, headers: ["Content-Type": "text/html"], body: "<html>Welcome</html>"))
        #expect(try await treeError(s, session: nil) == .badAnswer("not a Google Reader API login answer (text/html, 20 bytes)"))
        let gone = FixtureServer()
        let base = try await gone.start()
        await gone.stop()
        let client = try GoogleReaderClient(url: base.absoluteString, user: "ann", http: CurlFetcher(), session: "x",
                                            password: { () throws(SyncError) -> String in "pw" }, onNewSession: { _ in })
        do throws(SyncError) { _ = try await client.tree(); Issue.record("no error") } catch { #expect(error.isUnreachable) }
    }

    @Test func aServerClockFarFromOursLosesNoItem() async throws {
        for skew in [-7200.0, 7200.0] {
            let s = try await Setup.start()
            s.api.setClockSkew(skew)
            s.add(1)
            let cache = try AccountSyncTests.Cache()
            _ = await sync(cache, try s.client())
            s.add(2)
            let report = await sync(cache, try s.client(session: s.sessions.last))
            #expect(report.error == nil)
            #expect(report.newItems == 1, "skew \(skew)")
            #expect(try cache.item(2).read == false)
            await s.server.stop()
        }
    }

    @Test func anItemListThatNeverEndsIsAClearErrorAndLosesNothing() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        s.add(1)
        let cache = try AccountSyncTests.Cache()
        _ = await sync(cache, try s.client())
        let cursor = try cache.store.accountCursor(cache.account)
        try cache.store.setRead([try cache.item(1).id], true)
        s.api.setEndless(true)
        let report = await sync(cache, try s.client(maxListed: 5000))
        #expect(report.error == .badAnswer("the server's item list does not end (more than 5000 ids)"))
        #expect(try cache.store.accountCursor(cache.account) == cursor)
        #expect(try cache.store.accountStates().first?.error == "unexpected answer: the server's item list does not end (more than 5000 ids)")
        // A continuation that comes back is caught at once.
        s.api.setEndless(false)
        s.api.inject("/reader/api/0/stream/items/ids",
                     GoogleReaderFixture.json(["itemRefs": [["id": "7"]], "continuation": "again"]),
                     GoogleReaderFixture.json(["itemRefs": [["id": "8"]], "continuation": "again"]))
        let looped = try s.client(session: s.sessions.last)
        do throws(SyncError) { _ = try await looped.unreadIDs(); Issue.record("no error") } catch {
            #expect(error == .badAnswer("the server's item list does not end (a continuation repeats)"))
        }
        // Bytes that never end are cut at the size limit.
        s.api.inject("/reader/api/0/stream/items/ids", .endless(contentType: "application/json"))
        let cut = try s.client(session: s.sessions.last, limits: HTTPLimits(maxFeedBytes: 64 << 10, idleTimeout: 5, totalTimeout: 20))
        do throws(SyncError) { _ = try await cut.unreadIDs(); Issue.record("no error") } catch {
            #expect(error == .transport(.tooLarge(limit: 64 << 10)))
        }
    }

    @Test func markAllAsReadSparesItemsNewerThanTheOnesSeenAndQuickaddSubscribes() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        let seen = s.add(1), later = s.add(2)
        let client = try s.client()
        try await client.markAllAsRead(stream: s.wire, upTo: Int64(seen))
        #expect(s.api.item(seen)?.read == true && s.api.item(later)?.read == false)
        let feed = try await client.subscribe(to: "http://127.0.0.1:1/new.xml")
        #expect(feed == "feed/3")
        let tree = try await client.tree()
        #expect(tree.feeds.map(\.remoteID) == ["feed/1", "feed/2", "feed/3"])
        #expect(tree.feeds[2].folderID == nil)
        #expect(tree.folders == [RemoteFolder(remoteID: "user/-/label/News", title: "News"), RemoteFolder(remoteID: "user/-/label/Tech", title: "Tech")])
    }
}

extension GoogleReaderClientTests {
    @Test func syncRunnerSyncsAGoogleReaderAccountOfFeedsJSONAndKeepsItsSession() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        s.add(1)
        let cache = try AccountSyncTests.Cache()
        let runner = cache.runner(s.account, secret: "pw")
        let first = try await runner.sync()
        #expect(first.map(\.error) == [nil])
        #expect(first.first?.newItems == 1)
        #expect(TokenFile(cacheDirectory: cache.directory.path).token(for: "home") == "ann/fixture-auth-1")
        s.add(2)
        let second = try await runner.sync()
        #expect(second.first?.newItems == 1)
        #expect(s.api.logins == 1)
    }
}

extension GoogleReaderClientTests {
    /// A story page long enough to be extracted as an article.
    static func page(_ n: Int) -> FixtureRoute {
        let paragraphs = (1...6).map { "<p>Paragraph \($0) of story \(n): the whole article, fetched by telex itself so that it reads offline, with enough words in it to be the page's main text.</p>" }
        return .resource(FixtureResource(text: "<!doctype html><html><head><title>Story \(n)</title></head><body><article><h1>Story \(n)</h1>"
                                         + paragraphs.joined() + "</article></body></html>", contentType: "text/html; charset=utf-8"))
    }

    @Test func aSyncFetchesTheArticlePagesOfItsNewItemsWithTelexsOwnPipeline() async throws {
        let s = try await Setup.start()
        defer { Task { await s.server.stop() } }
        // Wire's feed is on loopback (private pages allowed); a public feed's items never reach a private address.
        let outside = s.api.addFeed(title: "Outside", url: "https://public.example/feed", folder: "News")
        s.server.setRoute("/story/1", Self.page(1))
        s.server.setRoute("/story/2", Self.page(2))
        s.api.addItem(feed: s.wire, title: "Story 1", link: "http://127.0.0.1:\(s.base.port!)/story/1")
        s.api.addItem(feed: outside, title: "Story 2", link: "http://127.0.0.1:\(s.base.port!)/story/2")
        let cache = try AccountSyncTests.Cache()
        let runner = cache.runner(s.account, secret: "pw")
        let reports = try await runner.sync()
        #expect(reports.map(\.error) == [nil])
        let article = try #require(try cache.store.article(forURL: "http://127.0.0.1:\(s.base.port!)/story/1"))
        #expect(article.status == .ok)
        #expect(article.plainText?.contains("Paragraph 6 of story 1") == true)
        #expect(s.server.requestCount("/story/1") == 1)
        #expect(s.server.requestCount("/story/2") == 0)
        // Without pages: nothing fetched.
        s.api.addItem(feed: s.wire, title: "Story 4", link: "http://127.0.0.1:\(s.base.port!)/story/2")
        let quiet = cache.runner(s.account, secret: "pw", fetchPages: false)
        _ = try await quiet.sync()
        #expect(s.server.requestCount("/story/2") == 0)
    }
}
