import Foundation
import TelexModel

/// An aggregator account's row id.
public struct AccountID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "account:\(rawValue)" }
}

/// One account of feeds.json as the cache mirrors it (no user, no password: those never reach the cache).
public struct AccountSpec: Sendable, Hashable {
    public var name: String
    /// The protocol ("ttrss", "greader", "miniflux").
    public var type: String
    public var url: String
    public init(name: String, type: String, url: String) { self.name = name; self.type = type; self.url = url }
}

/// A category (folder, label) on the server: a section of the cache.
public struct RemoteFolder: Sendable, Hashable {
    public var remoteID: String
    public var title: String
    public init(remoteID: String, title: String) { self.remoteID = remoteID; self.title = title }
}

/// A feed on the server.
public struct RemoteFeed: Sendable, Hashable {
    public var remoteID: String
    public var title: String
    /// The feed's own address.
    public var url: String
    /// Its folder's remote id; nil: uncategorised (the account's own section).
    public var folderID: String?
    public init(remoteID: String, title: String, url: String, folderID: String?) {
        self.remoteID = remoteID; self.title = title; self.url = url; self.folderID = folderID
    }
}

/// An item as the server gives it, with its read and starred state there.
public struct RemoteItem: Sendable, Hashable {
    public var remoteID: String
    public var feedID: String
    public var item: ItemRecord
    public var read: Bool
    public var starred: Bool
    public init(remoteID: String, feedID: String, item: ItemRecord, read: Bool, starred: Bool) {
        self.remoteID = remoteID; self.feedID = feedID; self.item = item; self.read = read; self.starred = starred
    }
}

/// Which state a queued change sets.
public enum OutboxField: String, Sendable, Hashable {
    case read
    case starred
}

/// One local change waiting to be pushed.
public struct OutboxEntry: Sendable, Hashable {
    public var id: Int64
    public var remoteID: String
    public var field: OutboxField
    public var value: Bool
}

/// How an account's last sync went.
public enum AccountSyncStatus: String, Sendable, Hashable {
    case ok
    /// No answer (connection refused, timed out, host not found).
    case unreachable
    /// The server answered with an error (bad password, API disabled, not JSON...).
    case failing
}

/// The outcome of one sync attempt, as the store records it.
public struct AccountSyncResult: Sendable, Hashable {
    public var at: Date
    public var status: AccountSyncStatus
    /// Why it failed, in words (nil on success). Never holds a password or token.
    public var error: String?
    public init(at: Date, status: AccountSyncStatus, error: String? = nil) { self.at = at; self.status = status; self.error = error }
}

/// An account's sync state, for `telex accounts` and the status line.
public struct AccountState: Sendable, Hashable {
    public var id: AccountID
    public var name: String
    public var type: String
    public var url: String
    public var status: AccountSyncStatus?
    public var error: String?
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    public var failingSince: Date?
    /// Local changes waiting to be pushed.
    public var pending: Int
    public var feeds: Int
    public var items: Int
    public var unread: Int
}

/// An account's read and starred state as counts per feed (the feed's remote id): what a sync compares
/// with the server's counts before it lists the server's id sets (docs/sync.md, "The server's counts").
/// Feeds with a count of 0 are left out, so that a feed the other side does not list compares equal.
public struct StateCounts: Sendable, Hashable {
    /// Unread items per feed.
    public var unread: [String: Int]
    /// Starred items per feed; nil when the server gives no starred counts (its starred set is compared instead).
    public var starred: [String: Int]?
    public init(unread: [String: Int], starred: [String: Int]?) {
        self.unread = unread.filter { $0.value != 0 }
        self.starred = starred?.filter { $0.value != 0 }
    }
}
