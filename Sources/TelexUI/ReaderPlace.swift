import TelexModel

/// Your place, kept across restarts: the list shown, the story selected, the article open, and
/// how far each opened article was read. The app saves it when the reader quits and gives it back
/// at the next start (`AppState.restore`).
public struct ReaderPlace: Hashable, Sendable {
    public var scope: ListScope?
    public var selected: ItemID?
    /// The article open in the reading view at quit (reopened at the next start).
    public var open: ItemID?
    /// How far each article was read: the share of its scroll range (0 top, 1 end), so a
    /// different width lands at the same place.
    public var positions: [ItemID: Double] = [:]
    /// The most articles whose position is kept (the oldest ids go first).
    public static let maxPositions = 1000
    /// Articles read past this share of their scroll range (and not to the end) are half-read.
    public static let halfReadRange = 0.02..<0.98
    /// The most articles Continue reading lists.
    public static let maxContinueReading = 100
    /// The half-read articles, most recently left first (`recent` is the order articles were left in).
    public var continueReading: [ItemID] {
        let order = recent.reversed() + positions.keys.sorted { $0.rawValue > $1.rawValue }
        var seen: Set<ItemID> = []
        return Array(order.filter { id in
            guard let share = positions[id], Self.halfReadRange.contains(share) else { return false }
            return seen.insert(id).inserted
        }.prefix(Self.maxContinueReading))
    }
    /// The articles left most recently, oldest first (the last is the latest).
    public var recent: [ItemID] = []
    /// The reading view's history at quit (back stack, the page shown, forward stack, oldest first),
    /// when it went beyond its first page; `historyIndex` is the page shown.
    public var history: [Entry] = []
    public var historyIndex = 0
    /// The most pages of a history kept.
    public static let maxHistory = 50
    /// How the headlines and the preview shared the screen (`v`), and whether the sections pane was hidden (`B`).
    public var previewSplit = PreviewSplit.auto
    public var sectionsHidden = false

    /// A page of the history: a list item (by id) or a followed link (by URL), and how far it was read.
    public struct Entry: Hashable, Sendable {
        public var item: ItemID?
        public var url: String?
        public var title: String
        public var share: Double
        public init(item: ItemID?, url: String?, title: String, share: Double) {
            self.item = item; self.url = url; self.title = title; self.share = share
        }
    }

    public init(scope: ListScope? = nil, selected: ItemID? = nil, open: ItemID? = nil, positions: [ItemID: Double] = [:]) {
        self.scope = scope; self.selected = selected; self.open = open; self.positions = positions
    }
}

extension AppState {
    /// The place to save now.
    public var currentPlace: ReaderPlace {
        var place = ReaderPlace(positions: readingPositions)
        place.recent = recentlyRead
        place.previewSplit = previewSplit
        place.sectionsHidden = sectionsHidden
        // A story's coverage is not kept: the list it was opened from is, on its story.
        let list = coverageShown?.returnTo ?? headlines
        if let scope = list.scope, case .search = scope {} else { place.scope = list.scope }
        place.selected = coverageShown?.origin ?? headlines.selected?.id
        if let r = reader, r.back.isEmpty, let id = r.page.itemID {
            place.open = id
            place.positions[id] = r.readShare
            place.recent.removeAll { $0 == id }
            place.recent.append(id)
        }
        if let r = reader, !(r.back.isEmpty && r.forward.isEmpty), let root = r.back.first?.page.itemID ?? r.page.itemID {
            // Reopened from its first page (a list item), then each page loads when visited.
            func entry(_ page: ReaderPage, share: Double) -> ReaderPlace.Entry {
                ReaderPlace.Entry(item: page.itemID, url: page.url, title: page.title, share: page.placeholderShare ?? share)
            }
            let entries = r.back.map { entry($0.page, share: r.share(ofScroll: $0.scroll, on: $0.page)) } + [entry(r.page, share: r.readShare)]
                + r.forward.reversed().map { entry($0.page, share: r.share(ofScroll: $0.scroll, on: $0.page)) }
            if entries.count <= ReaderPlace.maxHistory, entries.first?.item == root {
                place.open = root
                place.history = entries
                place.historyIndex = r.back.count
            }
        }
        return place
    }

    /// Starts from a saved place: its section is selected when the sections load, its story when
    /// the list loads, and its article reopens.
    public mutating func restore(_ place: ReaderPlace) {
        readingPositions = place.positions
        recentlyRead = place.recent
        previewSplit = place.previewSplit
        sectionsHidden = place.sectionsHidden
        continueReading = place.continueReading
        restoring = place
        historyToRestore = place.history.count > 1 ? place : nil
    }

    /// Keeps how far the article on screen was read (leaving it, or quitting).
    mutating func rememberReadingPosition() {
        guard let r = reader, let id = r.page.itemID else { return }
        readingPositions[id] = r.readShare
        if readingPositions.count > ReaderPlace.maxPositions,
           let oldest = readingPositions.keys.min(by: { $0.rawValue < $1.rawValue }) { readingPositions[oldest] = nil }
        recentlyRead.removeAll { $0 == id }
        recentlyRead.append(id)
        if recentlyRead.count > ReaderPlace.maxContinueReading { recentlyRead.removeFirst(recentlyRead.count - ReaderPlace.maxContinueReading) }
        var kept = ReaderPlace(positions: readingPositions)
        kept.recent = recentlyRead
        continueReading = kept.continueReading
    }
}

extension ReaderState {
    /// A history kept from the last run, around the first page just opened: the other pages are
    /// placeholders, loaded when visited; the page shown at quit is shown (and loaded) now.
    mutating func restoreHistory(_ entries: [ReaderPlace.Entry], index: Int) -> [Effect] {
        guard entries.count > 1, entries.indices.contains(index) else { return [] }
        let pages = entries.map { HistoryEntry(page: .placeholder($0), scroll: 0, linkCursor: nil) }
        forward = pages[(index + 1)...].reversed()
        guard index > 0 else { return [] }
        back = [currentEntry] + pages[1..<index]
        show(pages[index].page)
        return placeholderLoad()
    }

    /// Loads the page shown when it is a placeholder of a kept history.
    mutating func placeholderLoad() -> [Effect] {
        guard page.placeholderShare != nil else { return [] }
        if let id = page.itemID { return [.loadItem(id)] }
        guard let url = page.url else { return [] }
        pendingURL = url
        pendingBytes = nil
        return [.followLink(url)]
    }

    /// The placeholder shown replaced by its page, where it was left.
    mutating func replacePlaceholder(with newPage: ReaderPage) {
        let share = page.placeholderShare ?? 0
        show(newPage)
        scroll(toShare: share)
    }

    /// The share of the scroll range above the screen (0 at the top, 1 at the end).
    public var readShare: Double { maxScroll == 0 ? 0 : Double(scroll) / Double(maxScroll) }

    /// The share a scroll position of another page of the history stands for (its layout is not kept:
    /// measured against this page's height, good enough to land near the place).
    func share(ofScroll scroll: Int, on page: ReaderPage) -> Double {
        let view = ReaderState(page: page, screenWidth: screenWidth, screenHeight: viewHeight + 2, measure: measure, showLinkNumbers: showLinkNumbers)
        return view.maxScroll == 0 ? 0 : min(1, Double(scroll) / Double(view.maxScroll))
    }

    /// Scrolls to a share of the scroll range (`readShare` given back).
    mutating func scroll(toShare share: Double) {
        scroll = Int((min(max(0, share), 1) * Double(maxScroll)).rounded())
        clampScroll()
    }
}
