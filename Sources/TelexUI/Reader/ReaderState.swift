import TelexArticles
import TelexImages
import TelexModel
import TelexScreen

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
    /// Index into `layout.pictures` of the picture under the cursor (then `linkCursor` is nil).
    public var pictureCursor: Int?
    public private(set) var showLinkNumbers: Bool
    public private(set) var pictureOptions: PictureOptions
    /// The page's pictures drawn as character art at their laid-out size, by URL.
    public private(set) var art: [String: SymbolArt] = [:]
    /// With kitty graphics: the id of each picture (its placeholder cells' colour), by URL.
    public private(set) var imageIDs: [String: UInt8] = [:]
    private var artColors: SymbolArt.Colors = .indexed
    /// Sixel pictures drawn at the art's size (sixel terminals), by URL.
    public private(set) var sixels: [String: [UInt8]] = [:]
    /// The character art the layout wants (size by URL) and does not have yet.
    public private(set) var artWanted: [String: PictureSize] = [:]
    /// Art asked of the runner and not arrived yet (so each is asked for once).
    private var artRequested: Set<ArtJob> = []
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
    /// Another outlet's story ("Also covered by") being read from the cache by Enter: shown on arrival, as a
    /// followed page (back returns).
    public var pendingItem: ItemID?
    public var pendingBytes: Int?
    /// A link that turned out not to be an article: `o` opens it in the browser.
    public var browserOffer: String?
    /// The list item the reader was opened on (n / p move from it).
    public var rootItem: ItemID?
    /// Words on the lines up to and including each line (the reading time left is counted from it).
    public private(set) var wordsThrough: [Int] = []
    /// Where the last jump (g, G, { }, [ ], ') started: `'` returns there.
    public var jumpStart: Int?
    /// Where the view was when a count began (digits also select a link): a move puts it back.
    public var beforeCount: ReaderPosition?

    public init(page: ReaderPage, screenWidth: Int, screenHeight: Int, measure: Int = 80, showLinkNumbers: Bool = true,
                pictures: PictureOptions = PictureOptions()) {
        self.page = page
        self.pictureOptions = pictures
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

    /// Minutes left to read below the screen, at 230 words a minute (rounded up; 0 at the end).
    public var minutesLeft: Int {
        let lastShown = min(layout.lines.count, scroll + viewHeight) - 1
        let left = (wordsThrough.last ?? 0) - (lastShown >= 0 ? wordsThrough[lastShown] : 0)
        return (left + 229) / 230
    }

    public mutating func resize(width: Int, height: Int) {
        // Pictures are sized from the screen's height too.
        let changed = width != screenWidth || (max(1, height - 2) != viewHeight && !page.pictures.isEmpty)
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

    /// Shows the pictures the cache keeps for this page (they arrive after its text), keeping the place.
    public mutating func attachPictures(_ pictures: [String: Picture]) {
        let anchor = scroll < layout.lines.count ? wordsThrough[scroll] : nil
        page.pictures = pictures
        relayout()
        // The same text stays at the top: pictures above it push it down by their rows.
        if let anchor, scroll > 0, let line = wordsThrough.firstIndex(where: { $0 >= anchor }) { scroll = line }
        clampScroll()
    }

    /// Character art the layout wants and has not asked the runner for.
    func artJobs() -> [ArtJob] {
        artWanted.keys.sorted().compactMap { url in
            guard let size = artWanted[url], let image = page.pictures[url]?.image else { return nil }
            let sixelCell = pictureOptions.drawing == .sixel
                ? PixelSize(width: pictureOptions.cellWidth, height: pictureOptions.cellHeight) : nil
            let job = ArtJob(url: url, image: image, columns: size.columns, rows: size.rows, colors: pictureOptions.colors,
                             sixelCell: sixelCell)
            return artRequested.contains(job) ? nil : job
        }
    }

    mutating func markRequested(_ jobs: [ArtJob]) { artRequested.formUnion(jobs) }

    /// Keeps the art the runner drew where the layout still wants it at that size and in those colours.
    public mutating func attachArt(_ drawn: [DrawnArt]) {
        for d in drawn {
            artRequested = artRequested.filter { !($0.url == d.url && $0.columns == d.art.columns && $0.rows == d.art.rows.count && $0.colors == d.colors) }
            guard let size = artWanted[d.url], size.columns == d.art.columns, size.rows == d.art.rows.count,
                  d.colors == pictureOptions.colors else { continue }
            art[d.url] = d.art
            sixels[d.url] = d.sixel
            artWanted[d.url] = nil
        }
    }

    /// Shows or hides pictures, or changes their height or colours.
    public mutating func setPictureOptions(_ options: PictureOptions) {
        guard options != pictureOptions else { return }
        pictureOptions = options
        relayoutKeepingPosition()
    }

    /// Lays the page out again (the note, if any, above the story, as `telex read` prints it).
    mutating func relayout() {
        var sizes: [String: PictureSize] = [:]
        if pictureOptions.shown {
            for (url, picture) in page.pictures {
                let size = pictureOptions.size(of: picture.image, columns: columnWidth, screenHeight: viewHeight + 2)
                sizes[url] = PictureSize(columns: size.columns, rows: size.rows)
            }
        }
        // Character art is drawn once per size (a resize or a new page redraws it), not at each frame.
        var drawn: [String: SymbolArt] = [:]
        imageIDs = [:]
        if pictureOptions.drawing == .kitty {
            // The terminal draws them: each gets an id, its cells name it (ReaderView).
            for (i, url) in sizes.keys.sorted().prefix(240).enumerated() { imageIDs[url] = KittyPlaceholder.firstID + UInt8(i) }
            sizes = sizes.mapValues { PictureSize(columns: min($0.columns, KittyPlaceholder.maxIndex), rows: min($0.rows, KittyPlaceholder.maxIndex)) }
        }
        // Art of the right size is kept; the rest is drawn by the runner (`artJobs`), its rows blank until then.
        artWanted = [:]
        for (url, size) in sizes where pictureOptions.drawing != .kitty {
            if let old = art[url], old.columns == size.columns, old.rows.count == size.rows, artColors == pictureOptions.colors {
                drawn[url] = old
            } else {
                artWanted[url] = size
            }
        }
        art = drawn
        sixels = sixels.filter { drawn[$0.key] != nil }
        artColors = pictureOptions.colors
        layout = ArticleLayout.layout(page.document, width: columnWidth, showLinkNumbers: showLinkNumbers, note: page.note,
                                      pictures: sizes, coverage: page.coverage)
        var words = 0
        wordsThrough = layout.lines.map { line in
            words += line.spans.reduce(0) { $0 + $1.text.split(whereSeparator: \.isWhitespace).count }
            return words
        }
        if let c = linkCursor, !layout.links.indices.contains(c) { linkCursor = nil }
        if let p = pictureCursor, !layout.pictures.indices.contains(p) { pictureCursor = nil }
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
        pictureCursor = nil
        jumpStart = nil
        beforeCount = nil
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
