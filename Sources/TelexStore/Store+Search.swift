import Foundation
import GRDB
import TelexModel
import TelexQuery

extension Store {
    /// How many of the newest matches are ranked by relevance.
    static let rankingWindow = 20_000
    /// How many of the newest queued (not yet indexed) items a search reads and matches itself.
    static let queueScanLimit = 2_000
    /// Items the indexer writes per transaction: ~50 ms of work, so a pass's writer never waits long.
    public static let indexBatch = 250

    /// Full-text search over titles, summaries and article text, best first (bm25; titles weigh most).
    ///
    /// The input is tokenised and each token quoted, the last one matched as a prefix: any input is safe.
    /// bm25 scores every match, so a term found in most items would cost seconds at a million items: only the
    /// newest `rankingWindow` matches are ranked (finding the window's edge walks rowids, which is cheap).
    ///
    /// Items not indexed yet (`search_queue`) are found too: the newest `queueScanLimit` of them are matched
    /// with the same expression and tokenizer in a scratch in-memory index (`QueuedSearchIndex`), and come
    /// first (they are the newest). While more are queued (right after a large first pass), the older ones wait for the indexer.
    public func search(_ query: String, limit: Int) throws -> [Headline] {
        try search(query, limit: limit, rankingWindow: Self.rankingWindow)
    }

    func search(_ query: String, limit: Int, rankingWindow: Int, queueScanLimit: Int = Store.queueScanLimit) throws -> [Headline] {
        let match: String
        switch try Self.searchPlan(query) {
        case .nothing: return []
        case .ranked(let m): match = m
        case .filtered(let filter):
            let (sql, arguments) = UIQueries.headlines(filter, cursor: UIQueries.top, upward: false, limit: Self.pageLimit(limit))
            return try read { db in try Self.headlinesWithOutlets(db, Row.fetchAll(db, sql: sql, arguments: arguments)) }
        }
        let limit = Self.pageLimit(limit)
        return try read { db in
            let queued = try queuedSearch.matches(db, match: match, scanLimit: queueScanLimit)
            var ids = Array(queued.prefix(limit))
            if ids.count < limit {
                let edge = try Int64.fetchOne(db, sql: UIQueries.searchWindowEdge, arguments: [match, max(0, rankingWindow - 1)]) ?? 0
                // A queued item's indexed row is stale: the queue's answer for it stands.
                let hits = try Self.queueIsEmpty(db) ? UIQueries.searchHits : UIQueries.searchHitsNotQueued
                ids += try Int64.fetchAll(db, sql: hits, arguments: [match, edge, limit - ids.count])
            }
            let byID = try db.cachedStatement(sql: UIQueries.searchHeadlineByID)
            // One row per story: its best-ranked copy.
            var stories: Set<String> = []
            let rows = try ids.compactMap { id in try Row.fetchOne(byID, arguments: [id]) }.filter { row in
                guard let key: String = row["story_key"] else { return true }
                return stories.insert(key).inserted
            }
            return try Self.headlinesWithOutlets(db, rows)
        }
    }

    /// What the text of a search asks for, in the query language (docs/queries.md).
    enum SearchPlan {
        /// No letter or digit: no result.
        case nothing
        /// Words, phrases, `title:` joined by and / or: ranked by relevance (FTS5 MATCH expression).
        case ranked(String)
        /// Any other term (`feed:`, `unread`, `newer:`, `not`, `/regex/`…): the matches, newest first.
        case filtered(ItemFilter)
    }

    /// Plain words keep search's own expression (the last word a prefix, punctuation safe: `SearchQuery`); other
    /// text terms are ranked; a query with any other term lists its matches newest first, over the items search
    /// sees (configured feeds', and saved ones). Throws `QueryError` (with its column) for a query that does not
    /// parse. `counting`: see `ItemFilter.matching`.
    static func searchPlan(_ text: String, now: Date = Date(), counting: Bool = false) throws -> SearchPlan {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .nothing }
        let query = try QueryParser.parse(String(text.prefix(1000)))
        let parts = QueryCompiler.conjuncts(query)
        if parts.allSatisfy({ if case .word = $0 { true } else { false } }) {
            return SearchQuery.matchExpression(text).map(SearchPlan.ranked) ?? .nothing
        }
        if QueryCompiler.isText(query) || parts.allSatisfy(QueryCompiler.isText) {
            return .ranked(parts.map(QueryCompiler.match).joined(separator: " AND "))
        }
        let filter = try QueryCompiler.filter(query, now: now, counting: counting)
        return .filtered(filter.and(ItemFilter("item.section_id IS NOT NULL OR item.saved = 1")))
    }

    /// How many items match a search: indexed matches plus queued ones (as `search` finds them).
    func searchCount(_ db: Database, match: String) throws -> Int {
        if try Self.queueIsEmpty(db) { return try Int.fetchOne(db, sql: UIQueries.searchCount, arguments: [match]) ?? 0 }
        let indexed = try Int.fetchOne(db, sql: UIQueries.searchCountNotQueued, arguments: [match]) ?? 0
        return indexed + (try queuedSearch.matches(db, match: match, scanLimit: Self.queueScanLimit).count)
    }

    /// Writes the search rows of up to `limit` queued items, oldest first, and takes them off the queue;
    /// returns how many it took off (0: the queue is empty, or every item taken was queued again meanwhile).
    ///
    /// The text is read and converted in a read snapshot, then written in one short transaction; an item
    /// queued again meanwhile (its version moved) stays queued. The queue row and the search row change in
    /// the same transaction, so a process killed at any moment leaves each item either indexed or queued.
    @discardableResult
    public func indexPending(limit: Int = Store.indexBatch) throws -> Int {
        let rows = try queuedSearchRows(limit: limit)
        return rows.isEmpty ? 0 : try writeSearchRows(rows)
    }

    /// A queued item as read for the index: the queue version it was read at and its text (nil: the item is gone).
    struct QueuedSearchRow {
        let id: Int64
        let version: Int64
        let text: SearchText?
    }

    /// The oldest `limit` queued items with their text, from one read snapshot (the CPU of converting HTML
    /// to text is spent here, outside the write transaction).
    func queuedSearchRows(limit: Int) throws -> [QueuedSearchRow] {
        try read { db in
            let queued = try Row.fetchAll(db, sql: "SELECT item_id, version FROM search_queue ORDER BY item_id LIMIT ?",
                                          arguments: [max(1, limit)])
            return try queued.map { row in
                let id: Int64 = row["item_id"]
                return QueuedSearchRow(id: id, version: row["version"], text: try Self.searchText(db, itemID: id))
            }
        }
    }

    /// Writes the search rows of items still queued at the version they were read at, and dequeues them.
    func writeSearchRows(_ rows: [QueuedSearchRow]) throws -> Int {
        try write { db in
            let version = try db.cachedStatement(sql: "SELECT version FROM search_queue WHERE item_id = ?")
            let dequeue = try db.cachedStatement(sql: "DELETE FROM search_queue WHERE item_id = ?")
            var taken = 0
            for row in rows where try Int64.fetchOne(version, arguments: [row.id]) == row.version {
                try writeSearchRow(db, id: row.id, text: row.text)
                try dequeue.execute(arguments: [row.id])
                taken += 1
            }
            return taken
        }
    }

    /// Replaces an item's search row (nil text: the item is gone, its row goes).
    func writeSearchRow(_ db: Database, id: Int64, text: SearchText?) throws {
        try db.cachedStatement(sql: "DELETE FROM item_fts WHERE rowid = ?").execute(arguments: [id])
        if let text {
            try db.cachedStatement(sql: "INSERT INTO item_fts(rowid, title, body, article) VALUES (?, ?, ?, ?)")
                .execute(arguments: [id, text.title, text.body, text.article])
        }
    }

    /// Indexes queued items in batches until the queue is empty or `shouldStop` says so (checked between
    /// batches); returns how many were taken off the queue.
    @discardableResult
    public func indexAllPending(batch: Int = Store.indexBatch, shouldStop: () -> Bool = { false },
                                taken report: (Int) -> Void = { _ in }) throws -> Int {
        var total = 0
        while !shouldStop() {
            let taken = try indexPending(limit: batch)
            total += taken
            report(taken)
            if taken == 0, try pendingIndexCount() == 0 { break }
        }
        return total
    }

    /// How many items wait for their search row.
    public func pendingIndexCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM search_queue") ?? 0 }
    }

    static func queueIsEmpty(_ db: Database) throws -> Bool {
        try !(Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM search_queue)")) ?? false)
    }

    /// What the index holds for an item: its title and feed text as plain text, and its page's text.
    struct SearchText {
        let title: String
        let body: String
        let article: String
    }

    static func searchText(_ db: Database, itemID: Int64) throws -> SearchText? {
        let statement = try db.cachedStatement(sql: """
            SELECT item.title, item.summary_html, item.content_html, substr(article.plain_text, 1, 65536) AS article_text
            FROM item LEFT JOIN article ON article.id = item.article_id WHERE item.id = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [itemID]) else { return nil }
        return SearchText(title: PlainText.fromHTML(row["title"], limit: maxTitle),
                          body: FeedText.plain(summaryHTML: row["summary_html"], contentHTML: row["content_html"]),
                          article: row["article_text"] ?? "")
    }
}

/// The text of the newest queued (not yet indexed) items in a scratch in-memory FTS5 table with the index's
/// tokenizer and ranking, so queued items match exactly as indexed ones. Kept in step with `search_queue`
/// across searches (each keystroke of a search searches again): an item's text is converted and tokenised
/// once per queue version, not once per search. Dropped when the queue is empty.
final class QueuedSearchIndex: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var scratch: DatabaseQueue?
    private var versions: [Int64: Int64] = [:]

    /// The ids of the newest `scanLimit` queued items that match `match`, best first, as of `db`'s snapshot.
    func matches(_ db: Database, match: String, scanLimit: Int) throws -> [Int64] {
        var wanted: [Int64: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT item_id, version FROM search_queue ORDER BY item_id DESC LIMIT ?",
                                    arguments: [max(0, scanLimit)]) {
            wanted[row["item_id"]] = row["version"]
        }
        return try lock.withLock {
            guard !wanted.isEmpty else {
                scratch = nil
                versions = [:]
                return []
            }
            let scratch = try self.scratch ?? Self.makeScratch()
            self.scratch = scratch
            let stale = versions.keys.filter { wanted[$0] != versions[$0] }
            let missing = wanted.keys.filter { versions[$0] != wanted[$0] }
            let texts = try missing.compactMap { id in try Store.searchText(db, itemID: id).map { (id, $0) } }
            return try scratch.write { scratch in
                let delete = try scratch.cachedStatement(sql: "DELETE FROM queued_fts WHERE rowid = ?")
                for id in stale {
                    try delete.execute(arguments: [id])
                    versions[id] = nil
                }
                let insert = try scratch.cachedStatement(sql: "INSERT INTO queued_fts(rowid, title, body, article) VALUES (?, ?, ?, ?)")
                for (id, text) in texts {
                    try insert.execute(arguments: [id, text.title, text.body, text.article])
                    versions[id] = wanted[id]
                }
                return try Int64.fetchAll(scratch, sql: "SELECT rowid FROM queued_fts WHERE queued_fts MATCH ? ORDER BY rank",
                                          arguments: [match])
            }
        }
    }

    private static func makeScratch() throws -> DatabaseQueue {
        let scratch = try DatabaseQueue()
        try scratch.write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE queued_fts USING fts5(title, body, article, tokenize = '\(Schema.searchTokenizer)');
                INSERT INTO queued_fts(queued_fts, rank) VALUES ('rank', '\(Schema.searchRank)');
                """)
        }
        return scratch
    }
}
