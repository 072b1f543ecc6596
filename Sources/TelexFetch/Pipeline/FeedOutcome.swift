import Foundation
import TelexStore

/// What fetching one feed produced, before it is written. A feed that answered says whether its pages
/// may be fetched from private addresses (`privatePages`: the feed itself is on one).
enum FeedOutcome: Sendable {
    case updated(FeedResult, bytes: Int, warning: String?, privatePages: Bool)
    case notModified(FeedFetchState, privatePages: Bool)
    case failed(FeedFetchState, message: String)
    case skipped(url: String, reason: String)
}

/// An article page to fetch, with the SSRF permission of the feed it came from.
struct ArticleJob: Sendable, Hashable {
    var url: String
    var allowPrivateAddresses: Bool
    /// Failed attempts before this one.
    var attempts: Int = 0
}
