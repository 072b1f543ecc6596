import Foundation
import Testing
import TelexConfig
import TelexFetch
import TelexModel
import TelexStore
@testable import TelexSync

/// A server in memory, speaking `AggregatorClient`: the engine's order and state rules without HTTP.
final class FakeServer: AggregatorClient {
    var read: [String: Bool] = [:]
    var starred: Set<String> = []
    var feedOf: [String: String] = [:]
    var log: [String] = []
    var failPush = false
    private var pending: [String] = []
    private var cursor: Int = 0

    func add(_ id: Int, feed: String = "10", read isRead: Bool = false) {
        read[String(id)] = isRead
        feedOf[String(id)] = feed
    }

    func push(_ changes: [OutboxEntry]) async throws(SyncError) {
        log.append("push \(changes.count)")
        if failPush { throw .unreachable(.connection("refused")) }
        for c in changes {
            switch c.field {
            case .read: read[c.remoteID] = c.value
            case .starred: if c.value { starred.insert(c.remoteID) } else { starred.remove(c.remoteID) }
            }
        }
    }

    func tree() async throws(SyncError) -> (folders: [RemoteFolder], feeds: [RemoteFeed]) {
        log.append("tree")
        return ([RemoteFolder(remoteID: "1", title: "News")], [RemoteFeed(remoteID: "10", title: "Wire", url: "https://wire.example/rss", folderID: "1")])
    }

    func beginPull(after cursor: String?) {
        log.append("pull after \(cursor ?? "nil")")
        self.cursor = Int(cursor ?? "0") ?? 0
        pending = read.keys.filter { Int($0)! > self.cursor }.sorted { Int($0)! < Int($1)! }
    }

    func nextPage() async throws(SyncError) -> [RemoteItem]? {
        guard !pending.isEmpty else { return nil }
        let page = Array(pending.prefix(2))
        pending.removeFirst(page.count)
        cursor = max(cursor, page.map { Int($0)! }.max()!)
        return page.map { id in
            RemoteItem(remoteID: id, feedID: feedOf[id]!, item: ItemRecord(stableID: "fake:\(id)", link: "https://wire.example/\(id)", title: "Story \(id)"),
                       read: read[id]!, starred: starred.contains(id))
        }
    }

    var pulledCursor: String? { String(cursor) }
    func unreadIDs() async throws(SyncError) -> [String]? { log.append("unread"); return read.filter { !$0.value }.keys.sorted() }
    func starredIDs() async throws(SyncError) -> [String] { starred.sorted() }
}

@Suite struct AccountSyncTests {
    final class Cache {
        let directory: URL
        let store: Store
        let account: AccountID
        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("telex-sync-\(UUID().uuidString)")
            store = try Store.open(directory: directory.path)
            try store.syncConfiguration([])
            try store.syncAccounts([AccountSpec(name: "home", type: "ttrss", url: "http://127.0.0.1:1/")])
            account = try store.accountID(named: "home")!
        }
        deinit { try? FileManager.default.removeItem(at: directory) }

        func item(_ n: Int) throws -> (id: ItemID, read: Bool, saved: Bool) {
            var cursor: ListCursor? = nil
            while true {
                let page = try store.headlines(.all, after: cursor, limit: 50)
                if let h = page.first(where: { $0.title == "Story \(n)" }) { return (h.id, h.isRead, h.isSaved) }
                guard let last = page.last else { throw CocoaError(.fileNoSuchFile) }
                cursor = ListCursor(sortTime: last.sortTime, id: last.id)
            }
        }
    }

    @Test func aSyncPushesFirstThenPullsTheTreeItemsAndState() async throws {
        let cache = try Cache()
        let server = FakeServer()
        for i in 1...5 { server.add(i) }
        let first = await AccountSync(store: cache.store).run(cache.account, name: "home", client: server)
        #expect(first.error == nil)
        #expect(first.newItems == 5)
        #expect(try cache.store.accountCursor(cache.account) == "5")
        #expect(try cache.store.sections().map(\.name) == ["News"])
        // Read here; read elsewhere; a new item arrives.
        try cache.store.setRead([try cache.item(1).id], true)
        try cache.store.setSaved(try cache.item(2).id, true)
        server.read["3"] = true
        server.add(6)
        server.log = []
        let second = await AccountSync(store: cache.store).run(cache.account, name: "home", client: server)
        #expect(second.error == nil)
        #expect(server.log == ["push 2", "tree", "pull after 5", "unread"])
        #expect(second.pushed == 2 && second.newItems == 1 && second.stateChanges == 1)
        #expect(server.read["1"] == true && server.starred == ["2"])
        #expect(try cache.item(3).read == true)
        #expect(try cache.store.pendingChanges(cache.account).isEmpty)
        #expect(try cache.store.accountStates().first?.status == .ok)
    }

    @Test func aFailedPushKeepsTheOutboxAndSaysTheServerIsUnreachable() async throws {
        let cache = try Cache()
        let server = FakeServer()
        server.add(1)
        _ = await AccountSync(store: cache.store).run(cache.account, name: "home", client: server)
        try cache.store.setRead([try cache.item(1).id], true)
        server.failPush = true
        let report = await AccountSync(store: cache.store).run(cache.account, name: "home", client: server)
        #expect(report.error == .unreachable(.connection("refused")))
        #expect(try cache.store.pendingChanges(cache.account).count == 1)
        let state = try #require(try cache.store.accountStates().first)
        #expect(state.status == .unreachable)
        #expect(state.error == "server unreachable: refused")
        #expect(state.pending == 1)
        // What the reader's status line gets.
        let status = try #require(try cache.store.accountStatuses().first)
        #expect(status.problem == .unreachable(since: state.failingSince!))
        #expect(status.pending == 1 && status.name == "home")
        // The local change is still the local state, and wins once the server is back.
        #expect(try cache.item(1).read == true)
        server.failPush = false
        _ = await AccountSync(store: cache.store).run(cache.account, name: "home", client: server)
        #expect(server.read["1"] == true)
        #expect(try cache.item(1).read == true)
        let synced = try #require(try cache.store.accountStatuses().first)
        #expect(synced.problem == nil && synced.pending == 0 && synced.lastSync != nil)
    }
}

extension AccountSyncTests.Cache {
    /// feeds.json with this one account, its secret in the environment, synced into this cache.
    func runner(_ account: AccountConfig, secret: String, fetchPages: Bool = true) -> SyncRunner {
        var account = account
        account.password = .environment("TELEX_TEST_SECRET")
        return SyncRunner(configuration: Configuration(sections: [], accounts: [account], source: "test"), store: store,
                          cacheDirectory: directory.path, http: CurlFetcher(),
                          passwords: PasswordReader(environment: ["TELEX_TEST_SECRET": secret]), fetchPages: fetchPages)
    }
}

/// Two machines syncing with one server whose items are "Story 1" to "Story 3", unread: a read made on
/// one and a save made on the other reach both after they sync in turn (`sync` syncs a cache once).
func expectTwoCachesConverge(_ sync: (AccountSyncTests.Cache) async throws -> Void) async throws {
    let laptop = try AccountSyncTests.Cache(), desktop = try AccountSyncTests.Cache()
    try await sync(laptop)
    try await sync(desktop)
    try laptop.store.setRead([try laptop.item(1).id], true)
    try desktop.store.setSaved(try desktop.item(2).id, true)
    try await sync(laptop)
    try await sync(desktop)
    try await sync(laptop)
    for cache in [laptop, desktop] {
        #expect(try cache.item(1).read == true)
        #expect(try cache.item(2).saved == true)
        #expect(try cache.item(3).read == false)
    }
}
