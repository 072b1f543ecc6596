import TelexModel

/// One row of the sections pane.
public enum SectionRow: Hashable, Sendable {
    case section(SectionSummary, expanded: Bool)
    case feed(FeedSummary, section: SectionID)
    case all(unread: Int)
    case unread(unread: Int)
    case saved(count: Int)

    /// The headlines this row selects.
    public var scope: ListScope {
        switch self {
        case .section(let s, _): return .section(s.id)
        case .feed(let f, _): return .feed(f.id)
        case .all: return .all
        case .unread: return .unread
        case .saved: return .saved
        }
    }

    /// The rows for sections in feeds.json order, expanded where asked, then All, Unread and Saved.
    public static func rows(sections: [SectionSummary], expanded: Set<SectionID>, savedCount: Int) -> [SectionRow] {
        var rows: [SectionRow] = []
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
        return rows
    }
}
