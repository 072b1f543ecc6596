import TelexModel
import TelexScreen

/// Work the reducer asks for, in two kinds with one interpreter each: what the terminal loop does
/// itself (it owns the terminal) and I/O, which one exhaustive handler in TelexApp performs for the
/// live reader and the headless session alike, reporting back with actions.
public enum Effect: Hashable, Sendable {
    case terminal(TerminalEffect)
    case io(IOEffect)
}

/// What the terminal loop performs on its own thread (or hands off and reports back).
public enum TerminalEffect: Hashable, Sendable {
    case quit
    /// Give the terminal back and stop the process (Ctrl-Z).
    case suspend
    /// Open a URL in the browser: a console browser needs the terminal, a graphical one is started
    /// off the terminal thread.
    case openInBrowser(String)
    /// Copy text (a URL): OSC 52 is written by the terminal, a clipboard tool runs off its thread.
    case copyToClipboard(String)
    /// Ask the terminal for a desktop notification (settings `notify_terminal`).
    case notify(TerminalNotice)
}

/// Work on the cache, the network and feeds.json: performed off the terminal thread.
public enum IOEffect: Hashable, Sendable {
    /// Reads the sections, the saved count and the accounts' sync states (`sectionsLoaded`, `accountsLoaded`).
    case loadSections
    case loadHeadlines(HeadlineQuery)
    case loadItem(ItemID)
    /// Reads and decodes the pictures the cache keeps for an item (`picturesLoaded`): for the reading view.
    case loadPictures(ItemID)
    /// The same for a page followed from a story, by its URL (`pagePicturesLoaded`).
    case loadPagePictures(String)
    /// One picture of an item (its lead), for the preview pane (`previewPictureLoaded`).
    case loadPreviewPicture(ItemID, String)
    /// Draws pictures as character art at their laid-out sizes (`artDrawn`): libchafa's milliseconds
    /// a picture are spent off the terminal thread, so scrolling never waits on them.
    case drawArt([ArtJob])
    case search(String)
    /// Reads the items of a headline's cluster, every outlet's story about its event (`clusterLoaded`).
    case loadCluster(ItemID)
    case setRead([ItemID], Bool)
    case setSaved(ItemID, Bool)
    case markAllRead(ListScope)
    case refresh
    // The reading view.
    /// Load the page at a link: answered by `.pageLoaded`, `.linkNotAnArticle` or `.pageFetchFailed`.
    case followLink(String)
    /// Stop the fetch `.followLink` started.
    case cancelFetch
    /// Fetch and save a linked page for later (read-later for any URL).
    case saveURLForLater(String)
    // Subscriptions: feeds.json changed safely, then reloaded (new feeds fetched).
    /// Find the feeds at an address, to add to `section`: answered by `.feedsDiscovered` or `.discoveryFailed`.
    case discoverFeeds(String, section: String)
    /// Stop the discovery `.discoverFeeds` started.
    case cancelDiscovery
    /// Add feeds to a section (created when missing): answered by `.subscriptionsChanged` or `.failed`.
    case subscribe([FeedCandidate], section: String)
    /// Remove a feed (by its configured URL).
    case unsubscribe(url: String)
    /// Move a feed to a section (created when missing).
    case moveFeed(url: String, toSection: String)
}

/// The reducer's vocabulary: `[.loadItem(id), .quit]` reads as the work it asks for; each builds
/// the case of its kind.
public extension Effect {
    static let quit = Effect.terminal(.quit)
    static let suspend = Effect.terminal(.suspend)
    static func openInBrowser(_ url: String) -> Effect { .terminal(.openInBrowser(url)) }
    static func copyToClipboard(_ text: String) -> Effect { .terminal(.copyToClipboard(text)) }
    static let loadSections = Effect.io(.loadSections)
    static func loadHeadlines(_ q: HeadlineQuery) -> Effect { .io(.loadHeadlines(q)) }
    static func loadItem(_ id: ItemID) -> Effect { .io(.loadItem(id)) }
    static func loadPictures(_ id: ItemID) -> Effect { .io(.loadPictures(id)) }
    static func loadPreviewPicture(_ id: ItemID, _ url: String) -> Effect { .io(.loadPreviewPicture(id, url)) }
    static func loadPagePictures(_ url: String) -> Effect { .io(.loadPagePictures(url)) }
    static func drawArt(_ jobs: [ArtJob]) -> Effect { .io(.drawArt(jobs)) }
    static func search(_ q: String) -> Effect { .io(.search(q)) }
    static func loadCluster(_ id: ItemID) -> Effect { .io(.loadCluster(id)) }
    static func setRead(_ ids: [ItemID], _ read: Bool) -> Effect { .io(.setRead(ids, read)) }
    static func setSaved(_ id: ItemID, _ saved: Bool) -> Effect { .io(.setSaved(id, saved)) }
    static func markAllRead(_ scope: ListScope) -> Effect { .io(.markAllRead(scope)) }
    static let refresh = Effect.io(.refresh)
    static func followLink(_ url: String) -> Effect { .io(.followLink(url)) }
    static let cancelFetch = Effect.io(.cancelFetch)
    static func saveURLForLater(_ url: String) -> Effect { .io(.saveURLForLater(url)) }
    static func discoverFeeds(_ address: String, section: String) -> Effect { .io(.discoverFeeds(address, section: section)) }
    static let cancelDiscovery = Effect.io(.cancelDiscovery)
    static func subscribe(_ feeds: [FeedCandidate], section: String) -> Effect { .io(.subscribe(feeds, section: section)) }
    static func unsubscribe(url: String) -> Effect { .io(.unsubscribe(url: url)) }
    static func moveFeed(url: String, toSection: String) -> Effect { .io(.moveFeed(url: url, toSection: toSection)) }
}
