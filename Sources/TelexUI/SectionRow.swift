import TelexModel

/// One row of the sections pane.
public enum SectionRow: Hashable, Sendable {
    case section(SectionSummary, expanded: Bool)
    case feed(FeedSummary, section: SectionID)
    case all(unread: Int)
    case unread(unread: Int)
    case saved(count: Int)
    /// A saved query section of feeds.json, with its live unread count.
    case query(SavedQuerySummary)
    /// Articles left half-read (`AppState.continueReading`), most recently left first.
    case continueReading([ItemID])
    /// The results of the last search: a virtual section.
    case search(query: String, count: Int)

    /// The headlines this row selects.
    public var scope: ListScope {
        switch self {
        case .section(let s, _): return .section(s.id)
        case .feed(let f, _): return .feed(f.id)
        case .all: return .all
        case .unread: return .unread
        case .saved: return .saved
        case .query(let q): return .query(q.id)
        case .continueReading(let ids): return .items(ids)
        case .search(let q, _): return .search(q)
        }
    }

    /// The row's name as the status line shows it (sanitised by the caller).
    public var title: String {
        switch self {
        case .section(let s, _): return s.name
        case .feed(let f, _): return f.title
        case .all: return "All"
        case .unread: return "Unread"
        case .saved: return "Saved"
        case .query(let q): return q.name
        case .continueReading: return "Continue reading"
        case .search(let q, _): return "Search: \(q)"
        }
    }

    /// Unread articles under this row (search results: their count).
    public var unreadCount: Int {
        switch self {
        case .section(let s, _): return s.unread
        case .feed(let f, _): return f.unread
        case .all(let n), .unread(let n): return n
        case .saved, .continueReading: return 0
        case .query(let q): return q.unread
        case .search: return 0
        }
    }

    /// The rows for sections in feeds.json order, expanded where asked, then All, Unread and Saved,
    /// then the saved queries in feeds.json order, then Continue reading, then the search results when there are any.
    public static func rows(sections: [SectionSummary], expanded: Set<SectionID>, savedCount: Int,
                            queries: [SavedQuerySummary] = [], continueReading: [ItemID] = [], search: (String, Int)? = nil) -> [SectionRow] {
        var rows: [SectionRow] = []
        rows.reserveCapacity(sections.count + queries.count + 4)
        var unreadTotal = 0
        for s in sections {
            let open = expanded.contains(s.id)
            rows.append(.section(s, expanded: open))
            unreadTotal += s.unread
            if open { rows += s.feeds.map { .feed($0, section: s.id) } }
        }
        rows.append(.all(unread: unreadTotal))
        rows.append(.unread(unread: unreadTotal))
        rows.append(.saved(count: savedCount))
        rows += queries.map(SectionRow.query)
        if !continueReading.isEmpty { rows.append(.continueReading(continueReading)) }
        if let (q, n) = search { rows.append(.search(query: q, count: n)) }
        return rows
    }
}
