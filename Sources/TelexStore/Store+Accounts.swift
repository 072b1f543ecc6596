import Foundation
import GRDB
import TelexModel

/// Aggregator accounts (docs/sync.md): what a sync writes, and the outbox it pushes.
extension Store {
    /// Mirrors feeds.json's accounts. An account removed from the file leaves: its feeds leave their
    /// sections (retention deletes their unsaved items, as for a removed local feed) and its outbox is
    /// dropped; configured again, its row, cursor and items come back.
    public func syncAccounts(_ specs: [AccountSpec]) throws {
        try write { db in
            var kept: [Int64] = []
            for spec in specs {
                let old = try Row.fetchOne(db, sql: "SELECT type, url FROM account WHERE name = ?", arguments: [spec.name])
                try db.execute(sql: """
                    INSERT INTO account(name, type, url, active) VALUES (?, ?, ?, 1)
                    ON CONFLICT(name) DO UPDATE SET type = excluded.type, url = excluded.url, active = 1
                    """, arguments: [spec.name, spec.type, spec.url])
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [spec.name])!
                // Another server or protocol under the same name: the old one's position means nothing to it.
                if let old, old["type"] as String != spec.type || old["url"] as String != spec.url {
                    try db.execute(sql: "UPDATE account SET cursor = NULL WHERE id = ?", arguments: [id])
                }
                kept.append(id)
            }
            let gone = try Int64.fetchAll(db, sql: "SELECT id FROM account WHERE active = 1").filter { !kept.contains($0) }
            for id in gone {
                try db.execute(sql: "UPDATE account SET active = 0 WHERE id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM outbox WHERE account_id = ?", arguments: [id])
                try deactivateFeeds(db, sql: "account_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM section WHERE account_id = ?", arguments: [id])
            }
        }
    }

    /// The account of that name in feeds.json (as last mirrored by `syncAccounts`).
    public func accountID(named name: String) throws -> AccountID? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ? AND active = 1", arguments: [name]).map(AccountID.init) }
    }

    /// Every configured account with its sync state, in feeds.json's order of first appearance.
    public func accountStates() throws -> [AccountState] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT account.*,
                  (SELECT COUNT(*) FROM outbox WHERE outbox.account_id = account.id) AS pending,
                  (SELECT COUNT(*) FROM feed WHERE feed.account_id = account.id AND feed.active = 1) AS feeds,
                  (SELECT COALESCE(SUM(total_count), 0) FROM feed WHERE feed.account_id = account.id AND feed.active = 1) AS items,
                  (SELECT COALESCE(SUM(unread_count), 0) FROM feed WHERE feed.account_id = account.id AND feed.active = 1) AS unread
                FROM account WHERE active = 1 ORDER BY id
                """).map { row in
                AccountState(id: AccountID(row["id"]), name: row["name"], type: row["type"], url: row["url"],
                             status: (row["status"] as String?).flatMap(AccountSyncStatus.init(rawValue:)), error: row["error"],
                             lastAttempt: StoreTime.date(row["last_attempt"] as Int64?),
                             lastSuccess: StoreTime.date(row["last_success"] as Int64?),
                             failingSince: StoreTime.date(row["failing_since"] as Int64?),
                             pending: row["pending"], feeds: row["feeds"], items: row["items"], unread: row["unread"])
            }
        }
    }

    /// The accounts' sync states as the reader's status line shows them.
    public func accountStatuses() throws -> [AccountStatus] {
        try accountStates().map { a in
            let since = a.failingSince ?? a.lastAttempt ?? Date(timeIntervalSince1970: 0)
            let problem: AccountStatus.Problem? = switch a.status {
            case .unreachable?: .unreachable(since: since)
            case .failing?: .failing(since: since, message: a.error ?? "failing")
            case .ok?, nil: nil
            }
            return AccountStatus(name: a.name, lastSync: a.lastSuccess, pending: a.pending, problem: problem)
        }
    }

    /// The active feeds of every account (id and the feed's own address on the server), in section order:
    /// the fetch pass fetches their items' article pages as it does a local feed's.
    public func accountFeedsForArticles() throws -> [(id: FeedID, remoteURL: String)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT feed.id, feed.remote_url FROM feed JOIN section ON section.id = feed.section_id
                WHERE feed.active = 1 AND feed.account_id IS NOT NULL ORDER BY section.position, feed.position
                """).map { (FeedID($0["id"]), ($0["remote_url"] as String?) ?? "") }
        }
    }

    /// The protocol's incremental position, nil before the first complete pull.
    public func accountCursor(_ account: AccountID) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT cursor FROM account WHERE id = ?", arguments: [account.rawValue]) }
    }

    /// Records how a sync attempt ended.
    public func recordSync(_ account: AccountID, _ result: AccountSyncResult) throws {
        let at = StoreTime.milliseconds(result.at)
        try write { db in
            if result.status == .ok {
                try db.execute(sql: """
                    UPDATE account SET last_attempt = ?, last_success = ?, status = 'ok', error = NULL, failing_since = NULL WHERE id = ?
                    """, arguments: [at, at, account.rawValue])
            } else {
                try db.execute(sql: """
                    UPDATE account SET last_attempt = ?, status = ?, error = ?,
                      failing_since = CASE WHEN status IN ('unreachable', 'failing') THEN COALESCE(failing_since, ?) ELSE ? END
                    WHERE id = ?
                    """, arguments: [at, result.status.rawValue, result.error.map { Self.bounded($0, Self.maxShort) }, at, at, account.rawValue])
            }
        }
    }

    /// The server's categories and feeds become the account's sections and feeds. A category whose
    /// title another section already has is named "account: title". Feeds gone from the server leave
    /// their section (as a feed removed from feeds.json does); a feed moved keeps its items.
    public func applyAccountTree(_ account: AccountID, folders: [RemoteFolder], feeds: [RemoteFeed]) throws {
        try write { db in
            let accountName = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [account.rawValue]) ?? "account"
            let base = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM section WHERE account_id IS NULL OR account_id < ?",
                                          arguments: [account.rawValue]) ?? 1
            // The uncategorised feeds' section is named after the account (remote id "").
            let used = Set(feeds.map { $0.folderID ?? "" })
            let sections = [RemoteFolder(remoteID: "", title: accountName)] + folders
            var sectionIDs: [String: Int64] = [:]
            for (position, folder) in sections.enumerated() where used.contains(folder.remoteID) {
                let existing = try Int64.fetchOne(db, sql: "SELECT id FROM section WHERE account_id = ? AND remote_id = ?",
                                                  arguments: [account.rawValue, folder.remoteID])
                let name = try sectionName(db, folder.remoteID.isEmpty ? accountName : Self.bounded(folder.title, Self.maxTitle),
                                           accountName: accountName, except: existing)
                if let existing {
                    try db.execute(sql: "UPDATE section SET name = ?, position = ? WHERE id = ?", arguments: [name, base + Int64(position), existing])
                    sectionIDs[folder.remoteID] = existing
                } else {
                    try db.execute(sql: "INSERT INTO section(name, position, account_id, remote_id) VALUES (?, ?, ?, ?)",
                                   arguments: [name, base + Int64(position), account.rawValue, folder.remoteID])
                    sectionIDs[folder.remoteID] = db.lastInsertedRowID
                }
            }
            var keptFeeds: [Int64] = []
            for (position, feed) in feeds.enumerated() {
                let sectionID = sectionIDs[feed.folderID ?? ""] ?? sectionIDs[""]
                let existing = try Row.fetchOne(db, sql: "SELECT id, section_id FROM feed WHERE account_id = ? AND remote_id = ?",
                                                arguments: [account.rawValue, feed.remoteID])
                let title = Self.bounded(feed.title, Self.maxTitle), url = Self.bounded(feed.url, Self.maxShort)
                if let existing {
                    let id: Int64 = existing["id"]
                    try db.execute(sql: """
                        UPDATE feed SET section_id = ?, position = ?, feed_title = ?, remote_url = ?, active = 1, enabled = 1 WHERE id = ?
                        """, arguments: [sectionID, position, title, url, id])
                    if (existing["section_id"] as Int64?) != sectionID {
                        try db.execute(sql: "UPDATE item SET section_id = ? WHERE feed_id = ?", arguments: [sectionID, id])
                    }
                    keptFeeds.append(id)
                } else {
                    try db.execute(sql: """
                        INSERT INTO feed(url, section_id, position, feed_title, account_id, remote_id, remote_url, enabled, active)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1)
                        """, arguments: ["account:\(account.rawValue):\(feed.remoteID)", sectionID, position, title, account.rawValue,
                                         feed.remoteID, url])
                    keptFeeds.append(db.lastInsertedRowID)
                }
            }
            let keptList = keptFeeds.isEmpty ? "-1" : keptFeeds.map(String.init).joined(separator: ",")
            try deactivateFeeds(db, sql: "account_id = ? AND id NOT IN (\(keptList))", arguments: [account.rawValue])
            let keptSections = sectionIDs.values.map(String.init).joined(separator: ",")
            try db.execute(sql: "DELETE FROM section WHERE account_id = ? AND id NOT IN (\(keptSections.isEmpty ? "-1" : keptSections))",
                           arguments: [account.rawValue])
        }
    }

    /// `wanted`, or "account: wanted" when another section has that name (then with a number).
    private func sectionName(_ db: Database, _ wanted: String, accountName: String, except id: Int64?) throws -> String {
        func taken(_ name: String) throws -> Bool {
            try Int64.fetchOne(db, sql: "SELECT id FROM section WHERE name = ? AND id IS NOT ?", arguments: [name, id]) != nil
        }
        if try !taken(wanted) { return wanted }
        let prefixed = wanted == accountName ? wanted : "\(accountName): \(wanted)"
        if try !taken(prefixed) { return prefixed }
        var n = 2
        while try taken("\(prefixed) (\(n))") { n += 1 }
        return "\(prefixed) (\(n))"
    }

    /// Active feeds matching `sql` leave their sections (items included); retention deletes them later.
    func deactivateFeeds(_ db: Database, sql: String, arguments: StatementArguments) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM feed WHERE active = 1 AND \(sql)", arguments: arguments)
        for id in ids {
            try db.execute(sql: "UPDATE feed SET section_id = NULL, active = 0 WHERE id = ?", arguments: [id])
            try db.execute(sql: "UPDATE item SET section_id = NULL WHERE feed_id = ?", arguments: [id])
        }
    }

    /// Stores a page of the server's items in one transaction: new ones inserted with the server's read
    /// and starred state, known ones updated (content, and state unless a local change to it is
    /// waiting in the outbox: the local change wins). `cursor`, when given, moves in the same
    /// transaction. Items of feeds the cache does not know are skipped. Returns how many were new.
    @discardableResult
    public func applyRemoteItems(_ account: AccountID, _ items: [RemoteItem], cursor: String? = nil, now: Date = Date()) throws -> Int {
        let prepared = items.map { ($0, PreparedItem($0.item)) }
        return try write { db in
            let findFeed = try db.cachedStatement(sql: "SELECT id, section_id FROM feed WHERE account_id = ? AND remote_id = ?")
            let findItem = try db.cachedStatement(sql: "SELECT id FROM item WHERE feed_id = ? AND stable_id = ?")
            let setKey = try db.cachedStatement(sql: "UPDATE item SET account_id = ?, remote_id = ? WHERE id = ? AND account_id IS NULL")
            let firstSeen = StoreTime.milliseconds(now)
            var deltas: [Int64: CounterDelta] = [:]
            var inserted = 0
            for (remote, item) in prepared {
                guard let feed = try Row.fetchOne(findFeed, arguments: [account.rawValue, remote.feedID]) else { continue }
                let feedID: Int64 = feed["id"]
                let isNew = try upsert(db, item, feedID: feedID, sectionID: feed["section_id"], firstSeen: firstSeen,
                                       inheritingRead: false) == .inserted
                guard let id = try Int64.fetchOne(findItem, arguments: [feedID, item.stableID]) else { continue }
                if isNew {
                    try setKey.execute(arguments: [account.rawValue, remote.remoteID, id])
                    deltas[feedID, default: CounterDelta()].total += 1
                    deltas[feedID, default: CounterDelta()].unread += 1
                    inserted += 1
                }
                try applyServerState(db, account: account, itemID: id, remoteID: remote.remoteID, field: .read, value: remote.read, deltas: &deltas)
                try applyServerState(db, account: account, itemID: id, remoteID: remote.remoteID, field: .starred, value: remote.starred, deltas: &deltas)
                if isNew, let key = item.linkKey { try inheritLocalState(db, itemID: id, key: key, remote: remote, deltas: &deltas) }
            }
            try apply(db, deltas)
            if let cursor { try db.execute(sql: "UPDATE account SET cursor = ? WHERE id = ?", arguments: [cursor, account.rawValue]) }
            return inserted
        }
    }

    /// A server's item new to the cache whose story a local feed has already: read or saved there, it is
    /// read or saved here too, and the server is told (queued), as if it had been marked here.
    private func inheritLocalState(_ db: Database, itemID: Int64, key: String, remote: RemoteItem, deltas: inout [Int64: CounterDelta]) throws {
        guard let local = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT MAX(read) AS read, MAX(saved) AS saved FROM item WHERE link_key = ? AND account_id IS NULL AND section_id IS NOT NULL
            """), arguments: [key]), let read = local["read"] as Bool?, let saved = local["saved"] as Bool? else { return }
        for (field, column, wanted, server) in [(OutboxField.read, "read", read, remote.read), (.starred, "saved", saved, remote.starred)]
            where wanted && !server {
            guard let row = try Row.fetchOne(db, sql: "UPDATE item SET \(column) = 1 WHERE id = ? AND \(column) = 0 RETURNING feed_id, account_id, remote_id",
                                             arguments: [itemID]) else { continue }
            switch field {
            case .read: deltas[row["feed_id"], default: CounterDelta()].unread -= 1
            case .starred: deltas[row["feed_id"], default: CounterDelta()].saved += 1
            }
            try queueChange(db, row, field, true)
        }
    }

    /// Moves the account's incremental position (a pass that stored nothing new).
    public func setAccountCursor(_ account: AccountID, _ cursor: String?) throws {
        try write { db in try db.execute(sql: "UPDATE account SET cursor = ? WHERE id = ?", arguments: [cursor, account.rawValue]) }
    }

    /// One item's read or starred state as the server has it, unless a local change to that state waits to be pushed.
    @discardableResult
    private func applyServerState(_ db: Database, account: AccountID, itemID: Int64, remoteID: String, field: OutboxField, value: Bool,
                                  deltas: inout [Int64: CounterDelta]) throws -> Bool {
        let column = field == .read ? "read" : "saved"
        let update = try db.cachedStatement(sql: """
            UPDATE item SET \(column) = ? WHERE id = ? AND \(column) != ?
              AND NOT EXISTS (SELECT 1 FROM outbox WHERE account_id = ? AND remote_id = ? AND field = ?)
            RETURNING id, feed_id, account_id, link_key, story_key
            """)
        guard let row = try Row.fetchOne(update, arguments: [value, itemID, value, account.rawValue, remoteID, field.rawValue]) else { return false }
        let feedID: Int64 = row["feed_id"]
        switch field {
        case .read: deltas[feedID, default: CounterDelta()].unread += value ? -1 : 1
        case .starred: deltas[feedID, default: CounterDelta()].saved += value ? 1 : -1
        }
        try shareState(db, from: row, field, value, serverOnly: true, deltas: &deltas)
        return true
    }

    /// Sets the read (or starred) state of every item of the account from the server's complete set
    /// of unread (or starred) ids: in the set, unread (starred); not in it, read (not starred). Items
    /// with a local change to that state waiting in the outbox keep theirs. The set goes through a
    /// temporary table in batches, so the work is SQL's. Returns how many items changed.
    @discardableResult
    public func applyServerSet(_ account: AccountID, field: OutboxField, ids: [String]) throws -> Int {
        try write { db in
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS remote_set(remote_id TEXT PRIMARY KEY) WITHOUT ROWID")
            try db.execute(sql: "DELETE FROM remote_set")
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO remote_set(remote_id) VALUES (?)")
            for id in ids { try insert.execute(arguments: [id]) }
            let column = field == .read ? "read" : "saved"
            // For read, membership in the set (of unread ids) means read = 0; for starred, saved = 1.
            let inSetValue = field == .read ? 0 : 1
            let rows = try Row.fetchAll(db, sql: """
                UPDATE item SET \(column) = CASE WHEN remote_id IN (SELECT remote_id FROM remote_set) THEN \(inSetValue) ELSE \(1 - inSetValue) END
                WHERE account_id = ?
                  AND \(column) != CASE WHEN remote_id IN (SELECT remote_id FROM remote_set) THEN \(inSetValue) ELSE \(1 - inSetValue) END
                  AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.account_id = item.account_id AND outbox.remote_id = item.remote_id
                                  AND outbox.field = ?)
                RETURNING id, feed_id, account_id, link_key, story_key, \(column) AS value
                """, arguments: [account.rawValue, field.rawValue])
            try db.execute(sql: "DELETE FROM remote_set")
            var deltas: [Int64: CounterDelta] = [:]
            for row in rows {
                let value: Bool = row["value"]
                switch field {
                case .read: deltas[row["feed_id"], default: CounterDelta()].unread += value ? -1 : 1
                case .starred: deltas[row["feed_id"], default: CounterDelta()].saved += value ? 1 : -1
                }
                try shareState(db, from: row, field, value, serverOnly: true, deltas: &deltas)
            }
            try apply(db, deltas)
            return rows.count
        }
    }

    /// The account's unread and starred items counted per feed (every item of the account, as
    /// `applyServerSet` covers them), to compare with the server's counts.
    public func accountStateCounts(_ account: AccountID) throws -> StateCounts {
        try read { db in
            var unread: [String: Int] = [:]
            var starred: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT feed.remote_id AS feed, SUM(item.read = 0) AS unread, SUM(item.saved = 1) AS starred
                FROM item JOIN feed ON feed.id = item.feed_id
                WHERE item.account_id = ? GROUP BY feed.remote_id
                """, arguments: [account.rawValue]) {
                let feed: String = row["feed"] ?? ""
                unread[feed] = row["unread"]
                starred[feed] = row["starred"]
            }
            return StateCounts(unread: unread, starred: starred)
        }
    }

    /// Sets one state of the listed items as the server has it (`value`), except where a local change
    /// to that state waits in the outbox; ids the cache does not hold are skipped. Returns how many changed.
    @discardableResult
    public func applyServerStates(_ account: AccountID, field: OutboxField, ids: [String], value: Bool) throws -> Int {
        try write { db in
            let find = try db.cachedStatement(sql: "SELECT id FROM item WHERE account_id = ? AND remote_id = ?")
            var deltas: [Int64: CounterDelta] = [:]
            var changed = 0
            for remoteID in ids {
                guard let id = try Int64.fetchOne(find, arguments: [account.rawValue, remoteID]) else { continue }
                if try applyServerState(db, account: account, itemID: id, remoteID: remoteID, field: field, value: value, deltas: &deltas) {
                    changed += 1
                }
            }
            try apply(db, deltas)
            return changed
        }
    }

    /// Syncs of the account since the last one that compared the server's whole id sets.
    public func syncsSinceFullStateCheck(_ account: AccountID) throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT syncs_since_full_check FROM account WHERE id = ?", arguments: [account.rawValue]) ?? 0 }
    }

    /// Counts a sync's state check: a full comparison starts the count again, a skipped one adds one.
    public func recordStateCheck(_ account: AccountID, full: Bool) throws {
        try write { db in
            try db.execute(sql: "UPDATE account SET syncs_since_full_check = CASE WHEN ? THEN 0 ELSE syncs_since_full_check + 1 END WHERE id = ?",
                           arguments: [full, account.rawValue])
        }
    }

    /// The oldest local changes waiting to be pushed, in the order they were made.
    public func pendingChanges(_ account: AccountID, limit: Int = 1000) throws -> [OutboxEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, remote_id, field, value FROM outbox WHERE account_id = ? ORDER BY id LIMIT ?",
                             arguments: [account.rawValue, limit]).compactMap { row in
                guard let field = OutboxField(rawValue: row["field"]) else { return nil }
                return OutboxEntry(id: row["id"], remoteID: row["remote_id"], field: field, value: row["value"])
            }
        }
    }

    /// Forgets changes the server has taken.
    public func removePushed(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try write { db in
            let delete = try db.cachedStatement(sql: "DELETE FROM outbox WHERE id = ?")
            for id in ids { try delete.execute(arguments: [id]) }
        }
    }

    /// One story, one state (docs/sync.md, docs/cache-schema.md "Stories"): the copies of one story (one
    /// `story_key`) in local feeds and accounts share their read state, and local and account copies their saved
    /// state. `row` is the item that changed (`id`, `account_id`, `story_key`): a change made here (`serverOnly`
    /// false) reaches every copy (saved: every copy when it is an account's item, the accounts' copies when it is a
    /// local one: two local feeds keep their own saved items), each account copy queued for its server; a change
    /// the server made (`serverOnly`) reaches the local copies only. Returns the ids of the copies changed.
    @discardableResult
    func shareState(_ db: Database, from row: Row, _ field: OutboxField, _ value: Bool, serverOnly: Bool = false,
                    deltas: inout [Int64: CounterDelta]) throws -> [Int64] {
        guard let key = row["story_key"] as String? else { return [] }
        let column = field == .read ? "read" : "saved"
        let local = row["account_id"] as Int64? == nil
        let scope = serverOnly ? "account_id IS NULL" : (local && field == .starred ? "account_id IS NOT NULL" : "1")
        // Other feeds' copies: one feed's items that share a link (a live blog's, a section page's) keep their own.
        let copies = try Row.fetchAll(db.cachedStatement(sql: """
            UPDATE item SET \(column) = ? WHERE story_key = ? AND feed_id != ? AND \(column) != ? AND section_id IS NOT NULL AND \(scope)
            RETURNING id, feed_id, account_id, remote_id
            """), arguments: [value, key, row["feed_id"] as Int64, value])
        for copy in copies {
            switch field {
            case .read: deltas[copy["feed_id"], default: CounterDelta()].unread += value ? -1 : 1
            case .starred: deltas[copy["feed_id"], default: CounterDelta()].saved += value ? 1 : -1
            }
            if !serverOnly { try queueChange(db, copy, field, value) }
        }
        return copies.map { $0["id"] }
    }

    /// Queues a local change to an account item (a no-op for local items), in the caller's transaction.
    /// `row` is the changed item's `account_id` and `remote_id`.
    func queueChange(_ db: Database, _ row: Row, _ field: OutboxField, _ value: Bool) throws {
        guard let account = row["account_id"] as Int64?, let remoteID = row["remote_id"] as String? else { return }
        try db.cachedStatement(sql: "INSERT INTO outbox(account_id, remote_id, field, value, queued_at) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [account, remoteID, field.rawValue, value, StoreTime.milliseconds(Date())])
    }
}
