/// What a key does: the reducer dispatches on commands, never on keys (the keymap maps one to the
/// other, and the help overlay lists them).
public enum Command: String, Hashable, Sendable, CaseIterable {
    // Moving (lists and the reading view).
    case down, up, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    // Lists.
    case paneLeft, paneRight, nextPane, previousPane, expand, collapse, open, nextUnread, previousUnread
    case markAllRead, undo, search, refresh, addFeed, feedList, toggleSplit, toggleSections
    // Articles (lists and the reading view).
    case toggleRead, toggleSaved, openInBrowser, coverage
    // The reading view.
    case nextLink, previousLink, linkNumbers, follow, linkList
    case historyBack, historyForward, history
    case nextParagraph, previousParagraph, nextHeading, previousHeading, jumpBack
    case next, previousMatch, previousArticle, find, copyURL, cancel, togglePictures
    // Everywhere.
    case back, quit, help, suspend

    /// The help overlay's groups, in order.
    public enum Group: String, Hashable, Sendable, CaseIterable {
        case moving = "Moving", articles = "Articles", feeds = "Feeds", links = "Links", history = "History",
             reading = "Reading", screen = "Screen"
    }

    public var group: Group {
        switch self {
        case .down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom, .paneLeft, .paneRight, .nextPane,
             .previousPane, .expand, .collapse, .open, .nextUnread, .previousUnread:
            .moving
        case .markAllRead, .undo, .search, .refresh, .toggleRead, .toggleSaved, .openInBrowser, .coverage: .articles
        case .addFeed, .feedList: .feeds
        case .nextLink, .previousLink, .linkNumbers, .follow, .linkList: .links
        case .historyBack, .historyForward, .history: .history
        case .nextParagraph, .previousParagraph, .nextHeading, .previousHeading, .jumpBack, .next, .previousMatch,
             .previousArticle, .find, .copyURL, .cancel, .togglePictures:
            .reading
        case .back, .quit, .help, .suspend, .toggleSplit, .toggleSections: .screen
        }
    }

    /// Whether a count typed before the key (`5j`) repeats or scales it; for the first and last row,
    /// it names the row (`5G`, as in vi and less: row or line 5).
    public var takesCount: Bool {
        switch self {
        case .down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .nextParagraph, .previousParagraph, .nextHeading,
             .previousHeading, .nextLink, .previousLink, .nextUnread, .previousUnread, .top, .bottom:
            true
        default: false
        }
    }

    /// What the command does in `context` (the help overlay and docs/keys.md show it).
    public func summary(in context: KeyContext) -> String {
        let reader = context == .reader
        switch self {
        case .down: return reader ? "scroll a line down" : "next row (the pane to the right follows)"
        case .up: return reader ? "scroll a line up" : "previous row"
        case .pageDown: return reader ? "page down (two lines overlap)" : "page down"
        case .pageUp: return reader ? "page up" : "page up"
        case .halfPageDown: return "half a page down"
        case .halfPageUp: return "half a page up"
        case .top: return reader ? "top of the article" : "first row (of the whole list)"
        case .bottom: return reader ? "end of the article" : "last row (of the whole list)"
        case .paneLeft: return "pane to the left (on a feed: close its section)"
        case .paneRight: return "pane to the right"
        case .nextPane: return "next pane"
        case .previousPane: return "previous pane"
        case .expand: return "show a section's feeds"
        case .collapse: return "hide a section's feeds"
        case .open: return "section: its headlines; headline: open it (marks it read)"
        case .nextUnread: return "next unread headline"
        case .previousUnread: return "previous unread headline"
        case .markAllRead: return "mark the whole view read"
        case .undo: return "undo the last mark-all-read"
        case .search: return "search all articles (Enter runs, Esc cancels)"
        case .refresh: return "refresh the feeds"
        case .addFeed: return "add a feed: its URL or any page of the site"
        case .feedList: return "the section's feeds and their status"
        case .toggleRead: return "toggle read / unread"
        case .toggleSaved: return reader ? "save / unsave; on a link: fetch the page for later" : "save / unsave"
        case .openInBrowser: return "open in the browser ($BROWSER)"
        case .coverage: return "list every outlet's story about the headline's event (its +N count; a click on it too)"
        case .nextLink: return "next link (the status line shows its URL)"
        case .previousLink: return "previous link"
        case .linkNumbers: return "show / hide link numbers; #NN Enter selects link NN"
        case .follow: return "follow the link under the cursor (Esc cancels a fetch)"
        case .linkList: return "list every link"
        case .historyBack: return "back (from the first page: the list)"
        case .historyForward: return "forward"
        case .history: return "show the history"
        case .nextParagraph: return "next paragraph"
        case .previousParagraph: return "previous paragraph"
        case .nextHeading: return "next heading"
        case .previousHeading: return "previous heading"
        case .jumpBack: return "back to where the last jump started"
        case .next: return "next match of a find; else the next article"
        case .previousMatch: return "previous match of a find"
        case .previousArticle: return "previous article of the list"
        case .find: return "find in the article"
        case .copyURL: return "copy the link's URL, else the article's"
        case .cancel: return "cancel a fetch; else clear the find; else drop the link cursor"
        case .togglePictures: return "show / hide pictures (character art; captions stay)"
        case .back: return reader ? "back to the list" : "back one pane (from a story's coverage: its list); quit at the sections"
        case .quit: return "quit"
        case .help: return "help: the keys of what is shown"
        case .suspend: return "suspend to the shell (fg resumes)"
        case .toggleSplit: return "headlines and preview: as the width allows, side by side, stacked"
        case .toggleSections: return "hide / show the sections pane (its columns go to the headlines)"
        }
    }
}

/// Where a binding applies: the lists, the reading view, or both.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    case everywhere, lists, reader
}
