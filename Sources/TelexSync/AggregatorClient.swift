import TelexStore

/// One aggregator protocol as the sync engine (`AccountSync`) drives it. Each implementation speaks
/// one server API and keeps its own session; the engine decides the order (push, tree, items, state).
public protocol AggregatorClient: AnyObject {
    /// Sends queued local changes. All or nothing from the engine's point of view: the outbox rows are
    /// deleted only when this returns. Must be idempotent (a change sent twice leaves the same state).
    func push(_ changes: [OutboxEntry]) async throws(SyncError)
    /// The server's folders and feeds.
    func tree() async throws(SyncError) -> (folders: [RemoteFolder], feeds: [RemoteFeed])
    /// Starts a pull of the items newer than `cursor` (nil: everything).
    func beginPull(after cursor: String?)
    /// The next page of that pull, nil when it is done.
    func nextPage() async throws(SyncError) -> [RemoteItem]?
    /// Where the next pull starts: valid once `nextPage` returned nil.
    var pulledCursor: String? { get }
    /// Every unread item id on the server; nil when the pull already brought the read state changed
    /// elsewhere (an API with a change query: Miniflux's `changed_after`), so no set is compared.
    func unreadIDs() async throws(SyncError) -> [String]?
    /// Every starred item id on the server.
    func starredIDs() async throws(SyncError) -> [String]
    /// The server's unread (and starred) counts per feed, in one cheap call; nil when the API has none
    /// (the id sets are then compared at every sync).
    func stateCounts() async throws(SyncError) -> StateCounts?
    /// Ids of items read on the server lately, so that reads made elsewhere land without listing every
    /// unread id (TT-RSS: the "recently read" virtual feed, a day's reads); nil when the API has no such
    /// list or it is too long to be worth reading.
    func recentlyReadIDs() async throws(SyncError) -> [String]?
}

extension AggregatorClient {
    public func stateCounts() async throws(SyncError) -> StateCounts? { nil }
    public func recentlyReadIDs() async throws(SyncError) -> [String]? { nil }
}

/// One state to set on a group of items: what a push sends in one call (or a few, in chunks).
public struct SettledChange: Sendable, Hashable {
    public var field: OutboxField
    public var value: Bool
    /// Remote ids, in the order the changes were made.
    public var ids: [String]
}

extension OutboxEntry {
    /// What a push must send for `changes`: only the last change to each (item, field) counts (read
    /// then unread again is "unread"), grouped by the state it sets, so that each group is one call
    /// that sets (never toggles) a state. Groups come in a fixed order (read before starred, false
    /// before true); an item is in at most one group per field, so the order between groups is free.
    public static func settled(_ changes: [OutboxEntry]) -> [SettledChange] {
        var last: [String: OutboxEntry] = [:]
        for change in changes { last["\(change.field.rawValue) \(change.remoteID)"] = change }
        var groups: [String: SettledChange] = [:]
        for change in last.values.sorted(by: { $0.id < $1.id }) {
            groups["\(change.field.rawValue) \(change.value)", default: SettledChange(field: change.field, value: change.value, ids: [])]
                .ids.append(change.remoteID)
        }
        return groups.values.sorted { ($0.field.rawValue, $0.value ? 1 : 0) < ($1.field.rawValue, $1.value ? 1 : 0) }
    }
}
