import TelexArticles
import TelexModel

/// A place in the history: a page with the scroll position and link cursor it was left at.
public struct HistoryEntry: Hashable, Sendable {
    public var page: ReaderPage
    public var scroll: Int
    public var linkCursor: Int?
    public init(page: ReaderPage, scroll: Int, linkCursor: Int?) { self.page = page; self.scroll = scroll; self.linkCursor = linkCursor }
}

/// A list shown over the reading view.
public enum ReaderOverlay: Hashable, Sendable {
    /// `L`: every link of the page; `selected` is the highlighted row.
    case links(selected: Int)
    /// `H`: the history, oldest first; `scroll` is the first row shown.
    case history(scroll: Int)
}

/// The reading view's state: the page, its layout at the current measure, scroll, link cursor,
/// find, and the history as a back stack and a forward stack (w3m's model).
public struct ReaderState: Hashable, Sendable {
    public private(set) var page: ReaderPage
    /// The page laid out at `columnWidth` (recomputed when the page, the width or `#` changes).
    public private(set) var layout: LaidOutArticle
    /// The widest text column (settings `measure`).
    public private(set) var measure: Int
    public private(set) var screenWidth: Int
    /// Rows of text on screen (the screen less the title and status rows).
    public private(set) var viewHeight: Int
    /// The first display line shown.
    public var scroll = 0
    /// Index into `layout.links` of the link under the cursor.
    public var linkCursor: Int?
    public private(set) var showLinkNumbers: Bool
    public var find: FindState?
    /// The text being typed after `/`.
    public var findPrompt: String?
    /// Digits typed after `#` (selects link N on Enter).
    public var numberEntry: String?
    public var back: [HistoryEntry] = []
    public var forward: [HistoryEntry] = []
    public var overlay: ReaderOverlay?
    /// The link being fetched by Enter (Esc cancels).
    public var pendingURL: String?
    public var pendingBytes: Int?
    /// A link that turned out not to be an article: `o` opens it in the browser.
    public var browserOffer: String?
    /// The list item the reader was opened on (n / p move from it).
    public var rootItem: ItemID?

    public init(page: ReaderPage, screenWidth: Int, screenHeight: Int, measure: Int = 80, showLinkNumbers: Bool = true) {
        self.page = page
        self.measure = max(12, measure)
        self.screenWidth = screenWidth
        self.viewHeight = max(1, screenHeight - 2)
        self.showLinkNumbers = showLinkNumbers
        self.rootItem = page.itemID
        self.layout = LaidOutArticle()
        relayout()
    }

    // MARK: Geometry

    /// The text column's width: the measure, narrower on small terminals.
    public var columnWidth: Int { Self.columnWidth(measure: measure, screenWidth: screenWidth) }
    /// The text column's left edge (centred).
    public var leftMargin: Int { max(0, (screenWidth - columnWidth) / 2) }

    public static func columnWidth(measure: Int, screenWidth: Int) -> Int { max(12, min(measure, screenWidth - 4)) }

    public var maxScroll: Int { max(0, layout.lines.count - viewHeight) }

    public mutating func resize(width: Int, height: Int) {
        let changed = width != screenWidth
        screenWidth = width
        viewHeight = max(1, height - 2)
        if changed { relayout() }
        clampScroll()
    }

    /// Lays the page out again at the same width (what layout uses has changed), keeping the scroll.
    public mutating func relayoutKeepingPosition() {
        relayout()
        clampScroll()
    }

    public mutating func setShowLinkNumbers(_ show: Bool) {
        guard show != showLinkNumbers else { return }
        showLinkNumbers = show
        relayout()
        clampScroll()
        if let c = linkCursor { scrollLinkIntoView(c) }
    }

    /// Lays the page out again (the note, if any, above the story, as `telex read` prints it).
    mutating func relayout() {
        layout = ArticleLayout.layout(page.document, width: columnWidth, showLinkNumbers: showLinkNumbers, note: page.note)
        if let c = linkCursor, !layout.links.indices.contains(c) { linkCursor = nil }
        if let f = find { find = FindState.search(f.query, in: layout, near: f.currentMatch?.line ?? scroll) }
    }

    mutating func clampScroll() { scroll = min(max(0, scroll), maxScroll) }

    public mutating func scroll(by delta: Int) {
        scroll += delta
        clampScroll()
    }

    // MARK: Pages and history

    /// Shows `newPage` at the top, with no link under the cursor.
    mutating func show(_ newPage: ReaderPage, scroll newScroll: Int = 0, linkCursor cursor: Int? = nil) {
        page = newPage
        find = nil
        browserOffer = nil
        linkCursor = nil
        relayout()
        scroll = newScroll
        clampScroll()
        if let cursor, layout.links.indices.contains(cursor) { linkCursor = cursor }
    }

    var currentEntry: HistoryEntry { HistoryEntry(page: page, scroll: scroll, linkCursor: linkCursor) }

    /// Opens a followed page: the current one goes on the back stack, the forward stack is cleared.
    public mutating func push(_ newPage: ReaderPage) {
        back.append(currentEntry)
        forward.removeAll()
        show(newPage)
    }

    /// Goes back one page; false when this is the first page (the caller returns to the list).
    public mutating func goBack() -> Bool {
        guard let entry = back.popLast() else { return false }
        forward.append(currentEntry)
        show(entry.page, scroll: entry.scroll, linkCursor: entry.linkCursor)
        return true
    }

    /// Goes forward one page; false when there is none.
    public mutating func goForward() -> Bool {
        guard let entry = forward.popLast() else { return false }
        back.append(currentEntry)
        show(entry.page, scroll: entry.scroll, linkCursor: entry.linkCursor)
        return true
    }

    /// Updates the current page's read / saved flags (the history keeps its copies as they were).
    public mutating func setFlags(read: Bool? = nil, saved: Bool? = nil) {
        if let read { page.isRead = read }
        if let saved { page.isSaved = saved }
    }

    /// The history for `H`: back stack oldest first, the current page, then the forward stack.
    public var historyList: (entries: [ReaderPage], current: Int) {
        let pages = back.map(\.page) + [page] + forward.reversed().map(\.page)
        return (pages, back.count)
    }
}
