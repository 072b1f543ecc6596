import TelexModel

/// Every configurable value, with its documented default (docs/feeds-json.md lists them all).
public struct Settings: Sendable, Hashable {
    /// Read items older than this are pruned (unread and saved items are kept).
    public var retentionDays: Int = 90
    /// Requests in flight at once.
    public var jobs: Int = 16
    /// Requests in flight at once to one host.
    public var perHost: Int = 2
    /// Largest feed document accepted, after decompression.
    public var maxFeedBytes: Int = 10 << 20
    /// Largest article page accepted, after decompression.
    public var maxPageBytes: Int = 5 << 20
    /// Related stories prefetched per article for offline reading.
    public var prefetchPerArticle: Int = 5
    /// Article pages fetched per feed and per pass (its newest items without one), whatever their age.
    public var articlesPerFeed: Int = 10
    /// Default seconds between fetches of a feed.
    public var defaultInterval: Int = 30 * 60
    /// Seconds to connect, and seconds without a byte, before a request is abandoned.
    public var timeout: Int = 30
    /// Seconds for a whole request (redirects included) before it is abandoned, whatever the server sends.
    public var totalTimeout: Int = 60
    /// A transfer slower than this many bytes per second for `lowSpeedTime` seconds is abandoned (0: never).
    public var lowSpeedLimit: Int = 1024
    public var lowSpeedTime: Int = 20
    /// Widest text column of the reading view.
    public var measure: Int = 80
    /// A `$BROWSER`-style list (`:`-separated commands, `%s` for the URL); nil uses `$BROWSER`.
    public var browser: String? = nil
    /// Copy URLs with the OSC 52 terminal sequence.
    public var osc52: Bool = false
    /// Use colours (the `NO_COLOR` environment variable turns them off as well).
    public var color: Bool = true
    /// Group the headlines pane by day.
    public var groupByDay: Bool = false
    /// Lists show the stories of different outlets about one event (a cluster) as one row, its newest;
    /// off, each outlet's story has its own row (the store's `groupsStories`).
    public var groupStories: Bool = true
    /// Space (a page down) at the end of an article opens the next unread one, as in mutt and newsboat.
    public var spaceOpensNextUnread: Bool = true
    /// How the reading view shows pictures; `off` also stops the fetcher from fetching them.
    public var images: ImagesMode = .auto
    /// The tallest a picture is drawn, in percent of the screen's height.
    public var imageHeight: Int = 50
    /// The preview pane shows the item's lead picture as small character art.
    public var previewImage: Bool = true
    /// Links of the reading view as OSC 8 hyperlinks (a click in the terminal opens them).
    public var hyperlinks: HyperlinksMode = .auto
    /// A program run after a fetch pass that brought new items (argv, no shell); nil: none.
    public var notify: [String]? = nil
    /// The reader's own notice of new items after a refresh: a terminal escape sequence (OSC 9 or 777).
    public var notifyTerminal: TerminalNotification = .off

    public init() {}

    /// The keys of the `settings` object, in documentation order.
    public static let keys: [String] = [
        "retention_days", "jobs", "per_host", "max_feed_bytes", "max_page_bytes", "prefetch_per_article", "articles_per_feed",
        "default_interval", "timeout", "total_timeout", "low_speed_limit", "low_speed_time", "measure", "browser", "osc52", "color",
        "group_by_day", "group_stories", "space_opens_next_unread", "images", "image_height", "preview_image", "hyperlinks", "notify", "notify_terminal",
    ]
}

/// `hyperlinks`: whether the reading view marks links with OSC 8 (docs/feeds-json.md says which
/// terminals `auto` trusts).
public enum HyperlinksMode: String, Sendable, Hashable, CaseIterable {
    case auto, on, off
}

/// `notify_terminal`: the escape sequence the reader writes when a refresh brought new items.
public enum TerminalNotification: String, Sendable, Hashable, CaseIterable {
    /// None.
    case off
    /// `OSC 9 ; text ST`: iTerm2, WezTerm, kitty, foot, Windows Terminal, ConEmu.
    case osc9
    /// `OSC 777 ; notify ; title ; body ST`: rxvt-unicode's extension, also foot, WezTerm, Ghostty, VTE.
    case osc777
}
