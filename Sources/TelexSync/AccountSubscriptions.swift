import Foundation
import TelexConfig
import TelexStore

/// Subscribing, unsubscribing and moving an account's feeds (docs/sync.md, "Subscriptions"): the
/// remote side of a subscription change, as `FeedsFile` is the local side (feeds.json).
///
/// A change goes to the server at once and is never queued: the server decides whether it can be done
/// (it fetches and checks a new feed, it may have no such folder, its API may not move feeds), and a
/// queued change that the server refused later would leave the cache showing what the server does not
/// have. So a change the server refuses, or cannot be sent (no answer), is an error with the server's
/// reason, and the cache is left as it was; once the server took it, the cache follows the server's
/// tree (its folders and feeds) in the same step, under the sync lock. Items of a new feed come with
/// the next sync.
public struct AccountSubscriptions: Sendable {
    public let runner: SyncRunner

    public init(runner: SyncRunner) { self.runner = runner }

    /// What a change the server took left in the cache.
    public struct Outcome: Sendable {
        /// After a subscribe, the feed as the cache now has it (nil when the server lists it under another
        /// address, having followed a redirect, or when the cache could not follow).
        public var feed: AccountFeedInfo?
        /// Why the cache could not follow the server's tree at once (the server made the change; the next
        /// sync brings it); nil when it did.
        public var cacheBehind: SyncError?
    }

    /// Subscribes `account` to the feed at `feedURL`, in `folder`.
    public func subscribe(_ feedURL: String, account: String, folder: FolderChoice) async throws(SyncError) -> Outcome {
        var outcome = try await changing(account) { client throws(SyncError) in try await client.subscribe(to: feedURL, in: folder) }
        if outcome.cacheBehind == nil {
            outcome.feed = try storing { try runner.store.accountFeeds(named: feedURL) }.first { $0.account == account }
        }
        return outcome
    }

    /// Unsubscribes its account from `feed`.
    public func unsubscribe(_ feed: AccountFeedInfo) async throws(SyncError) -> Outcome {
        try await changing(feed.account) { client throws(SyncError) in try await client.unsubscribe(feed: feed.remoteID) }
    }

    /// Moves `feed` to `folder` on its account's server.
    public func move(_ feed: AccountFeedInfo, to folder: FolderChoice) async throws(SyncError) -> Outcome {
        try await changing(feed.account) { client throws(SyncError) in
            try await client.move(feed: feed.remoteID, from: feed.folderID, to: folder)
        }
    }

    /// The account section `name` is (its name in telex, case-insensitive), if it is one: adding a feed
    /// there subscribes its account to it.
    public func section(named name: String) throws(SyncError) -> AccountSectionInfo? {
        try storing { try runner.store.accountSections() }.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The account feeds `query` names: the cache's key for it, its address or its title.
    public func feeds(named query: String) throws(SyncError) -> [AccountFeedInfo] {
        try storing { try runner.store.accountFeeds(named: query) }
    }

    /// Where `name` puts a feed of `account`: one of its sections (by its name in telex, or its folder's
    /// title), none (the account's own name: its feeds without a folder), else a new folder of that title.
    public func folder(named name: String, account: String) throws(SyncError) -> FolderChoice {
        let sections = try storing { try runner.store.accountSections() }.filter { $0.account == account }
        let match = sections.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            ?? sections.first { $0.folder?.title.caseInsensitiveCompare(name) == .orderedSame }
        if let match { return match.folder.map(FolderChoice.existing) ?? .none }
        return name.caseInsensitiveCompare(account) == .orderedSame ? .none : .new(name)
    }

    /// Runs `change` with the account's client, then has the cache follow the server's tree; one sync or
    /// change per cache at a time (`sync.lock`), so that a sync running meanwhile cannot write an older tree.
    private func changing(_ name: String, _ change: (any SubscriptionClient) async throws(SyncError) -> Void) async throws(SyncError) -> Outcome {
        guard let account = runner.configuration.accounts.first(where: { $0.name == name }) else {
            throw .store("no account \"\(name)\" in feeds.json")
        }
        try storing { try runner.mirrorAccounts() }
        let lock: SyncLock
        do { lock = try await SyncLock(directory: runner.cacheDirectory) } catch { throw .store("\(error)") }
        defer { lock.release() }
        guard let id = try storing({ try runner.store.accountID(named: name) }) else { throw .store("account \(name) is not in the cache") }
        let client = try runner.makeClient(account)
        try await change(client)
        do throws(SyncError) {
            let tree = try await client.tree()
            try storing { try runner.store.applyAccountTree(id, folders: tree.folders, feeds: tree.feeds) }
            return Outcome()
        } catch {
            return Outcome(cacheBehind: error)
        }
    }

    private func storing<T>(_ body: () throws -> T) throws(SyncError) -> T {
        do { return try body() } catch { throw .store("\(error)") }
    }
}
