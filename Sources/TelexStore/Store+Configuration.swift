import Foundation
import GRDB
import TelexModel

extension Store {
    /// Mirrors feeds.json: sections and feeds in order. Feeds that stay (even if renamed or moved to another
    /// section) keep their items. A removed feed leaves every section at once (its items leave the views but
    /// Saved); the next retention run deletes its unsaved items (`pruneRemovedFeeds`), and configured again
    /// before that, it has its items and their read state back.
    ///
    /// When the cache already mirrors `sections` (every start of the reader, every `telex fetch`), it only
    /// reads: no write lock to wait for behind a running pass, no commit, no change signal for other readers.
    ///
    /// Saved queries are mirrored in the same transaction, by name (a renamed query is a new one).
    ///
    /// A feed whose `hide` rules or hidden mode changed has its items matched again, in the same transaction
    /// (`refilter`): once per change, over that feed's items.
    public func syncConfiguration(_ sections: [SectionSpec], queries: [QuerySpec] = [], now: Date = Date()) throws {
        if try read({ db in try Self.mirrors(db, sections) && Self.mirrors(db, queries) }) { return }
        try write { db in
            try Self.mirrorQueries(db, queries)
            var keptSections: [Int64] = []
            var keptFeeds: Set<Int64> = []
            var seenURLs: Set<String> = []
            // Feeds whose hide rules or hidden mode changed: their items are matched again below.
            var refilter: [Int64] = []
            for (sectionPosition, section) in sections.enumerated() {
                // A local section takes its name back from an account's category: that one becomes "account: name".
                try db.execute(sql: """
                    UPDATE section SET name = (SELECT account.name FROM account WHERE account.id = section.account_id) || ': ' || name
                    WHERE name = ? AND account_id IS NOT NULL
                    """, arguments: [section.name])
                try db.execute(sql: """
                    INSERT INTO section(name, position) VALUES (?, ?)
                    ON CONFLICT(name) DO UPDATE SET position = excluded.position
                    """, arguments: [section.name, sectionPosition])
                let sectionID = try Int64.fetchOne(db, sql: "SELECT id FROM section WHERE name = ?", arguments: [section.name])!
                keptSections.append(sectionID)
                for (feedPosition, feed) in section.feeds.enumerated() where seenURLs.insert(feed.url).inserted {
                    let existing = try Row.fetchOne(db, sql: "SELECT id, section_id, hide_query, hidden_mode FROM feed WHERE url = ?",
                                                    arguments: [feed.url])
                    let feedID: Int64
                    let mode = feed.dropHidden ? "drop" : "store"
                    if let existing {
                        feedID = existing["id"]
                        try db.execute(sql: """
                            UPDATE feed SET section_id = ?, position = ?, title = ?, enabled = ?, active = 1, hide_query = ?,
                              hidden_mode = ? WHERE id = ?
                            """, arguments: [sectionID, feedPosition, feed.title, feed.enabled, feed.hide, mode, feedID])
                        let oldSection: Int64? = existing["section_id"]
                        if oldSection != sectionID {
                            try db.execute(sql: "UPDATE item SET section_id = ? WHERE feed_id = ?", arguments: [sectionID, feedID])
                        }
                        if existing["hide_query"] as String? != feed.hide || existing["hidden_mode"] as String != mode {
                            refilter.append(feedID)
                        }
                    } else {
                        try db.execute(sql: """
                            INSERT INTO feed(url, section_id, position, title, enabled, active, hide_query, hidden_mode)
                            VALUES (?, ?, ?, ?, ?, 1, ?, ?)
                            """, arguments: [feed.url, sectionID, feedPosition, feed.title, feed.enabled, feed.hide, mode])
                        feedID = db.lastInsertedRowID
                    }
                    keptFeeds.insert(feedID)
                }
            }
            // Feeds no longer configured: out of their section, items included; retention deletes them later.
            // (Account feeds and sections are the sync's: `applyAccountTree`.)
            let keptFeedList = keptFeeds.isEmpty ? "-1" : keptFeeds.map(String.init).joined(separator: ",")
            try deactivateFeeds(db, sql: "account_id IS NULL AND id NOT IN (\(keptFeedList))", arguments: [])
            let keptList = keptSections.map(String.init).joined(separator: ",")
            try db.execute(sql: "DELETE FROM section WHERE account_id IS NULL AND id NOT IN (\(keptList.isEmpty ? "-1" : keptList))")
            for feedID in refilter { try self.refilter(db, feedID: feedID, now: now) }
        }
    }

    /// Replaces the saved queries with `queries`, keeping the id of each name that stays.
    private static func mirrorQueries(_ db: Database, _ queries: [QuerySpec]) throws {
        var kept: [String] = []
        for (position, query) in queries.enumerated() where !kept.contains(query.name) {
            try db.execute(sql: """
                INSERT INTO saved_query(name, query, position) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET query = excluded.query, position = excluded.position
                """, arguments: [query.name, query.query, position])
            kept.append(query.name)
        }
        let names = databaseQuestionMarks(count: kept.count)
        try db.execute(sql: kept.isEmpty ? "DELETE FROM saved_query" : "DELETE FROM saved_query WHERE name NOT IN (\(names))",
                       arguments: StatementArguments(kept))
    }

    /// Whether the saved queries are exactly `queries` (names, texts, order).
    private static func mirrors(_ db: Database, _ queries: [QuerySpec]) throws -> Bool {
        let stored = try Row.fetchAll(db, sql: UIQueries.savedQueries).map { QuerySpec(name: $0["name"], query: $0["query"]) }
        return stored == queries
    }

    /// Whether the sections and active feeds are exactly `sections` (names, order, titles, enabled).
    private static func mirrors(_ db: Database, _ sections: [SectionSpec]) throws -> Bool {
        struct MirroredFeed: Hashable {
            let url: String; let section: String; let position: Int; let title: String?; let enabled: Bool
            let hide: String?; let dropHidden: Bool
        }
        let stored = try Row.fetchAll(db, sql: "SELECT name, position FROM section ORDER BY position")
        guard stored.map({ $0["name"] as String }) == sections.map(\.name),
              stored.enumerated().allSatisfy({ $0.element["position"] as Int == $0.offset }) else { return false }
        var wanted: [MirroredFeed] = []
        var seenURLs: Set<String> = []
        for section in sections {
            for (position, feed) in section.feeds.enumerated() where seenURLs.insert(feed.url).inserted {
                wanted.append(MirroredFeed(url: feed.url, section: section.name, position: position, title: feed.title,
                                           enabled: feed.enabled, hide: feed.hide, dropHidden: feed.dropHidden))
            }
        }
        let active = try Row.fetchAll(db, sql: """
            SELECT feed.url, section.name AS section, feed.position, feed.title, feed.enabled, feed.hide_query, feed.hidden_mode
            FROM feed LEFT JOIN section ON section.id = feed.section_id WHERE feed.active = 1
            """)
        guard active.count == wanted.count else { return false }
        let mirrored = Set(active.map { row in
            MirroredFeed(url: row["url"], section: row["section"] ?? "", position: row["position"], title: row["title"],
                         enabled: row["enabled"], hide: row["hide_query"], dropHidden: row["hidden_mode"] as String == "drop")
        })
        return mirrored == Set(wanted)
    }

    /// Deletes items with their search rows (their queue rows go by cascade), keeping the feed counters right.
    /// Articles are left to `prune`.
    func deleteItems(_ db: Database, ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        let select = try db.cachedStatement(sql: "SELECT feed_id, read, saved FROM item WHERE id = ?")
        let delete = try db.cachedStatement(sql: "DELETE FROM item WHERE id = ?")
        let deleteText = try db.cachedStatement(sql: "DELETE FROM item_fts WHERE rowid = ?")
        let deleteSignature = try db.cachedStatement(sql: "DELETE FROM item_signature WHERE item_id = ?")
        var deltas: [Int64: CounterDelta] = [:]
        for id in ids {
            guard let row = try Row.fetchOne(select, arguments: [id]) else { continue }
            let feedID: Int64 = row["feed_id"]
            var delta = deltas[feedID] ?? CounterDelta()
            delta.total -= 1
            if !(row["read"] as Bool) { delta.unread -= 1 }
            if row["saved"] as Bool { delta.saved -= 1 }
            deltas[feedID] = delta
            try delete.execute(arguments: [id])
            try deleteText.execute(arguments: [id])
            try deleteSignature.execute(arguments: [id])
        }
        try apply(db, deltas)
    }

    /// Adds counter changes to the feeds, in the caller's transaction.
    func apply(_ db: Database, _ deltas: [Int64: CounterDelta]) throws {
        let update = try db.cachedStatement(sql: """
            UPDATE feed SET total_count = total_count + ?, unread_count = unread_count + ?, saved_count = saved_count + ?
            WHERE id = ?
            """)
        for (feedID, delta) in deltas where !delta.isZero {
            try update.execute(arguments: [delta.total, delta.unread, delta.saved, feedID])
        }
    }
}

/// Changes to one feed's counters within a transaction.
struct CounterDelta {
    var total = 0
    var unread = 0
    var saved = 0
    var isZero: Bool { total == 0 && unread == 0 && saved == 0 }
}
