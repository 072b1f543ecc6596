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
    /// Every unread item id on the server.
    func unreadIDs() async throws(SyncError) -> [String]
    /// Every starred item id on the server.
    func starredIDs() async throws(SyncError) -> [String]
}
