import Foundation
import GRDB
import TelexModel

extension Store {
    /// Deletes read, unsaved items first seen more than `retentionDays` ago, and the articles only they used
    /// (unless another kept article links to them); then gives space back incrementally. Returns items deleted.
    ///
    /// First seen, not published, decides: an old story still in its feed would otherwise come back unread.
    /// Works in batches of short transactions so a front end is never blocked for long.
    public func prune(retentionDays: Int, now: Date) throws -> Int {
        let cutoff = StoreTime.milliseconds(now) - Int64(max(0, retentionDays)) * StoreTime.day
        var deleted = try pruneRemovedFeeds().items
        while true {
            let batch: Int = try write { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, article_id FROM item WHERE read = 1 AND saved = 0 AND first_seen < ? LIMIT 500
                    """, arguments: [cutoff])
                try deleteItems(db, ids: rows.map { $0["id"] })
                let articles = Set(rows.compactMap { $0["article_id"] as Int64? })
                for articleID in articles { try deleteArticleIfUnused(db, articleID) }
                return rows.count
            }
            deleted += batch
            if batch < 500 { break }
        }
        if deleted > 0 {
            _ = try write { db in try db.execute(sql: "PRAGMA incremental_vacuum") }
        }
        return deleted
    }

    private func deleteArticleIfUnused(_ db: Database, _ articleID: Int64) throws {
        let usedByItem = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM item WHERE article_id = ?)", arguments: [articleID]) ?? false
        if usedByItem { return }
        let linkedFromKept = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM url_alias CROSS JOIN link ON link.url_key = url_alias.url
                           WHERE url_alias.article_id = ?1 AND link.article_id != ?1)
            """, arguments: [articleID]) ?? false
        if linkedFromKept { return }
        try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [articleID])
    }
}
