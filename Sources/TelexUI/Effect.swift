import TelexModel

/// Work the reducer asks for; the runner in TelexApp performs it and reports back with actions.
public enum Effect: Hashable, Sendable {
    case quit
    case loadSections
    case refresh
    case setRead([ItemID], Bool)
    case setSaved(ItemID, Bool)
    case openInBrowser(String)
    // The reading view.
    /// Load the page at a link: answered by `.pageLoaded`, `.linkNotAnArticle` or `.pageFetchFailed`.
    case followLink(String)
    /// Stop the fetch `.followLink` started.
    case cancelFetch
    /// Fetch and save a linked page for later (read-later for any URL).
    case saveURLForLater(String)
    /// Open the item `offset` rows from `from` in the current list: answered by `.openInReader`.
    case openAdjacentItem(from: ItemID, offset: Int)
    /// Copy text (a URL) to the clipboard.
    case copyToClipboard(String)
}
