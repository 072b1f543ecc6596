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

    public init(scope: ListScope? = nil, selected: ItemID? = nil, open: ItemID? = nil, positions: [ItemID: Double] = [:]) {
        self.scope = scope; self.selected = selected; self.open = open; self.positions = positions
    }
}

extension AppState {
    /// The place to save now.
    public var currentPlace: ReaderPlace {
        var place = ReaderPlace(positions: readingPositions)
        if let scope = headlines.scope, case .search = scope {} else { place.scope = headlines.scope }
        place.selected = headlines.selected?.id
        if let r = reader, r.back.isEmpty, let id = r.page.itemID {
            place.open = id
            place.positions[id] = r.readShare
        }
        return place
    }

    /// Starts from a saved place: its section is selected when the sections load, its story when
    /// the list loads, and its article reopens.
    public mutating func restore(_ place: ReaderPlace) {
        readingPositions = place.positions
        restoring = place
    }

    /// Keeps how far the article on screen was read (leaving it, or quitting).
    mutating func rememberReadingPosition() {
        guard let r = reader, let id = r.page.itemID else { return }
        readingPositions[id] = r.readShare
        if readingPositions.count > ReaderPlace.maxPositions,
           let oldest = readingPositions.keys.min(by: { $0.rawValue < $1.rawValue }) { readingPositions[oldest] = nil }
    }
}

extension ReaderState {
    /// The share of the scroll range above the screen (0 at the top, 1 at the end).
    public var readShare: Double { maxScroll == 0 ? 0 : Double(scroll) / Double(maxScroll) }

    /// Scrolls to a share of the scroll range (`readShare` given back).
    mutating func scroll(toShare share: Double) {
        scroll = Int((min(max(0, share), 1) * Double(maxScroll)).rounded())
        clampScroll()
    }
}
