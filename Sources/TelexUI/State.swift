import Foundation
import TelexModel
import TelexScreen

/// Which pane has the keyboard.
public enum Pane: Int, Hashable, Sendable, CaseIterable {
    case sections, headlines, preview
}

/// What is shown: the list panes, or the reading view over them (with all of its state). The one
/// truth: `AppState.reader` reads and writes it.
public enum Screen: Hashable, Sendable {
    case lists
    case reader(ReaderState)
}

/// What the status line says until the next key: an error (shown as one) or a notice.
public enum StatusMessage: Hashable, Sendable {
    case notice(String)
    case error(String)

    public var text: String {
        switch self {
        case .notice(let t), .error(let t): t
        }
    }

    public var isError: Bool { if case .error = self { true } else { false } }
}

/// A row of a pane that was clicked.
public struct ClickTarget: Hashable, Sendable {
    public var pane: Pane
    public var row: Int
    public init(pane: Pane, row: Int) { self.pane = pane; self.row = row }
}

/// A one-line prompt on the status row.
public struct Prompt: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case search
        /// `a`: the address of a feed or of a site's page, for the section named.
        case addFeed(section: String)
        /// `m` in the feed list: the section to move the feed to.
        case moveFeed(url: String, name: String)
    }
    public var kind: Kind
    public var text: String
    public init(kind: Kind, text: String = "") { self.kind = kind; self.text = text }
}

/// The whole front end as data. Views render it; only `reduce` changes it.
public struct AppState: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var screen: Screen = .lists
    public var focus: Pane = .sections
    public var sections: [SectionSummary] = []
    public var sectionsLoaded = false
    public var expanded: Set<SectionID> = []
    public var savedCount: Int = 0
    /// The saved query sections (feeds.json `"queries"`) with their unread counts, as last read.
    public var savedQueries: [SavedQuerySummary] = []
    public var sectionsViewport = ListViewport()
    /// The query of the last search; its results show as a virtual section after Saved.
    public var searchQuery: String?
    public var searchResultCount = 0
    public var headlines = HeadlineList()
    /// A story's coverage (`c`) shown in the headlines pane over the list it was opened from (`coverageShown`).
    public var coverage: CoverageList?
    /// The headline whose coverage `c` asked for.
    public var coverageRequested: ItemID?
    public var preview: PreviewContent?
    /// The item the preview is waiting for.
    public var previewRequested: ItemID?
    public var previewScroll = 0
    /// The lead picture of the previewed item (setting `preview_image`).
    public var previewPicture: PreviewPicture?
    /// Setting `preview_image`: the preview pane shows the item's lead picture as small character art.
    public var previewImage = true
    /// Ids `A` marked read, for `u`.
    public var undoMarkAll: [ItemID]?
    public var prompt: Prompt?
    /// Adding a feed (`a`) or the feed list of a section (`F`), over the lists.
    public var subscriptions: SubscriptionOverlay?
    /// How the headlines and the preview share the screen (`v`).
    public var previewSplit = PreviewSplit.auto
    /// The sections pane is hidden (`B`) until it has the focus.
    public var sectionsHidden = false
    public var showHelp = false
    public var helpScroll = 0
    /// Colours on (off for `NO_COLOR` or the `color` setting: the monochrome theme).
    public var useColor = true
    /// The theme and the user's overrides (feeds.json `colors`).
    public var themeChoice = ThemeChoice()
    /// The clock the ages are computed from; `.tick` moves it.
    public var now: Date = Date(timeIntervalSince1970: 0)
    /// The zone times of day are shown in ("failing since 09:12"); the app sets the user's.
    public var timeZone = TimeZone(identifier: "UTC")!
    /// A message for the status line (an error or a notice), cleared by the next key.
    public var message: StatusMessage?
    /// The pass running now (this process's or another's), while `fetch.running`.
    public var fetch = FetchProgress()
    /// The aggregator accounts' sync states, for the status line.
    public var accounts: [AccountStatus] = []
    /// Set while "refresh now" waits for another process ("waiting for telex fetch (pid 12)").
    public var fetchWaiting: String?
    public var isQuitting = false
    /// The reading view's widest text column (settings `measure`).
    public var readingMeasure = 80
    /// How pictures are shown (settings `images`, `I` toggles between off and on). None until the app
    /// sets them from the settings (tests and the headless session read text only unless they ask).
    public var pictures = PictureOptions(shown: false)
    /// A page down at the end of an article opens the next unread one (settings `space_opens_next_unread`).
    public var pageDownOpensNextUnread = true
    /// The reading view marks its links as terminal hyperlinks (OSC 8; settings `hyperlinks`, `auto`
    /// decided by the app from the terminal).
    public var hyperlinks = false
    /// After a pass that brought new items, ask the terminal for a desktop notification of this kind
    /// (settings `notify_terminal`); nil: none.
    public var terminalNotices: TerminalNotice.Kind?
    /// The item the reading view waits for (Enter on a headline, n / p in the reader).
    public var readerRequested: ItemID?
    /// The key bindings (the reducer dispatches on them; the help lists them).
    public var keymap = Keymap.standard
    /// Keys typed so far of a longer sequence (`g g` when bound so).
    public var pendingKeys: [Key] = []
    /// A count typed before a command (`5j`).
    public var pendingCount: Int?
    /// How far each opened article was read (kept across restarts: `ReaderPlace`).
    public var readingPositions: [ItemID: Double] = [:]
    /// The articles left most recently, oldest first (kept in place.json: Continue reading's order).
    public var recentlyRead: [ItemID] = []
    /// Articles left half-read, most recently left first (the "Continue reading" row), from `readingPositions`.
    public internal(set) var continueReading: [ItemID] = []
    /// The reading view's history from the last run, applied when its first page reopens.
    public var historyToRestore: ReaderPlace?
    /// A saved place still being restored (the sections, then the list, then the article load).
    public var restoring: ReaderPlace?
    /// The last click, so a second click on the same row opens it.
    public var lastClick: ClickTarget?

    public init(width: Int, height: Int) { self.width = width; self.height = height }

    /// The reading view, when it is open (it covers the list panes); setting nil returns to the lists.
    public var reader: ReaderState? {
        get { if case .reader(let r) = screen { r } else { nil } }
        set { screen = newValue.map(Screen.reader) ?? .lists }
        // In place: the enum lets go of the reader while it changes, so its layout is not copied.
        _modify {
            var r: ReaderState?
            if case .reader(let current) = screen { r = current; screen = .lists }
            defer { screen = r.map(Screen.reader) ?? .lists }
            yield &r
        }
    }

    public var sectionRows: [SectionRow] {
        SectionRow.rows(sections: sections, expanded: expanded, savedCount: savedCount, queries: savedQueries,
                        continueReading: continueReading,
                        search: searchQuery.map { ($0, searchResultCount) })
    }

    public var selectedSectionRow: SectionRow? {
        let rows = sectionRows
        return rows.indices.contains(sectionsViewport.selected) ? rows[sectionsViewport.selected] : nil
    }

    /// The styles views draw with.
    public var theme: Theme { Theme.resolve(themeChoice, color: useColor) }

    public var layout: ScreenLayout {
        ScreenLayout(width: width, height: height, focus: focus, split: previewSplit, sectionsHidden: sectionsHidden)
    }

    /// True when no section has any article: the first run, before any fetch.
    public var cacheIsEmpty: Bool { sectionsLoaded && sections.allSatisfy { $0.total == 0 } && savedCount == 0 }
}
