import Foundation
import GRDB
import TelexModel
import TelexQuery

extension Store {
    /// The saved query sections in feeds.json order, each with its unread count as of now.
    ///
    /// Counted on every change signal the reader sees (as the sections' counters are read), so the counts stay
    /// live while a fetch writes. Each count is one statement whose plan the query-plan test checks: an index
    /// search driven by the query's most selective indexed term (full-text rowids, a feed's or section's index,
    /// a time range, the unread index), never a scan of the items table.
    public func savedQueries() throws -> [SavedQuerySummary] { try savedQueries(now: Date()) }

    func savedQueries(now: Date) throws -> [SavedQuerySummary] {
        try read { db in
            try Row.fetchAll(db, sql: UIQueries.savedQueries).map { row in
                var summary = SavedQuerySummary(id: SavedQueryID(row["id"]), name: row["name"], query: row["query"])
                do {
                    let filter = try Self.savedQueryFilter(parsing: summary.query, now: now, counting: true).and(.unread)
                    summary.unread = try Int.fetchOne(db, sql: UIQueries.count(filter), arguments: filter.arguments) ?? 0
                } catch {
                    summary.problem = "\(error)"
                }
                return summary
            }
        }
    }

    /// The items a saved query selects: those of configured feeds (as All) that match its query.
    /// `counting`: the full-text terms may drive the plan (see `ItemFilter.matching`).
    static func savedQueryFilter(parsing text: String, now: Date, counting: Bool = false) throws -> ItemFilter {
        ItemFilter.scope(.all).and(try QueryCompiler.filter(try QueryParser.parse(text), now: now, counting: counting))
    }

    /// A saved query's filter, read by id in the caller's snapshot; nil when feeds.json no longer has it.
    static func savedQueryFilter(_ db: Database, _ id: SavedQueryID, now: Date, counting: Bool = false) throws -> ItemFilter? {
        guard let text = try String.fetchOne(db, sql: UIQueries.savedQueryText, arguments: [id.rawValue]) else { return nil }
        return try savedQueryFilter(parsing: text, now: now, counting: counting)
    }

    /// The filter of any list scope but search (`.query` read from the cache in the caller's snapshot; a query gone
    /// from feeds.json selects nothing).
    static func listFilter(_ db: Database, _ scope: ListScope, now: Date = Date(), counting: Bool = false) throws -> ItemFilter {
        if case .query(let id) = scope { return try savedQueryFilter(db, id, now: now, counting: counting) ?? ItemFilter("0") }
        return ItemFilter.scope(scope)
    }
}
