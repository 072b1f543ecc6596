import Foundation
import TelexConfig
import TelexFetch
import TelexStore

/// What one sync of one account did.
public struct SyncReport: Sendable, Hashable {
    public var account: String
    /// Local changes the server took.
    public var pushed = 0
    public var feeds = 0
    public var newItems = 0
    /// Items whose read or starred state changed to the server's (made on another device).
    public var stateChanges = 0
    /// Whether the server's set of unread ids (starred ids) was read and compared, or skipped because the
    /// server's counts matched the cache's (docs/sync.md, "The server's counts").
    public var comparedUnreadSet = false
    public var comparedStarredSet = false
    public var error: SyncError?
    public init(account: String) { self.account = account }
}

/// One sync of one account, in the order the state rules need (docs/sync.md):
/// 1. push the outbox (so that the server state pulled next already holds the local changes);
/// 2. the server's folders and feeds become sections and feeds;
/// 3. new items, page by page, each page one transaction; the cursor moves with the last one;
/// 4. read and starred state made elsewhere: the server's unread and starred id sets, applied to
///    every item of the account except those with a change queued since step 1 (an API with a change
///    query brings read changes with step 3's pages instead, and gives no unread set) (a local change not
///    yet pushed wins over the server state seen before it). Where the server gives counts per feed, a
///    set is read only when its counts differ from the cache's (after the items read there lately are
///    applied), and both at every `fullStateCheckEvery`-th sync or when `fullStateCheck` asks.
/// A SIGKILL anywhere loses nothing: the outbox rows go only after the server took them (pushing
/// them again is harmless: the calls set a state, never toggle it), and a pull that did not finish
/// leaves the cursor where it was.
public struct AccountSync {
    public let store: Store
    public let now: @Sendable () -> Date
    /// Compare the whole id sets whatever the counts say (`telex sync --full`).
    public let fullStateCheck: Bool
    /// Every this many syncs the sets are compared even when the counts match: a read and an unread made
    /// elsewhere in one feed between two syncs leave its counts equal.
    public static let fullStateCheckEvery = 10

    public init(store: Store, fullStateCheck: Bool = false, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store; self.fullStateCheck = fullStateCheck; self.now = now
    }

    public func run(_ account: AccountID, name: String, client: any AggregatorClient) async -> SyncReport {
        var report = SyncReport(account: name)
        do throws(SyncError) {
            try await sync(account, client: client, report: &report)
            try? store.recordSync(account, AccountSyncResult(at: now(), status: .ok))
        } catch {
            report.error = error
            try? store.recordSync(account, AccountSyncResult(at: now(), status: error.isUnreachable ? .unreachable : .failing,
                                                             error: error.description))
        }
        return report
    }

    private func sync(_ account: AccountID, client: any AggregatorClient, report: inout SyncReport) async throws(SyncError) {
        // 1. Push, a bounded batch at a time.
        while true {
            let batch = try storing { try store.pendingChanges(account, limit: 1000) }
            if batch.isEmpty { break }
            try await client.push(batch)
            try storing { try store.removePushed(batch.map(\.id)) }
            report.pushed += batch.count
        }
        // 2. Folders and feeds.
        let tree = try await client.tree()
        try storing { try store.applyAccountTree(account, folders: tree.folders, feeds: tree.feeds) }
        report.feeds = tree.feeds.count
        // 3. New items.
        let cursor = try storing { try store.accountCursor(account) }
        client.beginPull(after: cursor)
        while let page = try await client.nextPage() {
            report.newItems += try storing { try store.applyRemoteItems(account, page, now: now()) }
        }
        let next = client.pulledCursor
        try storing { try store.setAccountCursor(account, next) }
        // 4. State made on other devices.
        var compareUnread = true
        var compareStarred = true
        let since = try storing { try store.syncsSinceFullStateCheck(account) }
        if !fullStateCheck, since + 1 < Self.fullStateCheckEvery, let server = try await client.stateCounts() {
            var local = try storing { try store.accountStateCounts(account) }
            if local.unread != server.unread, let recent = try await client.recentlyReadIDs() {
                report.stateChanges += try storing { try store.applyServerStates(account, field: .read, ids: recent, value: true) }
                local = try storing { try store.accountStateCounts(account) }
            }
            compareUnread = local.unread != server.unread
            compareStarred = server.starred.map { $0 != local.starred } ?? true
        }
        if compareUnread, let unread = try await client.unreadIDs() {
            report.stateChanges += try storing { try store.applyServerSet(account, field: .read, ids: unread) }
            report.comparedUnreadSet = true
        }
        if compareStarred {
            let starred = try await client.starredIDs()
            report.stateChanges += try storing { try store.applyServerSet(account, field: .starred, ids: starred) }
            report.comparedStarredSet = true
        }
        try storing { try store.recordStateCheck(account, full: compareUnread && compareStarred) }
    }

    private func storing<T>(_ body: () throws -> T) throws(SyncError) -> T {
        do { return try body() } catch { throw .store("\(error)") }
    }
}
