import Foundation
import TelexModel

/// One entry of a parsed feed, as the fetcher hands it to the store.
public struct ItemRecord: Sendable, Hashable {
    /// Identity within the feed (guid/id, else link, else a hash the parser chose).
    public var stableID: String
    public var link: String?
    public var title: String
    public var author: String?
    public var published: Date?
    public var updated: Date?
    public var summaryHTML: String?
    public var contentHTML: String?
    /// The language the feed declares for the item (its own tag, else the feed's), as written (`fr-FR`, `en_US`).
    public var language: String?

    public init(stableID: String, link: String? = nil, title: String, author: String? = nil, published: Date? = nil,
                updated: Date? = nil, summaryHTML: String? = nil, contentHTML: String? = nil, language: String? = nil) {
        self.stableID = stableID; self.link = link; self.title = title; self.author = author
        self.published = published; self.updated = updated; self.summaryHTML = summaryHTML; self.contentHTML = contentHTML
        self.language = language
    }
}

/// The fetch state of one feed after an attempt (200, 304 or failure), as typed columns.
public struct FeedFetchState: Sendable, Hashable {
    public var feedID: FeedID
    public var etag: String?
    public var lastModified: String?
    public var attemptedAt: Date
    /// Set when the attempt succeeded (200 or 304).
    public var succeededAt: Date?
    public var nextDue: Date?
    public var consecutiveFailures: Int
    /// `.ok` or `.failing` (never `.new` after an attempt).
    public var status: FeedHealth.Status
    /// Why the attempt failed, in words (nil on success).
    public var error: String?
    /// When the current run of failures began (kept across failures, cleared by a success).
    public var failingSince: Date?
    /// The server asked to wait until then (429/503 Retry-After).
    public var retryAfter: Date?
    /// A success with a parser warning (the feed is not failing).
    public var warning: String?
    public var httpStatus: Int?
    /// Target of a 301/308 the fetcher should use from now on.
    public var permanentRedirect: String?
    /// The server answered 410 Gone: stop fetching.
    public var gone: Bool

    public init(feedID: FeedID, etag: String? = nil, lastModified: String? = nil, attemptedAt: Date, succeededAt: Date? = nil,
                nextDue: Date? = nil, consecutiveFailures: Int = 0, status: FeedHealth.Status = .ok, error: String? = nil,
                failingSince: Date? = nil, retryAfter: Date? = nil, warning: String? = nil, httpStatus: Int? = nil,
                permanentRedirect: String? = nil, gone: Bool = false) {
        self.feedID = feedID; self.etag = etag; self.lastModified = lastModified; self.attemptedAt = attemptedAt
        self.succeededAt = succeededAt; self.nextDue = nextDue; self.consecutiveFailures = consecutiveFailures
        self.status = status; self.error = error; self.failingSince = failingSince; self.retryAfter = retryAfter
        self.warning = warning; self.httpStatus = httpStatus; self.permanentRedirect = permanentRedirect; self.gone = gone
    }
}

/// The outcome of fetching one feed: its new fetch state and, after a 200, its items.
public struct FeedResult: Sendable, Hashable {
    public var state: FeedFetchState
    /// The feed's own title and site link, when the document had them.
    public var feedTitle: String?
    public var siteLink: String?
    public let items: [ItemRecord]
    /// The items as the writer stores them, prepared here so that the caller's thread does the work.
    let prepared: [PreparedItem]
    /// The items (stable ids) whose page the pass's article phase is expected to save (`PagesAhead`).
    let awaitingPage: Set<String>

    public init(state: FeedFetchState, feedTitle: String? = nil, siteLink: String? = nil, items: [ItemRecord] = [],
                pagesAhead: PagesAhead? = nil) {
        self.state = state; self.feedTitle = feedTitle; self.siteLink = siteLink; self.items = items
        prepared = items.map(PreparedItem.init)
        awaitingPage = pagesAhead?.items(of: prepared) ?? []
    }
    public var feedID: FeedID { state.feedID }
}

/// The pages a pass will fetch for a feed's items (its `article` mode and `articles_per_feed`), told to the
/// writer so that an inline indexer (`SearchIndexing.inline`) queues those items' search rows instead of
/// writing them from the feed's text: the saved page would make it write them a second time. A guess made
/// before the article phase picks its candidates the same way (the newest items with a web link, only the
/// summaries for `auto`); an item it misses is indexed twice, one it wrongly includes is indexed from the
/// queue during the pass, so either way the index stays complete.
public struct PagesAhead: Sendable, Hashable {
    /// `article: always` (every item's page), else `auto` (only items whose feed text is a summary).
    public var always: Bool
    public var perFeed: Int
    /// Below this many characters a feed's text is a summary (`FeedText.isSummary`).
    public var summaryBelow: Int

    public init(always: Bool, perFeed: Int, summaryBelow: Int) {
        self.always = always; self.perFeed = perFeed; self.summaryBelow = summaryBelow
    }

    func items(of prepared: [PreparedItem]) -> Set<String> {
        guard perFeed > 0 else { return [] }
        let candidates = prepared.filter { item in
            guard let link = item.link?.prefix(8).lowercased(), link.hasPrefix("http://") || link.hasPrefix("https://") else { return false }
            return always || FeedText.isSummary(length: item.textLength, threshold: summaryBelow)
        }
        let newest = candidates.sorted { ($0.published ?? .min) > ($1.published ?? .min) }
        return Set(newest.prefix(perFeed).map(\.stableID))
    }
}

/// What the fetcher needs to schedule and send a conditional GET for one configured, enabled feed.
public struct FeedFetchInfo: Sendable, Hashable {
    public var id: FeedID
    public var url: String
    public var section: String
    public var etag: String?
    public var lastModified: String?
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    public var nextDue: Date?
    public var consecutiveFailures: Int
    public var failingSince: Date?
    /// The server asked not to be asked before then (429/503 Retry-After).
    public var retryAfter: Date?
    public var permanentRedirect: String?
    public var gone: Bool

    public init(id: FeedID, url: String, section: String, etag: String? = nil, lastModified: String? = nil,
                lastAttempt: Date? = nil, lastSuccess: Date? = nil, nextDue: Date? = nil, consecutiveFailures: Int = 0,
                failingSince: Date? = nil, retryAfter: Date? = nil, permanentRedirect: String? = nil, gone: Bool = false) {
        self.id = id; self.url = url; self.section = section; self.etag = etag; self.lastModified = lastModified
        self.lastAttempt = lastAttempt; self.lastSuccess = lastSuccess; self.nextDue = nextDue
        self.consecutiveFailures = consecutiveFailures; self.failingSince = failingSince; self.retryAfter = retryAfter
        self.permanentRedirect = permanentRedirect; self.gone = gone
    }
}
