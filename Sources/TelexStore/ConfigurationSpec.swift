/// One section of feeds.json as the cache mirrors it (plain values: the store does not import TelexConfig).
public struct SectionSpec: Sendable, Hashable {
    public var name: String
    public var feeds: [FeedSpec]
    public init(name: String, feeds: [FeedSpec]) { self.name = name; self.feeds = feeds }
}

/// One feed of feeds.json as the cache mirrors it.
public struct FeedSpec: Sendable, Hashable {
    public var url: String
    /// The title configured in feeds.json (nil: use the feed's own title).
    public var title: String?
    public var enabled: Bool
    /// The query whose matches are hidden (the feed's `hide` rules and the global ones, any of them); nil: none.
    public var hide: String?
    /// Hidden items are never written (`"hidden": "drop"`) instead of kept out of sight (`"store"`).
    public var dropHidden: Bool
    public init(url: String, title: String? = nil, enabled: Bool = true, hide: String? = nil, dropHidden: Bool = false) {
        self.url = url; self.title = title; self.enabled = enabled; self.hide = hide; self.dropHidden = dropHidden
    }
}

/// A saved query section of feeds.json as the cache mirrors it (its text, parsed when run).
public struct QuerySpec: Sendable, Hashable {
    public var name: String
    public var query: String
    public init(name: String, query: String) { self.name = name; self.query = query }
}
