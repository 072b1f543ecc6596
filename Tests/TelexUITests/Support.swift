import Foundation
import TelexArticles
import TelexModel
import TelexScreen
@testable import TelexUI

let testNow = Date(timeIntervalSince1970: 1_790_000_000)

func headline(_ id: Int64, _ title: String? = nil, source: String = "Feed", age: TimeInterval? = nil,
              read: Bool = false, saved: Bool = false, feed: Int64 = 1) -> Headline {
    Headline(id: ItemID(id), feedID: FeedID(feed), title: title ?? "Headline \(id)", source: source,
             link: "https://example.org/\(id)", sortTime: testNow.addingTimeInterval(-(age ?? Double(10_000 - id) * 60)),
             isRead: read, isSaved: saved)
}

let twoSections = [
    SectionSummary(id: SectionID(1), name: "World", unread: 3, total: 5,
                   feeds: [FeedSummary(id: FeedID(1), url: "https://example.org/a", title: "Feed A", unread: 3, total: 5)]),
    SectionSummary(id: SectionID(2), name: "Tech", unread: 0, total: 0,
                   feeds: [FeedSummary(id: FeedID(2), url: "https://example.org/b", title: "Feed B")]),
]

/// A reducer driver with an in-test cache: answers page, item and search effects from `rows`
/// (newest first), so tests see the paging the real runner does.
struct Driver {
    var state: AppState
    var rows: [Headline]
    /// Every effect the reducer returned, in order.
    var effects: [Effect] = []
    /// Effects the driver answers by itself (false: the test answers them).
    var autoAnswer = true

    /// Item details by id; others get a one-paragraph body.
    var details: [ItemID: ItemDetail]

    init(width: Int = 120, height: Int = 40, sections: [SectionSummary] = twoSections, rows: [Headline],
         details: [ItemDetail] = [], place: ReaderPlace? = nil, setup: (inout AppState) -> Void = { _ in }) {
        state = AppState(width: width, height: height)
        setup(&state)
        if let place { state.restore(place) }
        self.rows = rows
        self.details = Dictionary(details.map { ($0.headline.id, $0) }, uniquingKeysWith: { a, _ in a })
        send(.tick(testNow))
        send(.sectionsLoaded(sections, savedCount: 0))
    }

    mutating func send(_ action: Action) {
        var queue = [action]
        while !queue.isEmpty {
            let out = reduce(&state, queue.removeFirst())
            effects += out
            if autoAnswer { queue += out.compactMap(answer) }
        }
    }

    mutating func press(_ keys: Key...) { for k in keys { send(.key(k)) } }
    mutating func type(_ text: String) { for c in text { send(.key(.character(c))) } }

    func answer(_ effect: Effect) -> Action? {
        switch effect {
        case .io(.loadHeadlines(let q)): return .headlinesLoaded(q, page(q), total: total(q))
        case .io(.loadItem(let id)):
            let detail = details[id] ?? rows.first { $0.id == id }.map { ItemDetail(headline: $0, summaryHTML: "<p>Body of \($0.title)</p>") }
            return .itemLoaded(id, detail.map(DocumentResolver.resolve))
        case .io(.search(let q)): return .searchFinished(q, rows.filter { $0.title.localizedCaseInsensitiveContains(q) })
        default: return nil
        }
    }

    func isAfter(_ h: Headline, _ c: ListCursor) -> Bool { h.sortTime < c.sortTime || (h.sortTime == c.sortTime && h.id.rawValue < c.id.rawValue) }

    func page(_ q: HeadlineQuery) -> [Headline] {
        if case .items(let ids) = q.scope {
            guard case .first = q.position else { return [] }
            return ids.compactMap { id in rows.first { $0.id == id } }
        }
        switch q.position {
        case .first: return Array(rows.prefix(q.limit))
        case .after(let c): return Array(rows.filter { isAfter($0, c) }.prefix(q.limit))
        case .before(let c): return Array(rows.filter { !isAfter($0, c) && $0.cursor != c }.suffix(q.limit))
        case .last: return Array(rows.suffix(q.limit))
        case .reload(let from):
            guard let from else { return Array(rows.prefix(q.limit)) }
            return Array(rows.filter { $0.cursor == from || isAfter($0, from) }.prefix(q.limit))
        }
    }

    func total(_ q: HeadlineQuery) -> Int? {
        switch q.position { case .after, .before: return nil; default: return rows.count }
    }

    var selectedID: Int64? { state.headlines.selected?.id.rawValue }
    var screen: [String] { RootView.render(state).lines }
}

/// `count` rows, ids count...1 (newest first), a minute apart.
func manyRows(_ count: Int) -> [Headline] {
    (0..<count).map { p in headline(Int64(count - p), age: Double(p) * 60) }
}
