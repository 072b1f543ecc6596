import TelexModel

/// Work the reducer asks for; the runner in TelexApp performs it and reports back with actions.
public enum Effect: Hashable, Sendable {
    case quit
    /// Give the terminal back and stop the process (Ctrl-Z); the loop performs it on its thread.
    case suspend
    case loadSections
    case loadHeadlines(HeadlineQuery)
    case loadItem(ItemID)
    case search(String)
    case setRead([ItemID], Bool)
    case setSaved(ItemID, Bool)
    case markAllRead(ListScope)
    case refresh
    case openInBrowser(String)
}
