import Foundation
import GRDB
import TelexModel

extension Store {
    /// Leaves a fetch request for the running fetch service (`feeds` nil: all feeds).
    public func requestFetch(feeds: [FeedID]? = nil, force: Bool = false, origin: String, at date: Date = Date()) throws {
        let list = feeds.map { $0.map { String($0.rawValue) }.joined(separator: ",") }
        try write { db in
            try db.execute(sql: "INSERT INTO fetch_requests(requested_at, feed_ids, force, origin) VALUES (?, ?, ?, ?)",
                           arguments: [StoreTime.milliseconds(date), list, force, String(origin.prefix(200))])
        }
    }

    /// Removes and returns the pending fetch requests, oldest first (the service calls it when the cache changes).
    public func takeFetchRequests() throws -> [FetchRequest] {
        try write { db in
            let rows = try Row.fetchAll(db, sql: "DELETE FROM fetch_requests RETURNING *")
            return rows.map { row in
                let list: String? = row["feed_ids"]
                return FetchRequest(id: row["id"], feeds: list.map { $0.split(separator: ",").compactMap { Int64($0) }.map(FeedID.init) },
                                    force: row["force"], origin: row["origin"], requestedAt: StoreTime.date(row["requested_at"] as Int64))
            }.sorted { $0.id < $1.id }
        }
    }

    /// Publishes the fetcher's progress (one row; call a few times a second at most).
    public func setFetchProgress(_ progress: FetchProgress, at date: Date = Date(), processID: Int32 = getpid()) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE fetch_progress SET running = ?, feeds_done = ?, feeds_total = ?, articles = ?, failures = ?, last_error = ?,
                  updated_at = ?, pid = ? WHERE id = 1
                """, arguments: [progress.running, progress.feedsDone, progress.feedsTotal, progress.articles, progress.failures,
                                 progress.lastError.map { String($0.prefix(500)) }, StoreTime.milliseconds(date), processID])
        }
    }

    /// The fetcher's last published progress.
    public func fetchProgress() throws -> FetchProgressRecord? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: UIQueries.fetchProgress) else { return nil }
            return FetchProgressRecord(
                progress: FetchProgress(running: row["running"], feedsDone: row["feeds_done"], feedsTotal: row["feeds_total"],
                                        articles: row["articles"], failures: row["failures"], lastError: row["last_error"]),
                updatedAt: StoreTime.date(row["updated_at"] as Int64), processID: row["pid"])
        }
    }
}
