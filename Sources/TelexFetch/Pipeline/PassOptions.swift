import Foundation
import TelexConfig
import TelexModel

/// Which feeds a pass fetches.
public enum FeedSelection: Sendable, Hashable {
    case all
    case section(String)
    /// Configured feed URLs.
    case feeds([String])
    /// Feeds by cache id (requests left by other processes).
    case ids([FeedID])
}

/// How one fetch pass runs.
public struct PassOptions: Sendable, Hashable {
    public var selection: FeedSelection = .all
    /// Fetch every selected feed now, ignoring schedules and backoff (`telex fetch`); Retry-After
    /// and 410 Gone are still honoured. When false, only due feeds are fetched (`telex serve`).
    public var force: Bool = true
    /// Fetch and extract article pages (per feed `article` mode); off fetches feeds only.
    public var articles: Bool = true
    /// After the pass: retention (`Store.prune`, bounded) and a WAL checkpoint.
    public var maintenance: Bool = true
    /// Feed text shorter than this (characters) counts as a summary for `article: auto` (`FeedText`,
    /// the same rule as the reader's "not cached" note).
    public var shortContentCharacters: Int = FeedText.summaryCharacters

    public init(selection: FeedSelection = .all, force: Bool = true, articles: Bool = true) {
        self.selection = selection; self.force = force; self.articles = articles
    }
}

/// What happens during a pass, as it happens (in-process; other processes read `FetchStatusFile`).
public enum PassEvent: Sendable, Hashable {
    /// The counters moved (a few times a second at most, and once more at the end).
    case progress(FetchProgress)
    /// One feed's outcome, once it is committed to the cache.
    case feed(FeedReport)
}

/// One feed's outcome, reported as it is committed (for `telex fetch` plain lines and logs).
public struct FeedReport: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case updated(items: Int)
        case unchanged
        case failed(String)
        case skipped(String)
    }
    public var url: String
    public var outcome: Outcome
    public var warning: String?
    public init(url: String, outcome: Outcome, warning: String? = nil) {
        self.url = url; self.outcome = outcome; self.warning = warning
    }
}

/// A pass that could not write to the cache (a full disk, a damaged file): it stopped; the feeds of the
/// batch that rolled back are reported failed, never "ok".
public struct PassWriteError: Error, Sendable, CustomStringConvertible {
    public var error: String
    /// What the pass did before it stopped.
    public var progress: FetchProgress
    public var description: String { "cache write failed: \(error)" }
}
