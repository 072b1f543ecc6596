import Foundation

/// One feed as the sections pane shows it.
public struct FeedSummary: Hashable, Sendable, Identifiable {
    public var id: FeedID
    public var url: String
    public var title: String
    public var unread: Int
    public var total: Int
    /// The last fetch error, when the most recent attempt failed.
    public var lastError: String?

    public init(id: FeedID, url: String, title: String, unread: Int = 0, total: Int = 0, lastError: String? = nil) {
        self.id = id; self.url = url; self.title = title
        self.unread = unread; self.total = total; self.lastError = lastError
    }
    public var isFailing: Bool { lastError != nil }
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

    public init(id: ItemID, feedID: FeedID, title: String, source: String, link: String?, sortTime: Date,
                isRead: Bool, isSaved: Bool) {
        self.id = id; self.feedID = feedID; self.title = title; self.source = source; self.link = link
        self.sortTime = sortTime; self.isRead = isRead; self.isSaved = isSaved
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

/// Progress of a fetch pass, as front ends show it in the status line.
public struct FetchProgress: Hashable, Sendable {
    public var running: Bool
    public var feedsDone: Int
    public var feedsTotal: Int
    public var articles: Int
    public var failures: Int
    public var lastError: String?

    public init(running: Bool = false, feedsDone: Int = 0, feedsTotal: Int = 0, articles: Int = 0,
                failures: Int = 0, lastError: String? = nil) {
        self.running = running; self.feedsDone = feedsDone; self.feedsTotal = feedsTotal
        self.articles = articles; self.failures = failures; self.lastError = lastError
    }
}
