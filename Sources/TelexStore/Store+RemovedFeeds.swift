import Foundation
import GRDB
import TelexModel

/// What `pruneRemovedFeeds` deleted.
public struct RemovedFeedsPrune: Sendable, Hashable {
    public var items = 0
    public var feeds = 0
    /// It stopped at its bound: more is left for the next run.
    public var more = false
    public init() {}
}

extension Store {
    /// The retention run's share for feeds no longer in feeds.json (`active = 0`): their unsaved items, read
    /// or not, whatever their age, in short transactions of 500, at most `limit` a run; then the rows of such
    /// feeds that have no item left. Saved items stay (in Saved) until unsaved.
    @discardableResult
    public func pruneRemovedFeeds(limit: Int = 5_000) throws -> RemovedFeedsPrune {
        var report = RemovedFeedsPrune()
        while report.items < limit {
            let batch = min(500, limit - report.items)
            let deleted: Int = try write { db in
                let ids = try Int64.fetchAll(db, sql: """
                    SELECT item.id FROM feed CROSS JOIN item ON item.feed_id = feed.id
                    WHERE feed.active = 0 AND item.saved = 0 LIMIT ?
                    """, arguments: [batch])
                try deleteItems(db, ids: ids)
                return ids.count
            }
            report.items += deleted
            if deleted < batch { break }
            if report.items >= limit { report.more = true }
        }
        report.feeds = try write { db in
            try db.execute(sql: """
                DELETE FROM feed WHERE active = 0 AND NOT EXISTS (SELECT 1 FROM item WHERE item.feed_id = feed.id)
                """)
            return db.changesCount
        }
        return report
    }
}
