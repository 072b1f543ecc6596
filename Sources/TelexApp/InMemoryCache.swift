import Foundation
import TelexModel

/// A `CacheReading` held in memory: for tests, the demo data, and the reader before a cache exists.
/// Not thread-safe by itself: the runner calls it from one serial queue.
public final class InMemoryCache: CacheReading {
    private var sectionList: [SectionSummary]
    /// Newest first, by (sortTime, id) descending.
    private var items: [ItemDetail]
    private var feedSection: [FeedID: SectionID] = [:]

    public init(sections: [SectionSummary], items: [ItemDetail] = []) {
        sectionList = sections
        self.items = Self.newestFirst(items)
        for s in sections { for f in s.feeds { feedSection[f.id] = s.id } }
    }

    private static func newestFirst(_ items: [ItemDetail]) -> [ItemDetail] {
        items.sorted { a, b in
            a.headline.sortTime != b.headline.sortTime ? a.headline.sortTime > b.headline.sortTime
                : a.headline.id.rawValue > b.headline.id.rawValue
        }
    }

    /// Adds items (as a fetch would); the caller posts `.cacheChanged`.
    public func insert(_ new: [ItemDetail]) {
        items = Self.newestFirst(items + new)
    }

    private func matches(_ h: Headline, _ scope: ListScope) -> Bool {
        switch scope {
        case .all: return true
        case .unread: return !h.isRead
        case .saved: return h.isSaved
        case .feed(let f): return h.feedID == f
        case .section(let s): return feedSection[h.feedID] == s
        case .search(let q): return Self.matches(h, query: q, summary: nil)
        case .items(let ids): return ids.contains(h.id)
        case .query: return false  // no saved queries here
        }
    }

    static func matches(_ h: Headline, query: String, summary: String?) -> Bool {
        let words = query.split(separator: " ")
        let text = h.title + " " + h.source + " " + (summary ?? "")
        return !words.isEmpty && words.allSatisfy { text.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
    }

    public func sections() throws -> [SectionSummary] {
        var unread: [FeedID: Int] = [:], total: [FeedID: Int] = [:]
        for i in items {
            total[i.headline.feedID, default: 0] += 1
            if !i.headline.isRead { unread[i.headline.feedID, default: 0] += 1 }
        }
        return sectionList.map { s in
            var s = s
            s.feeds = s.feeds.map { f in
                var f = f; f.unread = unread[f.id] ?? 0; f.total = total[f.id] ?? 0; return f
            }
            s.unread = s.feeds.reduce(0) { $0 + $1.unread }
            s.total = s.feeds.reduce(0) { $0 + $1.total }
            return s
        }
    }

    public func savedCount() throws -> Int { items.filter(\.headline.isSaved).count }

    public func headlines(_ scope: ListScope, after: ListCursor?, limit: Int) throws -> [Headline] {
        var out: [Headline] = []
        for i in items where out.count < limit {
            let h = i.headline
            if let c = after, !c.isBefore(time: h.sortTime, id: h.id) { continue }
            if matches(h, scope) { out.append(h) }
        }
        return out
    }

    public func headlines(_ scope: ListScope, before: ListCursor, limit: Int) throws -> [Headline] {
        let newer = items.lazy.map(\.headline).filter { !before.isBefore(time: $0.sortTime, id: $0.id) && $0.cursorValue != before }
        return Array(newer.filter { self.matches($0, scope) }.suffix(limit))
    }

    public func count(_ scope: ListScope) throws -> Int { items.lazy.filter { self.matches($0.headline, scope) }.count }

    public func item(_ id: ItemID) throws -> ItemDetail? { items.first { $0.headline.id == id } }

    public func search(_ query: String, limit: Int) throws -> [Headline] {
        Array(items.lazy.filter { Self.matches($0.headline, query: query, summary: $0.summaryHTML) }.map(\.headline).prefix(limit))
    }

    public func setRead(_ ids: [ItemID], _ read: Bool) throws {
        let set = Set(ids)
        for i in items.indices where set.contains(items[i].headline.id) { items[i].headline.isRead = read }
    }

    public func setSaved(_ id: ItemID, _ saved: Bool) throws {
        for i in items.indices where items[i].headline.id == id { items[i].headline.isSaved = saved }
    }

    /// The accounts' sync states it reports (none unless a test sets them).
    public var accounts: [AccountStatus] = []

    public func accountStatuses() throws -> [AccountStatus] { accounts }

    public func markAllRead(_ scope: ListScope) throws -> [ItemID] {
        var changed: [ItemID] = []
        for i in items.indices where !items[i].headline.isRead && matches(items[i].headline, scope) {
            items[i].headline.isRead = true
            changed.append(items[i].headline.id)
        }
        return changed
    }
}

extension Headline {
    var cursorValue: ListCursor { ListCursor(sortTime: sortTime, id: id) }
}
