import Foundation
import TelexStore

/// What fetching one feed produced, before it is written.
enum FeedOutcome: Sendable {
    case updated(FeedResult, bytes: Int, warning: String?)
    case notModified(FeedFetchState)
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
