import Foundation
import TelexModel

/// A request for a fetch, left in the cache by `telex fetch` or a front end for a running service.
public struct FetchRequest: Sendable, Hashable {
    public var id: Int64
    /// The feeds to fetch; nil means all due feeds (or all feeds when `force`).
    public var feeds: [FeedID]?
    /// Ignore schedules (fetch now even if not due).
    public var force: Bool
    public var origin: String
    public var requestedAt: Date
}
