import TelexModel

/// Work the reducer asks for; the runner in TelexApp performs it and reports back with actions.
public enum Effect: Hashable, Sendable {
    case quit
    /// Give the terminal back and stop the process (Ctrl-Z); the loop performs it on its thread.
    case suspend
    /// Reads the sections, the saved count and the accounts' sync states (`sectionsLoaded`, `accountsLoaded`).
    case loadSections
    case loadHeadlines(HeadlineQuery)
    case loadItem(ItemID)
    case search(String)
    case setRead([ItemID], Bool)
    case setSaved(ItemID, Bool)
    case markAllRead(ListScope)
    case refresh
    /// Open a URL in the browser (the loop runs it: a console browser needs the terminal).
    case openInBrowser(String)
    // The reading view.
    /// Load the page at a link: answered by `.pageLoaded`, `.linkNotAnArticle` or `.pageFetchFailed`.
    case followLink(String)
    /// Stop the fetch `.followLink` started.
    case cancelFetch
    /// Fetch and save a linked page for later (read-later for any URL).
    case saveURLForLater(String)
    /// Copy text (a URL) to the clipboard.
    case copyToClipboard(String)
    // Subscriptions: feeds.json changed safely, then reloaded (new feeds fetched).
    /// Find the feeds at an address: answered by `.feedsDiscovered` or `.discoveryFailed`.
    case discoverFeeds(String)
    /// Stop the discovery `.discoverFeeds` started.
    case cancelDiscovery
    /// Add feeds to a section (created when missing): answered by `.subscriptionsChanged` or `.failed`.
    case subscribe([FeedCandidate], section: String)
    /// Remove a feed (by its configured URL).
    case unsubscribe(url: String)
    /// Move a feed to a section (created when missing).
    case moveFeed(url: String, toSection: String)
}
