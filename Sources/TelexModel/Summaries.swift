import Foundation

/// One feed as the sections pane shows it.
public struct FeedSummary: Hashable, Sendable, Identifiable {
    public var id: FeedID
    public var url: String
    /// The name to show: the configured title, else the feed's own, else its host and path (`FeedName`).
    public var title: String
    public var unread: Int
    public var total: Int
    /// How its fetches go (typed: failing, gone, a warning), for the reader to say why.
    public var health: FeedHealth

    public init(id: FeedID, url: String, title: String, unread: Int = 0, total: Int = 0, health: FeedHealth = FeedHealth()) {
        self.id = id; self.url = url; self.title = title
        self.unread = unread; self.total = total; self.health = health
    }
    /// The last attempt failed (or the server said the feed is gone).
    public var isFailing: Bool { health.isFailing }
}

/// One configured section with its feeds and counters, in feeds.json order.
public struct SectionSummary: Hashable, Sendable, Identifiable {
    public var id: SectionID
    public var name: String
    public var unread: Int
    public var total: Int
    public var feeds: [FeedSummary]

    public init(id: SectionID, name: String, unread: Int = 0, total: Int = 0, feeds: [FeedSummary] = []) {
        self.id = id; self.name = name; self.unread = unread; self.total = total; self.feeds = feeds
    }
}

/// One saved query section (feeds.json `"queries"`) as the sections pane shows it, with its live counts.
public struct SavedQuerySummary: Hashable, Sendable, Identifiable {
    public var id: SavedQueryID
    public var name: String
    /// The query text, as written in feeds.json.
    public var query: String
    public var unread: Int
    /// Why the query cannot run on this cache (a `lang:` term), nil when it runs.
    public var problem: String?

    public init(id: SavedQueryID, name: String, query: String, unread: Int = 0, problem: String? = nil) {
        self.id = id; self.name = name; self.query = query; self.unread = unread; self.problem = problem
    }
}

/// One row of the headlines pane.
public struct Headline: Hashable, Sendable, Identifiable {
    public var id: ItemID
    public var feedID: FeedID
    public var title: String
    public var source: String
    public var link: String?
    /// The time the list is sorted by (published, clamped; see the store).
    public var sortTime: Date
    public var isRead: Bool
    public var isSaved: Bool
    /// The other outlets (feeds' names) that carry the same story, which lists show once (docs/cache-schema.md,
    /// "Stories"); empty when this feed alone has it.
    public var alsoIn: [String]
    /// Other outlets' stories about the same event (its cluster: docs/cache-schema.md, "Clusters"), one per outlet,
    /// newest first, none of `alsoIn`'s; empty when no other outlet covers it.
    public var coverage: [Coverage]

    public init(id: ItemID, feedID: FeedID, title: String, source: String, link: String?, sortTime: Date,
                isRead: Bool, isSaved: Bool, alsoIn: [String] = [], coverage: [Coverage] = []) {
        self.id = id; self.feedID = feedID; self.title = title; self.source = source; self.link = link
        self.sortTime = sortTime; self.isRead = isRead; self.isSaved = isSaved; self.alsoIn = alsoIn
        self.coverage = coverage
    }

    /// How many outlets carry the story or cover its event (this one included).
    public var outletCount: Int { 1 + alsoIn.count + coverage.count }
}

/// Another outlet's story about the same event as a headline ("also covered by").
public struct Coverage: Hashable, Sendable, Identifiable {
    public var id: ItemID
    public var feedID: FeedID
    /// The outlet: its feed's name.
    public var source: String
    public var title: String
    public var sortTime: Date

    public init(id: ItemID, feedID: FeedID, source: String, title: String, sortTime: Date) {
        self.id = id; self.feedID = feedID; self.source = source; self.title = title; self.sortTime = sortTime
    }
}

/// A position in a newest-first list, for keyset pagination (never OFFSET).
public struct ListCursor: Hashable, Sendable {
    public var sortTime: Date
    public var id: ItemID
    public init(sortTime: Date, id: ItemID) { self.sortTime = sortTime; self.id = id }
}

/// Everything the preview and reading views need about one item.
public struct ItemDetail: Hashable, Sendable {
    public var headline: Headline
    public var author: String?
    public var published: Date?
    public var summaryHTML: String?
    public var contentHTML: String?
    /// The extracted article page when cached, as `TelexArticles.ArticleDocumentCodec` stored it.
    public var articleJSON: Data?
    public var articleURL: String?

    public init(headline: Headline, author: String? = nil, published: Date? = nil, summaryHTML: String? = nil,
                contentHTML: String? = nil, articleJSON: Data? = nil, articleURL: String? = nil) {
        self.headline = headline; self.author = author; self.published = published
        self.summaryHTML = summaryHTML; self.contentHTML = contentHTML
        self.articleJSON = articleJSON; self.articleURL = articleURL
    }
}

/// The counters of a fetch pass: live while it runs, its summary when it ends. Every process that
/// fetches publishes it (docs/fetch.md, "Who fetches"), so front ends show any pass the same way.
public struct FetchProgress: Hashable, Sendable, Codable {
    public var running: Bool
    /// Feeds done so far (written to the cache, or skipped), of the feeds selected for the pass.
    public var feedsDone: Int
    public var feedsTotal: Int
    /// Feeds that answered with a new document / with 304 Not Modified.
    public var ok: Int
    public var unchanged: Int
    public var failed: Int
    /// Feeds not asked (410 Gone, or an unexpired Retry-After).
    public var skipped: Int
    /// Items new to the cache, as committed.
    public var newItems: Int
    /// Article pages saved, and those that could not be fetched.
    public var articles: Int
    public var articleFailures: Int
    public var bytes: Int
    public var seconds: Double
    /// The last failure's message (a feed's, or the cache's when a write failed).
    public var lastError: String?

    public init(running: Bool = false, feedsDone: Int = 0, feedsTotal: Int = 0, ok: Int = 0, unchanged: Int = 0, failed: Int = 0,
                skipped: Int = 0, newItems: Int = 0, articles: Int = 0, articleFailures: Int = 0, bytes: Int = 0,
                seconds: Double = 0, lastError: String? = nil) {
        self.running = running; self.feedsTotal = feedsTotal; self.feedsDone = feedsDone; self.ok = ok
        self.unchanged = unchanged; self.failed = failed; self.skipped = skipped; self.newItems = newItems
        self.articles = articles; self.articleFailures = articleFailures; self.bytes = bytes; self.seconds = seconds
        self.lastError = lastError
    }

    /// Every selected feed failed (none answered): what `telex fetch` exits 3 for.
    public var everyFeedFailed: Bool { failed > 0 && ok == 0 && unchanged == 0 }
}

/// One row of `telex list` and `telex search` outputs: a headline with its feed, section and dates.
public struct ListedItem: Hashable, Sendable {
    public var headline: Headline
    public var feedURL: String
    /// The feed's section (nil for a removed feed's saved item).
    public var section: String?
    public var published: Date?
    public var author: String?

    public init(headline: Headline, feedURL: String, section: String?, published: Date?, author: String?) {
        self.headline = headline; self.feedURL = feedURL; self.section = section; self.published = published
        self.author = author
    }
}
