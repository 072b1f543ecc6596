import Foundation
import TelexModel
import TelexUI

/// Where the reader keeps your place between runs: `place.json` beside the cache whose ids it names
/// (the list, the selected story, the open article, how far each article was read). Losing it
/// loses nothing but the place, and a broken file is ignored.
public struct PlaceFile: Sendable {
    public let path: String
    public init(path: String) { self.path = path }

    struct Stored: Codable {
        var scope: Scope?
        var selected: Int64?
        var open: Int64?
        var positions: [String: Double]?
        /// The articles left most recently, oldest first (Continue reading's order).
        var recent: [Int64]?
        /// The reading view's history (pages by item id or URL), and the page shown.
        var history: [Entry]?
        var historyIndex: Int?
        /// `v` and `B`: "auto", "sideBySide" or "stacked"; the sections pane hidden.
        var split: String?
        var sectionsHidden: Bool?

        struct Entry: Codable {
            var item: Int64?
            var url: String?
            var title: String
            var share: Double
        }

        struct Scope: Codable {
            var kind: String
            var id: Int64?
        }
    }

    /// The saved place, or nil when there is none (or it cannot be read: the reader starts as usual).
    public func load() -> ReaderPlace? {
        guard let data = FileManager.default.contents(atPath: path), data.count < 1 << 20,
              let stored = try? JSONDecoder().decode(Stored.self, from: data) else { return nil }
        var place = ReaderPlace(selected: stored.selected.map(ItemID.init), open: stored.open.map(ItemID.init))
        place.scope = stored.scope.flatMap(Self.scope)
        for (key, share) in stored.positions ?? [:] {
            if let id = Int64(key), share.isFinite { place.positions[ItemID(id)] = min(max(0, share), 1) }
        }
        place.recent = (stored.recent ?? []).suffix(ReaderPlace.maxContinueReading).map(ItemID.init)
        let history = (stored.history ?? []).prefix(ReaderPlace.maxHistory).compactMap { e -> ReaderPlace.Entry? in
            guard e.item != nil || e.url != nil, e.share.isFinite else { return nil }
            return ReaderPlace.Entry(item: e.item.map(ItemID.init), url: e.url, title: String(e.title.prefix(500)), share: min(max(0, e.share), 1))
        }
        place.previewSplit = stored.split.flatMap(PreviewSplit.init(rawValue:)) ?? .auto
        place.sectionsHidden = stored.sectionsHidden ?? false
        if history.count == (stored.history ?? []).count, let index = stored.historyIndex, history.indices.contains(index) {
            place.history = history
            place.historyIndex = index
        }
        return place
    }

    /// Writes `place` (a temporary file renamed over the old one).
    public func save(_ place: ReaderPlace) throws {
        let stored = Stored(scope: place.scope.flatMap(Self.stored), selected: place.selected?.rawValue, open: place.open?.rawValue,
                            positions: Dictionary(uniqueKeysWithValues: place.positions.map { (String($0.key.rawValue), $0.value) }),
                            recent: place.recent.map(\.rawValue),
                            history: place.history.isEmpty ? nil : place.history.map {
                                Stored.Entry(item: $0.item?.rawValue, url: $0.url, title: $0.title, share: $0.share)
                            },
                            historyIndex: place.history.isEmpty ? nil : place.historyIndex,
                            split: place.previewSplit == .auto ? nil : place.previewSplit.rawValue,
                            sectionsHidden: place.sectionsHidden ? true : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(stored)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func scope(_ s: Stored.Scope) -> ListScope? {
        switch (s.kind, s.id) {
        case ("section", let id?): .section(SectionID(id))
        case ("feed", let id?): .feed(FeedID(id))
        case ("all", _): .all
        case ("unread", _): .unread
        case ("saved", _): .saved
        case ("query", let id?): .query(SavedQueryID(id))
        default: nil
        }
    }

    static func stored(_ scope: ListScope) -> Stored.Scope? {
        switch scope {
        case .section(let id): Stored.Scope(kind: "section", id: id.rawValue)
        case .feed(let id): Stored.Scope(kind: "feed", id: id.rawValue)
        case .all: Stored.Scope(kind: "all")
        case .unread: Stored.Scope(kind: "unread")
        case .saved: Stored.Scope(kind: "saved")
        case .query(let id): Stored.Scope(kind: "query", id: id.rawValue)
        case .search, .items: nil
        }
    }
}
