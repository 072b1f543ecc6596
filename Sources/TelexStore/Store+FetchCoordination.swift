import Foundation
import GRDB
import TelexModel

extension Store {
    /// Leaves a fetch request for the running fetch service (`feeds` nil: all feeds); returns its id, which
    /// the service reports back when a pass that began after the request has answered it.
    @discardableResult
    public func requestFetch(feeds: [FeedID]? = nil, force: Bool = false, origin: String, at date: Date = Date()) throws -> Int64 {
        let list = feeds.map { $0.map { String($0.rawValue) }.joined(separator: ",") }
        return try write { db in
            try db.execute(sql: "INSERT INTO fetch_requests(requested_at, feed_ids, force, origin) VALUES (?, ?, ?, ?)",
                           arguments: [StoreTime.milliseconds(date), list, force, String(origin.prefix(200))])
            return db.lastInsertedRowID
        }
    }

    /// Withdraws a request nobody took (its asker fetched itself, or gave up).
    public func cancelFetchRequest(_ id: Int64) throws {
        try write { db in try db.execute(sql: "DELETE FROM fetch_requests WHERE id = ?", arguments: [id]) }
    }

    /// Removes and returns the pending fetch requests, oldest first. Only reads when there are none, so
    /// polling it costs no write (and moves no change signal).
    public func takeFetchRequests() throws -> [FetchRequest] {
        let pending = try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM fetch_requests)") ?? false }
        guard pending else { return [] }
        return try write { db in
            let rows = try Row.fetchAll(db, sql: "DELETE FROM fetch_requests RETURNING *")
            return rows.map { row in
                let list: String? = row["feed_ids"]
                return FetchRequest(id: row["id"], feeds: list.map { $0.split(separator: ",").compactMap { Int64($0) }.map(FeedID.init) },
                                    force: row["force"], origin: row["origin"], requestedAt: StoreTime.date(row["requested_at"] as Int64))
            }.sorted { $0.id < $1.id }
        }
    }

    /// The ids of the requests still waiting (tests, diagnostics).
    public func pendingFetchRequestIDs() throws -> [Int64] {
        try read { db in try Int64.fetchAll(db, sql: "SELECT id FROM fetch_requests ORDER BY id") }
    }
}
