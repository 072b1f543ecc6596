import Foundation
import TelexModel

/// A cache of `count` computed rows (one section, one feed) that answers keyset queries in
/// constant time and memory: for benchmarks of the front end at a million articles.
public final class SyntheticCache: CacheReading {
    public let total: Int
    private let newest: Date
    private var read: Set<Int64> = []
    private var saved: Set<Int64> = []

    public init(count: Int, newest: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        total = count; self.newest = newest
    }

    /// Row `p` (0 = newest) has id `total - p` and is 37 s older than row `p - 1`.
    private func headline(at p: Int) -> Headline {
        let id = Int64(total - p)
        return Headline(id: ItemID(id), feedID: FeedID(1),
                        title: "Synthetic headline number \(id): a title long enough to be cut in narrow panes",
                        source: "Synthetic Feed", link: "https://example.org/\(id)",
                        sortTime: newest.addingTimeInterval(-37 * Double(p)), isRead: read.contains(id), isSaved: saved.contains(id))
    }

    private func position(of c: ListCursor) -> Int { c.id == ListCursor.end.id ? total : total - Int(c.id.rawValue) }

    public func sections() throws -> [SectionSummary] {
        let unread = total - read.count
        return [SectionSummary(id: SectionID(1), name: "Synthetic", unread: unread, total: total,
                               feeds: [FeedSummary(id: FeedID(1), url: "https://example.org/feed", title: "Synthetic Feed",
                                                   unread: unread, total: total)])]
    }
    public func savedCount() throws -> Int { saved.count }

    public func headlines(_ scope: ListScope, after: ListCursor?, limit: Int) throws -> [Headline] {
        let start = after.map { position(of: $0) + 1 } ?? 0
        let end = min(total, start + limit)
        return start < end ? (start..<end).map(headline(at:)) : []
    }

    public func headlines(_ scope: ListScope, before: ListCursor, limit: Int) throws -> [Headline] {
        let end = min(total, position(of: before))
        let start = max(0, end - limit)
        return start < end ? (start..<end).map(headline(at:)) : []
    }

    public func count(_ scope: ListScope) throws -> Int { total }

    public func item(_ id: ItemID) throws -> ItemDetail? {
        let p = total - Int(id.rawValue)
        guard p >= 0, p < total else { return nil }
        return ItemDetail(headline: headline(at: p), author: "A. Writer",
                          summaryHTML: "<p>" + String(repeating: "Paragraph text of a synthetic article. ", count: 12) + "</p><p>Second paragraph.</p>")
    }

    public func search(_ query: String, limit: Int) throws -> [Headline] { (0..<min(limit, total)).map(headline(at:)) }
    public func setRead(_ ids: [ItemID], _ r: Bool) throws { for id in ids { if r { read.insert(id.rawValue) } else { read.remove(id.rawValue) } } }
    public func setSaved(_ id: ItemID, _ s: Bool) throws { if s { saved.insert(id.rawValue) } else { saved.remove(id.rawValue) } }
    public func markAllRead(_ scope: ListScope) throws -> [ItemID] { [] }
}
