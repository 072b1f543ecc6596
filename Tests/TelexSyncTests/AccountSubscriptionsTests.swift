import Foundation
import Testing
import TelexConfig
import TelexFetch
import TelexStore
import TelexTestServer
@testable import TelexSync

/// Subscribing, unsubscribing and moving an account's feeds (`AccountSubscriptions`) against the fake
/// Google Reader API and Miniflux servers (the real tt-rss: tests/sync/test_sync_ttrss.sh): the server
/// makes the change and the cache follows its tree at once; a change the server refuses, or that cannot
/// reach it, changes nothing in the cache.
@Suite struct AccountSubscriptionsTests {
    /// The cache's sections with their feeds' titles, as the reader lists them.
    static func tree(_ cache: AccountSyncTests.Cache) throws -> [String] {
        try cache.store.sections().map { "\($0.name): " + $0.feeds.map(\.title).joined(separator: ", ") }
    }

    static func feed(_ cache: AccountSyncTests.Cache, _ query: String) throws -> AccountFeedInfo {
        try #require(try cache.store.accountFeeds(named: query).first)
    }

    func failure(_ body: () async throws(SyncError) -> AccountSubscriptions.Outcome) async -> SyncError? {
        do throws(SyncError) { _ = try await body(); return nil } catch { return error }
    }

    // MARK: Google Reader API

    func greader() async throws -> (GoogleReaderClientTests.Setup, AccountSyncTests.Cache, AccountSubscriptions) {
        let s = try await GoogleReaderClientTests.Setup.start()
        let cache = try AccountSyncTests.Cache()
        let runner = cache.runner(s.account, secret: "pw", fetchPages: false)
        #expect(try await runner.sync().map(\.error) == [nil])
        return (s, cache, AccountSubscriptions(runner: runner))
    }

    @Test func googleReaderSubscribesInAFolderAndTheCacheFollowsAtOnce() async throws {
        let (s, cache, accounts) = try await greader()
        defer { Task { await s.server.stop() } }
        #expect(try Self.tree(cache) == ["News: Wire", "Tech: Blog"])
        let outcome = try await accounts.subscribe("http://127.0.0.1:1/new.xml", account: "home", folder: try accounts.folder(named: "tech", account: "home"))
        #expect(outcome.cacheBehind == nil)
        #expect(outcome.feed?.section == "Tech" && outcome.feed?.remoteURL == "http://127.0.0.1:1/new.xml")
        let edit = try #require(s.server.requests.last { $0.path.hasSuffix("/subscription/edit") })
        #expect(edit.method == "POST")
        #expect(String(decoding: edit.body, as: UTF8.self)
                == "ac=subscribe&s=feed%2Fhttp%3A%2F%2F127.0.0.1%3A1%2Fnew.xml&a=user%2F-%2Flabel%2FTech&T=fixture-token-1")
        #expect(try Self.tree(cache) == ["News: Wire", "Tech: Blog, http://127.0.0.1:1/new.xml"])
        // A new folder is a new label; none is the account's own section.
        _ = try await accounts.subscribe("http://127.0.0.1:1/more.xml", account: "home", folder: try accounts.folder(named: "Science", account: "home"))
        _ = try await accounts.subscribe("http://127.0.0.1:1/loose.xml", account: "home", folder: .none)
        #expect(try Self.tree(cache) == ["home: http://127.0.0.1:1/loose.xml", "News: Wire", "Science: http://127.0.0.1:1/more.xml",
                                         "Tech: Blog, http://127.0.0.1:1/new.xml"])
        #expect(try accounts.folder(named: "home", account: "home") == .none)
    }

    @Test func googleReaderMovesAFeedBetweenFoldersAndUnsubscribes() async throws {
        let (s, cache, accounts) = try await greader()
        defer { Task { await s.server.stop() } }
        s.add(1)
        #expect(try await accounts.runner.sync().map(\.error) == [nil])
        let wire = try Self.feed(cache, "Wire")
        #expect(wire.section == "News" && wire.folderID == "user/-/label/News")
        _ = try await accounts.move(wire, to: try accounts.folder(named: "Tech", account: "home"))
        let edit = try #require(s.server.requests.last { $0.path.hasSuffix("/subscription/edit") })
        #expect(String(decoding: edit.body, as: UTF8.self) == "ac=edit&s=feed%2F1&a=user%2F-%2Flabel%2FTech&r=user%2F-%2Flabel%2FNews&T=fixture-token-1")
        #expect(s.api.feeds.first { $0.id == "feed/1" }?.folder == "Tech")
        #expect(try Self.tree(cache) == ["Tech: Wire, Blog"])
        // The feed kept its item through the move.
        #expect(try cache.store.sections().first?.total == 1)
        _ = try await accounts.unsubscribe(try Self.feed(cache, "Blog"))
        #expect(s.api.feeds.map(\.title) == ["Wire"])
        #expect(try Self.tree(cache) == ["Tech: Wire"])
    }

    @Test func aRefusedOrUnsentChangeLeavesTheCacheAsItWas() async throws {
        let (s, cache, accounts) = try await greader()
        defer { Task { await s.server.stop() } }
        let before = try Self.tree(cache)
        let wire = try Self.feed(cache, "Wire")
        s.api.inject("/reader/api/0/subscription/edit", .status(500, body: "broken\n"))
        #expect(await failure { () throws(SyncError) in try await accounts.unsubscribe(wire) }
                == .httpStatus(500, "the server failed"))
        #expect(try s.api.feeds.count == 2 && Self.tree(cache) == before)
        s.api.inject("/reader/api/0/subscription/edit", .status(200, headers: ["Content-Type": "text/html"], body: "<html>login</html>"))
        #expect(await failure { () throws(SyncError) in
            try await accounts.subscribe("http://127.0.0.1:1/new.xml", account: "home", folder: .none)
        } == .badAnswer("subscription/edit did not answer OK (text/html, 18 bytes)"))
        #expect(try Self.tree(cache) == before)
        await s.server.stop()
        let unreachable = await failure { () throws(SyncError) in try await accounts.move(wire, to: .new("Else")) }
        #expect(unreachable?.isUnreachable == true)
        #expect(try Self.tree(cache) == before)
    }

    // MARK: Miniflux

    func miniflux() async throws -> (MinifluxClientTests.Setup, AccountSyncTests.Cache, AccountSubscriptions) {
        let s = try await MinifluxClientTests.Setup.start()
        let cache = try AccountSyncTests.Cache()
        let account = AccountConfig(name: "home", type: .miniflux, url: s.base.absoluteString, user: "ann", password: .environment("X"), auth: .apiKey)
        let runner = cache.runner(account, secret: "fixture-api-key", fetchPages: false)
        #expect(try await runner.sync().map(\.error) == [nil])
        return (s, cache, AccountSubscriptions(runner: runner))
    }

    @Test func minifluxSubscribesMovesToANewCategoryAndUnsubscribes() async throws {
        let (s, cache, accounts) = try await miniflux()
        defer { Task { await s.server.stop() } }
        #expect(try Self.tree(cache) == ["News: Wire", "Tech: Blog"])
        let added = try await accounts.subscribe("http://127.0.0.1:1/new.xml", account: "home", folder: try accounts.folder(named: "News", account: "home"))
        #expect(added.feed?.section == "News")
        let post = try #require(s.server.requests.last { $0.method == "POST" && $0.path == "/v1/feeds" })
        #expect(try JSONSerialization.jsonObject(with: Data(post.body)) as? NSDictionary == ["feed_url": "http://127.0.0.1:1/new.xml", "category_id": 1])
        // Subscribing again is no error (the server's 409: it has the feed).
        #expect(try await accounts.subscribe("http://127.0.0.1:1/new.xml", account: "home", folder: .existing(RemoteFolder(remoteID: "1", title: "News"))).feed != nil)
        _ = try await accounts.move(try Self.feed(cache, "Wire"), to: try accounts.folder(named: "Science", account: "home"))
        #expect(s.api.categories.map(\.title) == ["News", "Tech", "Science"])
        #expect(s.api.feeds.first { $0.id == s.wire }?.category == 3)
        #expect(try Self.tree(cache) == ["News: http://127.0.0.1:1/new.xml", "Tech: Blog", "Science: Wire"])
        _ = try await accounts.unsubscribe(try Self.feed(cache, "Blog"))
        #expect(s.server.requests.contains { $0.method == "DELETE" && $0.path == "/v1/feeds/\(s.blog)" })
        #expect(try Self.tree(cache) == ["News: http://127.0.0.1:1/new.xml", "Science: Wire"])
        // Every Miniflux feed is in a category: "none" is refused with the reason, before any call.
        let calls = s.server.requests.count
        #expect(await failure { () throws(SyncError) in try await accounts.subscribe("http://127.0.0.1:1/x.xml", account: "home", folder: .none) }
                == .unsupported("every Miniflux feed is in a category: name one"))
        #expect(s.server.requests.count == calls)
    }

    @Test func minifluxErrorsLeaveTheCacheAsItWas() async throws {
        let (s, cache, accounts) = try await miniflux()
        defer { Task { await s.server.stop() } }
        let before = try Self.tree(cache)
        let wire = try Self.feed(cache, "Wire")
        s.api.inject("POST /v1/feeds", MinifluxFixture.error(400, "Unable to find a feed"))
        #expect(await failure { () throws(SyncError) in
            try await accounts.subscribe("http://127.0.0.1:1/page.html", account: "home", folder: .existing(RemoteFolder(remoteID: "1", title: "News")))
        } == .httpStatus(400, "Unable to find a feed"))
        s.api.inject("PUT /v1/feeds/ID", MinifluxFixture.error(500, "pq: connection refused"))
        #expect(await failure { () throws(SyncError) in
            try await accounts.move(wire, to: .existing(RemoteFolder(remoteID: "2", title: "Tech")))
        } == .httpStatus(500, "pq: connection refused"))
        #expect(try Self.tree(cache) == before && s.api.feeds.count == 2)
        // A feed the server no longer has (404) is unsubscribed already: no error.
        s.api.inject("DELETE /v1/feeds/ID", MinifluxFixture.error(404, "Feed not found"))
        #expect(try await accounts.unsubscribe(wire).cacheBehind == nil)
    }
}
