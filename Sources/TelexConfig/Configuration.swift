import Foundation

/// When to fetch an item's own web page and extract the story.
public enum ArticleMode: String, Sendable, Hashable, CaseIterable {
    /// Only when the feed's own content is short (a summary).
    case auto
    case always
    case never
}

/// What happens to the items a `hide` rule matches (docs/feeds-json.md, "Filters").
public enum HiddenMode: String, Sendable, Hashable, CaseIterable {
    /// Kept in the cache, out of every list, count and search: they come back when the rule goes.
    case store
    /// Never written by the pass.
    case drop
}

/// One feed of feeds.json.
public struct FeedConfig: Sendable, Hashable {
    public var url: String
    public var title: String?
    public var article: ArticleMode
    /// Seconds between fetches by `telex serve`; nil uses the settings' default.
    public var interval: Int?
    public var enabled: Bool
    /// This feed's own `hide` rules (queries, checked by `QueryParser`), beside the file's global ones.
    public var hide: [String]
    public var hidden: HiddenMode

    public init(url: String, title: String? = nil, article: ArticleMode = .auto, interval: Int? = nil, enabled: Bool = true,
                hide: [String] = [], hidden: HiddenMode = .store) {
        self.url = url; self.title = title; self.article = article; self.interval = interval; self.enabled = enabled
        self.hide = hide; self.hidden = hidden
    }
}

/// One section of feeds.json, in file order.
public struct SectionConfig: Sendable, Hashable {
    public var name: String
    public var feeds: [FeedConfig]
    public init(name: String, feeds: [FeedConfig]) { self.name = name; self.feeds = feeds }
}

/// A saved query section of feeds.json: `{"name": "Ukraine", "query": "ukraine or kyiv newer:7d"}`, in the query
/// language (docs/queries.md), shown in the reader's sections pane with its unread count.
public struct SavedQueryConfig: Sendable, Hashable {
    public var name: String
    /// The query text, checked by `QueryParser` when feeds.json is read.
    public var query: String
    public init(name: String, query: String) { self.name = name; self.query = query }
}

/// feeds.json as loaded and validated.
public struct Configuration: Sendable, Hashable {
    public var settings: Settings
    public var sections: [SectionConfig]
    /// Aggregator accounts synced by `telex sync` (docs/sync.md), in file order.
    public var accounts: [AccountConfig]
    /// Saved query sections, in file order.
    public var queries: [SavedQueryConfig]
    /// Where it was read from ("(built-in default)" for the bundled file).
    public var source: String
    /// The reader's key bindings and unbindings (`keys`), in file order.
    public var keys: [KeyConfig]
    /// The reader's theme and style overrides (`colors`), in file order.
    public var colors: [ColorConfig]
    /// `hide` rules for every feed (queries, checked by `QueryParser`), in file order.
    public var hide: [String]

    public init(settings: Settings = Settings(), sections: [SectionConfig], accounts: [AccountConfig] = [],
                queries: [SavedQueryConfig] = [], source: String, keys: [KeyConfig] = [], colors: [ColorConfig] = [],
                hide: [String] = []) {
        self.settings = settings; self.sections = sections; self.accounts = accounts; self.queries = queries; self.source = source
        self.keys = keys; self.colors = colors; self.hide = hide
    }

    /// The one query that hides a feed's items: its rules and the global ones, any of them (nil: none).
    public func hideQuery(for feed: FeedConfig) -> String? {
        let rules = hide + feed.hide
        return rules.isEmpty ? nil : rules.map { "(\($0))" }.joined(separator: " or ")
    }

    /// The enabled feeds, in order, with their section.
    public var enabledFeeds: [(section: String, feed: FeedConfig)] {
        sections.flatMap { s in s.feeds.filter(\.enabled).map { (s.name, $0) } }
    }
}

extension Configuration {
    /// The configured feed URLs nearest to `url` (by edit distance, ignoring case and the scheme), for an
    /// error about a feed feeds.json does not hold.
    public func closestFeeds(to url: String, count: Int = 3) -> [String] {
        func key(_ s: String) -> String {
            var t = s.lowercased()
            for prefix in ["https://", "http://"] where t.hasPrefix(prefix) { t.removeFirst(prefix.count) }
            if t.hasPrefix("www.") { t.removeFirst(4) }
            while t.hasSuffix("/") { t.removeLast() }
            return t
        }
        let target = key(url)
        var scored: [(url: String, distance: Int)] = []
        for section in sections {
            for feed in section.feeds { scored.append((feed.url, editDistance(key(feed.url), target))) }
        }
        scored.sort { a, b in a.distance != b.distance ? a.distance < b.distance : a.url < b.url }
        return scored.prefix(count).map { $0.url }
    }
}
