import TelexStore

/// Where a feed goes on the server when it is subscribed or moved.
public enum FolderChoice: Sendable, Hashable {
    /// No folder: the account's own section (uncategorised).
    case none
    /// A folder the server has.
    case existing(RemoteFolder)
    /// A folder to make, with this title (where the API can).
    case new(String)
}

/// The subscription calls of an aggregator API: what `telex add`, `remove`, `move` and the reader's
/// prompts send for an account's feed (`AccountSubscriptions` drives them). Each call either changes
/// the server or throws; it changes nothing in the cache (the caller reads the server's tree after it).
public protocol SubscriptionClient: AggregatorClient {
    /// Subscribes to the feed at `feedURL` in `folder`. A feed the server has already is no error.
    func subscribe(to feedURL: String, in folder: FolderChoice) async throws(SyncError)
    /// Unsubscribes from a feed (its remote id). A feed the server no longer has is no error.
    func unsubscribe(feed: String) async throws(SyncError)
    /// Moves a feed (its remote id) from the folder it is in (`from`: its remote id; nil: none) to `folder`.
    func move(feed: String, from: String?, to folder: FolderChoice) async throws(SyncError)
}
