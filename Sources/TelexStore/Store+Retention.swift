import Foundation
import GRDB
import TelexModel

/// What one `prune` run removed.
public struct PruneReport: Sendable, Hashable {
    public var items = 0
    public var articles = 0
    /// Picture files deleted (no article shows them any more).
    public var imageFiles = 0
    /// The run stopped at its bound: more is left for the next one.
    public var more = false
    public init() {}
}

/// How much one `prune` run may do, so that running it after every pass never holds the cache long.
public struct PruneLimits: Sendable, Hashable {
    /// Items deleted per run (500 per transaction).
    public var items: Int
    /// Articles looked at by the sweep for unreferenced pages per run.
    public var sweptArticles: Int
    /// Free pages given back to the file system per run (`PRAGMA incremental_vacuum(N)`).
    public var vacuumPages: Int
    /// Pages of full-text index merged per run: FTS5 keeps a deleted row's entries until its segments
    /// merge, so without this the index grows while the items stay as many (measured: +70% in 60 days).
    public var indexMergePages: Int
    public init(items: Int = 5_000, sweptArticles: Int = 2_000, vacuumPages: Int = 4_096, indexMergePages: Int = 1_000) {
        self.items = items; self.sweptArticles = sweptArticles; self.vacuumPages = vacuumPages
        self.indexMergePages = indexMergePages
    }
}

extension Store {
    static let pruneBatch = 500

    /// Applies the retention rule (docs/cache-schema.md, "Retention"): deletes the unsaved items of feeds no
    /// longer configured, and read, unsaved items first seen more than `retentionDays` ago, with their search rows; then article pages nothing references any more
    /// (no item uses them, no page of a kept item links to them) and older than the retention; then gives
    /// space back. Saved and unread items are kept. Pictures no article shows any more go
    /// with their files.
    ///
    /// First seen, not published, decides: an old story still in its feed would otherwise come back unread.
    /// Bounded work in short transactions (`limits`): the fetcher runs it after every pass.
    @discardableResult
    public func prune(retentionDays: Int, now: Date, limits: PruneLimits = PruneLimits()) throws -> PruneReport {
        let cutoff = StoreTime.milliseconds(now) - Int64(max(0, retentionDays)) * StoreTime.day
        var report = PruneReport()
        // Feeds no longer in feeds.json first: their unsaved items, whatever their age (`pruneRemovedFeeds`).
        let removed = try pruneRemovedFeeds(limit: limits.items)
        report.items = removed.items
        report.more = removed.more
        while report.items < limits.items {
            let batch = min(Self.pruneBatch, limits.items - report.items)
            let (items, articles): (Int, Int) = try write { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, article_id FROM item WHERE read = 1 AND saved = 0 AND first_seen < ? LIMIT ?
                    """, arguments: [cutoff, batch])
                try deleteItems(db, ids: rows.map { $0["id"] })
                var deleted = 0
                for articleID in Set(rows.compactMap({ $0["article_id"] as Int64? })) where try !isReferenced(db, articleID) {
                    try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [articleID])
                    deleted += 1
                }
                return (rows.count, deleted)
            }
            report.items += items
            report.articles += articles
            if items < batch { break }
            if report.items >= limits.items { report.more = true }
        }
        // Signatures of items no new item can join any more (docs/cache-schema.md, "Clusters").
        try write { db in
            try db.execute(sql: ClusterQueries.pruneSignatures,
                           arguments: [StoreTime.milliseconds(now) - 2 * ClusterIndex.window])
        }
        // Hidden items (`hide` rules with "hidden": "store") older than the retention, whatever their read state.
        try pruneHidden(cutoff: cutoff, limit: limits.items)
                let (swept, more) = try sweepArticles(cutoff: cutoff, limit: limits.sweptArticles)
        report.articles += swept
        report.more = report.more || more
        // Pictures go with the last article that showed them (article_image rows cascade with the article).
        if report.articles > 0 { report.imageFiles = try pruneImages() }
        if report.items > 0 {
            // A negative count merges even when few segments wait (https://www.sqlite.org/fts5.html#the_merge_command).
            try write { db in
                try db.execute(sql: "INSERT INTO item_fts(item_fts, rank) VALUES ('merge', ?)", arguments: [-max(1, limits.indexMergePages)])
            }
        }
        if report.items > 0 || report.articles > 0 {
            _ = try write { db in try db.execute(sql: "PRAGMA incremental_vacuum(\(max(1, limits.vacuumPages)))") }
        }
        return report
    }

    /// Looks at the next `limit` articles (by id, resuming where the last run stopped, wrapping around) and
    /// deletes those fetched before `cutoff` that nothing references: related stories of pruned articles,
    /// pages followed from them, failed pages of pruned items.
    private func sweepArticles(cutoff: Int64, limit: Int) throws -> (deleted: Int, more: Bool) {
        try write { db in
            let after = try Int64.fetchOne(db, sql: "SELECT article_sweep_after FROM maintenance WHERE id = 1") ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT id, fetched_at FROM article WHERE id > ? ORDER BY id LIMIT ?",
                                        arguments: [after, max(1, limit)])
            var deleted = 0
            for row in rows {
                let id: Int64 = row["id"]
                if (row["fetched_at"] as Int64) < cutoff, try !isReferenced(db, id) {
                    try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [id])
                    deleted += 1
                }
            }
            let reachedEnd = rows.count < max(1, limit)
            try db.execute(sql: "UPDATE maintenance SET article_sweep_after = ? WHERE id = 1",
                           arguments: [reachedEnd ? 0 : (rows.last?["id"] as Int64? ?? 0)])
            return (deleted, !reachedEnd)
        }
    }

    /// An article is kept while an item uses it, or while the page of an item links to it (a related story
    /// prefetched for offline reading, one hop, as the fetcher fetches them).
    private func isReferenced(_ db: Database, _ articleID: Int64) throws -> Bool {
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM item WHERE article_id = ?)"),
                             arguments: [articleID]) ?? false {
            return true
        }
        return try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM url_alias CROSS JOIN link ON link.url_key = url_alias.url
                           WHERE url_alias.article_id = ?1 AND link.article_id != ?1
                             AND EXISTS (SELECT 1 FROM item WHERE item.article_id = link.article_id))
            """), arguments: [articleID]) ?? false
    }
}
