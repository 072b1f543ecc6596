import Foundation
import TelexArticles
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
    /// Articles fetched per feed per pass (the rest later, or when opened).
    public var articlesPerFeed: Int = 10
    /// Items older than this get no article fetch.
    public var articleMaxAgeDays: Int = 3
    /// Feed content shorter than this (characters of text) counts as a summary for `article: auto`
    /// (the reader's rule for its "not cached" note, `FeedContent.isSummary`).
    public var shortContentCharacters: Int = FeedContent.summaryCharacters

    public init(selection: FeedSelection = .all, force: Bool = true, articles: Bool = true) {
        self.selection = selection; self.force = force; self.articles = articles
    }
}

/// What a pass did, for the summary line.
public struct PassSummary: Sendable, Hashable {
    public var feedsTotal = 0
    public var ok = 0
    public var unchanged = 0
    public var failed = 0
    public var skipped = 0
    public var newItems = 0
    public var articles = 0
    public var articleFailures = 0
    public var bytes = 0
    public var seconds: Double = 0
    public init() {}
}

/// One feed's outcome, reported as it happens (for `telex fetch` plain lines and logs).
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
}
