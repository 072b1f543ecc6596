import Foundation
import Synchronization
import Testing
import TelexFetch
import TelexStore
import TelexTestServer
@testable import TelexSync

/// A small **fake** Tiny Tiny RSS JSON API (the calls the client makes, answered as Debian 12's tt-rss
/// answers them: tests/sync/README.md), so that a test can count the calls a sync makes. The real
/// server is exercised by tests/sync/test_sync_ttrss.sh.
final class TTRSSFake: Sendable {
    struct Article: Sendable {
        var feed: Int
        var unread = true
        var marked = false
        /// Read in the last day (what the "recently read" virtual feed -6 lists).
        var readLately = false
    }

    private let state = Mutex<(articles: [Int: Article], ops: [String])>(([:], []))

    func add(_ id: Int, feed: Int = 10) { state.withLock { $0.articles[id] = Article(feed: feed) } }
    func setUnread(_ id: Int, _ unread: Bool) {
        state.withLock { $0.articles[id]!.unread = unread; if !unread { $0.articles[id]!.readLately = true } }
    }
    /// A day passes: the reads so far leave the "recently read" list.
    func forgetRecentReads() { state.withLock { for id in $0.articles.keys { $0.articles[id]!.readLately = false } } }
    func setMarked(_ id: Int, _ marked: Bool) { state.withLock { $0.articles[id]!.marked = marked } }
    func article(_ id: Int) -> Article? { state.withLock { $0.articles[id] } }
    /// The calls made (their `op`, with the virtual feed and view mode of a getHeadlines), and forgets them.
    func takeOps() -> [String] { state.withLock { s in defer { s.ops = [] }; return s.ops } }

    func install(on server: FixtureServer) {
        server.setResponder { [self] request in
            guard request.path == "/api" || request.path == "/api/", let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
                  let op = body["op"] as? String else { return nil }
            let text = state.withLock { s -> String in
                let answer: [String: Any] = ["seq": body["seq"] ?? 0, "status": 0, "content": self.answer(op, body, &s)]
                return String(decoding: (try? JSONSerialization.data(withJSONObject: answer)) ?? Data(), as: UTF8.self)
            }
            return .status(200, headers: ["Content-Type": "text/json"], body: text)
        }
    }

    private func answer(_ op: String, _ body: [String: Any], _ s: inout (articles: [Int: Article], ops: [String])) -> Any {
        switch op {
        case "login": s.ops.append(op); return ["session_id": "fake0session", "api_level": 15]
        case "getCategories": s.ops.append(op); return [["id": 1, "title": "News", "unread": 0, "order_id": 0]]
        case "getFeeds":
            s.ops.append(op)
            return [["id": 10, "title": "Wire", "feed_url": "http://127.0.0.1:1/wire.xml", "cat_id": 1],
                    ["id": 11, "title": "Blog", "feed_url": "http://127.0.0.1:1/blog.xml", "cat_id": 1]]
        case "getCounters":
            s.ops.append(op)
            var feeds: [Int: (unread: Int, marked: Int)] = [:]
            for a in s.articles.values {
                feeds[a.feed, default: (0, 0)].unread += a.unread ? 1 : 0
                feeds[a.feed, default: (0, 0)].marked += a.marked ? 1 : 0
            }
            let unread = feeds.values.map(\.unread).reduce(0, +)
            var list: [[String: Any]] = [["id": "global-unread", "counter": unread], ["id": -1, "counter": 0, "auxcounter": 0]]
            list += feeds.map { ["id": $0.key, "counter": $0.value.unread, "markedcounter": $0.value.marked, "has_img": 0] }
            list.append(["id": 1, "kind": "cat", "counter": unread, "markedcounter": 0])
            return list
        case "getHeadlines":
            let feed = body["feed_id"] as? Int ?? -4
            let mode = body["view_mode"] as? String ?? "all_articles"
            s.ops.append("getHeadlines \(feed) \(mode)")
            let since = body["since_id"] as? Int ?? 0
            let skip = body["skip"] as? Int ?? 0
            let limit = min(body["limit"] as? Int ?? 200, 200)
            let chosen = s.articles.filter { id, a in
                id > since && (feed == -6 ? a.readLately && !a.unread : true)
                    && (mode == "unread" ? a.unread : mode == "marked" ? a.marked : true)
            }.sorted { $0.key > $1.key }.dropFirst(skip).prefix(limit)
            return chosen.map { id, a -> [String: Any] in
                ["id": id, "unread": a.unread, "marked": a.marked, "feed_id": a.feed, "title": "Story \(id)",
                 "link": "http://127.0.0.1:1/story/\(id)", "updated": 1_700_000_000 + id, "content": ""]
            }
        case "updateArticle":
            s.ops.append(op)
            let ids = (body["article_ids"] as? String ?? "").split(separator: ",").compactMap { Int($0) }
            let field = body["field"] as? Int ?? -1
            let mode = body["mode"] as? Int ?? -1
            for id in ids where s.articles[id] != nil {
                if field == 2 {
                    s.articles[id]!.unread = mode == 1
                    if mode == 0 { s.articles[id]!.readLately = true }
                }
                if field == 0 { s.articles[id]!.marked = mode == 1 }
            }
            return ["status": "OK", "updated": ids.count]
        default:
            s.ops.append(op)
            return ["error": "UNKNOWN_METHOD"]
        }
    }
}

/// The TT-RSS client with the sync engine: a sync whose counts match the server's reads no id list
/// (docs/sync.md, "The server's counts").
@Suite struct TTRSSStateCheckTests {
    final class Setup: @unchecked Sendable {
        let server = FixtureServer()
        let api = TTRSSFake()
        let cache: AccountSyncTests.Cache
        let client: TTRSSClient

        init() async throws {
            api.install(on: server)
            let base = try await server.start()
            cache = try AccountSyncTests.Cache()
            client = try TTRSSClient(url: base.absoluteString, user: "ann",
                                     http: CurlFetcher(limits: HTTPLimits(maxFeedBytes: 1 << 20, idleTimeout: 5, totalTimeout: 10)),
                                     sessionID: nil, password: { () throws(SyncError) -> String in "pw" }, onNewSession: { _ in })
        }

        func sync(full: Bool = false) async -> SyncReport {
            await AccountSync(store: cache.store, fullStateCheck: full).run(cache.account, name: "home", client: client)
        }

        /// The getHeadlines calls a sync made.
        func headlineCalls() -> [String] { api.takeOps().filter { $0.hasPrefix("getHeadlines") } }
    }

    @Test func countsThatMatchSkipTheIDListsAndAReadElsewhereLandsThroughRecentlyRead() async throws {
        let s = try await Setup()
        defer { Task { await s.server.stop() } }
        for id in 1...5 { s.api.add(id, feed: id <= 3 ? 10 : 11) }
        s.api.setMarked(2, true)
        let first = await s.sync()
        #expect(first.error == nil && first.newItems == 5)
        // The first sync's counts match what it just stored: no id list is read after the pull.
        #expect(s.headlineCalls() == ["getHeadlines -4 all_articles"])
        #expect(!first.comparedUnreadSet && !first.comparedStarredSet)

        // Nothing new: the pull's one short page and getCounters, no unread or starred list.
        let quiet = await s.sync()
        #expect(quiet.error == nil && quiet.newItems == 0 && quiet.stateChanges == 0)
        #expect(s.headlineCalls() == ["getHeadlines -4 all_articles"])
        #expect(SyncReport.line(quiet).hasSuffix("(counts matched)"))

        // Read on another device: the counts differ, the recently read list brings it, the counts match again.
        s.api.setUnread(4, false)
        let read = await s.sync()
        #expect(read.error == nil && read.stateChanges == 1)
        #expect(try s.cache.item(4).read == true)
        #expect(s.headlineCalls() == ["getHeadlines -4 all_articles", "getHeadlines -6 all_articles"])
        #expect(!read.comparedUnreadSet)

        // Unread again elsewhere (not in "recently read"): the unread set is compared, and it lands.
        s.api.setUnread(4, true)
        let unread = await s.sync()
        #expect(unread.error == nil && unread.stateChanges == 1)
        #expect(try s.cache.item(4).read == false)
        #expect(s.headlineCalls() == ["getHeadlines -4 all_articles", "getHeadlines -6 all_articles", "getHeadlines -4 unread"])
        #expect(unread.comparedUnreadSet && !unread.comparedStarredSet)

        // Starred elsewhere: the starred counts differ, the starred set is compared.
        s.api.setMarked(5, true)
        let starred = await s.sync()
        #expect(try s.cache.item(5).saved == true)
        #expect(s.headlineCalls() == ["getHeadlines -4 all_articles", "getHeadlines -4 marked"])
        #expect(!starred.comparedUnreadSet && starred.comparedStarredSet)
    }

    @Test func aBalancedChangeIsCaughtByTheTenthSyncOrByAFullOne() async throws {
        let s = try await Setup()
        defer { Task { await s.server.stop() } }
        for id in 1...4 { s.api.add(id) }
        s.api.setUnread(2, false)
        let first = await s.sync(full: true)
        #expect(first.comparedUnreadSet && first.comparedStarredSet)
        #expect(try s.cache.store.syncsSinceFullStateCheck(s.cache.account) == 0)
        _ = s.api.takeOps()
        // Elsewhere, more than a day ago: 1 read, 2 unread again. The feed's unread count stays 3.
        s.api.setUnread(1, false)
        s.api.setUnread(2, true)
        s.api.forgetRecentReads()
        for n in 1..<AccountSync.fullStateCheckEvery {
            let report = await s.sync()
            #expect(report.error == nil && !report.comparedUnreadSet, "sync \(n)")
            #expect(s.headlineCalls() == ["getHeadlines -4 all_articles"], "sync \(n)")
        }
        #expect(try s.cache.item(1).read == false && s.cache.item(2).read == true)
        #expect(try s.cache.store.syncsSinceFullStateCheck(s.cache.account) == AccountSync.fullStateCheckEvery - 1)
        // The tenth compares the sets whatever the counts say.
        let tenth = await s.sync()
        #expect(tenth.comparedUnreadSet && tenth.comparedStarredSet && tenth.stateChanges == 2)
        #expect(s.headlineCalls() == ["getHeadlines -4 all_articles", "getHeadlines -4 unread", "getHeadlines -4 marked"])
        #expect(try s.cache.item(1).read == true && s.cache.item(2).read == false)
        #expect(try s.cache.store.syncsSinceFullStateCheck(s.cache.account) == 0)

        // Another balanced change; `telex sync --full` does not wait for the tenth.
        s.api.setUnread(1, true)
        s.api.setUnread(3, false)
        s.api.forgetRecentReads()
        let quick = await s.sync()
        #expect(try !quick.comparedUnreadSet && s.cache.item(3).read == false)
        let full = await s.sync(full: true)
        #expect(full.comparedUnreadSet && full.stateChanges == 2)
        #expect(try s.cache.item(1).read == false && s.cache.item(3).read == true)
    }
}
