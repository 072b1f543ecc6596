import Foundation
import GRDB
import TelexModel

extension Store {
    /// The keyset position of an item (for `--after ID`), nil when the cache has no such item.
    public func cursor(of id: ItemID) throws -> ListCursor? {
        try read { db in
            try Int64.fetchOne(db, sql: UIQueries.itemSortTime, arguments: [id.rawValue])
                .map { ListCursor(sortTime: StoreTime.date($0), id: id) }
        }
    }

    /// The largest item id (for aligning streamed text output), 0 when the cache is empty.
    public func largestItemID() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: UIQueries.largestItemID) ?? 0 }
    }

    /// Calls `body` with every item of a scope after `cursor`, newest first, up to `limit` (nil: all).
    ///
    /// One read snapshot and one statement stepped row by row: memory stays constant whatever the number
    /// of rows (a million rows never exist at once), and keyset order makes `--after` resume exactly.
    /// A search scope lists its matches newest first here (ranking needs every match: see `search`).
    public func forEachItem(_ scope: ListScope, unreadOnly: Bool, after cursor: ListCursor?, limit: Int?,
                            _ body: (ListedItem) throws -> Void) throws {
        let filter: ItemFilter
        if case .search(let text) = scope {
            switch try Self.searchPlan(text) {
            case .nothing: return
            case .ranked(let match): filter = .fullText(match)
            case .filtered(let f): filter = f
            }
        } else {
            filter = try read { db in try Self.listFilter(db, scope) }
        }
        try forEachItem(filter.and(unreadOnly ? .unread : nil), after: cursor, limit: limit, body)
    }

    func forEachItem(_ filter: ItemFilter, after cursor: ListCursor?, limit: Int?,
                     _ body: (ListedItem) throws -> Void) throws {
        let (sql, arguments) = UIQueries.listedItems(filter, cursor: cursor.map(Self.key) ?? UIQueries.top, limit: limit)
        try read { db in
            let labels = try FeedLabels(db)
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() { try body(labels.listedItem(row)) }
        }
    }

    /// The output rows of the given items, in the given order (the ranked results of `search`).
    public func listedItems(_ ids: [ItemID]) throws -> [ListedItem] {
        try read { db in
            let labels = try FeedLabels(db)
            let (sql, _) = UIQueries.listedItems(ItemFilter("item.id = ?"), cursor: UIQueries.top, limit: 1)
            let statement = try db.cachedStatement(sql: sql)
            return try ids.compactMap { id in
                try Row.fetchOne(statement, arguments: [id.rawValue] + [UIQueries.top.0, UIQueries.top.1, 1]).map(labels.listedItem)
            }
        }
    }
}

/// Every feed's display name, URL and section, read once per listing (hundreds of rows), not joined per item.
private struct FeedLabels {
    var byID: [Int64: (name: String, url: String, section: String?)] = [:]

    init(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: UIQueries.allFeedLabels) {
            byID[row[0]] = (FeedName.display(title: row[1], feedTitle: row[2], url: row[3]), row[3], row[4])
        }
    }

    /// A row of `UIQueries.listedItems` as a ListedItem.
    func listedItem(_ row: Row) -> ListedItem {
        let feedID: Int64 = row[1]
        let label = byID[feedID] ?? (name: "", url: "", section: nil)
        let headline = Headline(id: ItemID(row[0]), feedID: FeedID(feedID), title: row[2], source: label.name,
                                link: row[3], sortTime: StoreTime.date(row[4] as Int64), isRead: row[5], isSaved: row[6])
        return ListedItem(headline: headline, feedURL: label.url, section: label.section,
                          published: StoreTime.date(row[7] as Int64?), author: row[8])
    }
}
