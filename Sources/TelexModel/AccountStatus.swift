import Foundation

/// An aggregator account's sync state as the reader shows it on the status line.
public struct AccountStatus: Hashable, Sendable {
    /// Why the last sync failed, when it did.
    public enum Problem: Hashable, Sendable {
        /// No answer at all (connection refused, timed out, host not found), since that time.
        case unreachable(since: Date)
        /// The server answered, with an error (a refused login, an answer that is not the API), since that time.
        case failing(since: Date, message: String)
    }

    public var name: String
    /// The last sync that succeeded.
    public var lastSync: Date?
    /// Local changes waiting to be pushed.
    public var pending: Int
    public var problem: Problem?

    public init(name: String, lastSync: Date? = nil, pending: Int = 0, problem: Problem? = nil) {
        self.name = name; self.lastSync = lastSync; self.pending = pending; self.problem = problem
    }
}
