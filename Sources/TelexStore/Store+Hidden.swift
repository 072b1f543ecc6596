import Foundation
import GRDB
import TelexModel
import TelexQuery

/// A feed's `hide` rules as the writer applies them (docs/feeds-json.md, "Filters"): one query, matched in memory on
/// each item before it is written (`QueryMatcher`: the search index does not hold the item yet), with what `feed:`
/// and `section:` compare against.
struct HideRules {
    let feedID: Int64
    let matcher: QueryMatcher
    /// `"hidden": "drop"`: matches are never written; else they go to `hidden_item`.
    let drop: Bool
    let feedNames: [String]
    let section: String?

    /// The rules of a feed, nil when it has none (or, never expected, when its stored query no longer parses).
    static func load(_ db: Database, feedID: Int64) throws -> HideRules? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT feed.title, feed.feed_title, feed.url, feed.hide_query, feed.hidden_mode, section.name AS section
            FROM feed LEFT JOIN section ON section.id = feed.section_id WHERE feed.id = ?
            """), arguments: [feedID]),
            let text: String = row["hide_query"], let query = try? QueryParser.parse(text) else { return nil }
        let names: [String?] = [row["title"], row["feed_title"], row["url"]]
        return HideRules(feedID: feedID, matcher: QueryMatcher(query), drop: row["hidden_mode"] as String == "drop",
                         feedNames: names.compactMap { $0 }, section: row["section"])
    }

    func hides(_ item: PreparedItem, sortTime: Int64, now: Date) -> Bool {
        matcher.matches(MatchableItem(title: item.searchTitle, body: item.searchBody, author: item.author, link: item.linkKey,
                                      feedNames: feedNames, section: section, lang: item.declaredLang ?? item.guessedLang,
                                      sortTime: StoreTime.date(sortTime)), now: now)
    }
}

/// The statements of filters, in one place so that `QueryPlanTests` checks each is an index search.
enum HiddenQueries {
    static let shownItem = "SELECT id, saved, read, first_seen FROM item WHERE feed_id = ? AND stable_id = ?"
    static let reveal = "DELETE FROM hidden_item WHERE feed_id = ? AND stable_id = ? RETURNING read, first_seen"
    static let feedItems = """
        SELECT id, link_key, title, author, summary_html, content_html, sort_time, lang FROM item WHERE feed_id = ? AND saved = 0
        """
    static let feedHidden = "SELECT * FROM hidden_item WHERE feed_id = ?"
    static let pastRetention = "SELECT id FROM hidden_item WHERE first_seen < ? LIMIT ?"
}

extension Store {
    /// Keeps an item a hide rule matches out of `item`: in `hidden_item` (`"store"`) or nowhere (`"drop"`). A shown
    /// copy (written before its text changed to match) leaves the lists with its counters; a saved one stays shown,
    /// and false is returned: the caller writes it as usual.
    func hide(_ db: Database, _ item: PreparedItem, rules: HideRules, firstSeen: Int64) throws -> Bool {
        var read = false
        var firstSeen = firstSeen
        if let shown = try Row.fetchOne(db.cachedStatement(sql: HiddenQueries.shownItem),
                                        arguments: [rules.feedID, item.stableID]) {
            if shown["saved"] as Bool { return false }
            read = shown["read"]
            firstSeen = shown["first_seen"]
            try deleteItems(db, ids: [shown["id"]])
        }
        if rules.drop { return true }
        try db.cachedStatement(sql: """
            INSERT INTO hidden_item(feed_id, stable_id, link, title, author, published, updated, summary_html, content_html,
              content_hash, first_seen, read, language)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(feed_id, stable_id) DO UPDATE SET link = excluded.link, title = excluded.title, author = excluded.author,
              published = excluded.published, updated = excluded.updated, summary_html = excluded.summary_html,
              content_html = excluded.content_html, content_hash = excluded.content_hash, language = excluded.language
            WHERE content_hash != excluded.content_hash
            """).execute(arguments: [rules.feedID, item.stableID, item.link, item.title, item.author, item.published, item.updated,
                                     item.summary, item.content, item.hash, firstSeen, read, item.declaredLanguage])
        return true
    }

    /// An item a hide rule no longer matches (its text changed) leaves `hidden_item`; its read state and first
    /// sight, when it was there, for the caller to write it with.
    func reveal(_ db: Database, stableID: String, feedID: Int64) throws -> (read: Bool, firstSeen: Int64)? {
        try Row.fetchOne(db.cachedStatement(sql: HiddenQueries.reveal),
                         arguments: [feedID, stableID]).map { ($0["read"], $0["first_seen"]) }
    }

    /// Matches a feed's items again after its rules or hidden mode changed (`syncConfiguration`, same transaction):
    /// shown items the rules now match are hidden (saved ones stay), hidden ones they no longer match come back with
    /// their read state, and with `"drop"` the hidden ones are deleted. Work in proportion to the feed's items, once
    /// per change of its rules.
    func refilter(_ db: Database, feedID: Int64, now: Date) throws {
        let rules = try HideRules.load(db, feedID: feedID)
        if let rules {
            var matched: [Int64] = []
            let rows = try Row.fetchCursor(db, sql: HiddenQueries.feedItems, arguments: [feedID])
            while let row = try rows.next() {
                let item = MatchableItem(title: PlainText.fromHTML(row["title"], limit: Self.maxTitle),
                                         body: FeedText.plain(summaryHTML: row["summary_html"], contentHTML: row["content_html"]),
                                         author: row["author"], link: row["link_key"], feedNames: rules.feedNames,
                                         section: rules.section, lang: row["lang"], sortTime: StoreTime.date(row["sort_time"] as Int64))
                if rules.matcher.matches(item, now: now) { matched.append(row["id"]) }
            }
            if !rules.drop {
                let keep = try db.cachedStatement(sql: """
                    INSERT INTO hidden_item(feed_id, stable_id, link, title, author, published, updated, summary_html, content_html,
                      content_hash, first_seen, read, language)
                    SELECT feed_id, stable_id, link, title, author, published, updated, summary_html, content_html, content_hash,
                      first_seen, read, CASE WHEN lang_source = 'feed' THEN lang END FROM item WHERE id = ?
                    ON CONFLICT(feed_id, stable_id) DO NOTHING
                    """)
                for id in matched { try keep.execute(arguments: [id]) }
            }
            try deleteItems(db, ids: matched)
        }
        let sectionID = try Int64.fetchOne(db, sql: "SELECT section_id FROM feed WHERE id = ?", arguments: [feedID])
        var delta = CounterDelta()
        for row in try Row.fetchAll(db, sql: HiddenQueries.feedHidden, arguments: [feedID]) {
            let item = PreparedItem(ItemRecord(stableID: row["stable_id"], link: row["link"], title: row["title"], author: row["author"],
                                               published: StoreTime.date(row["published"] as Int64?),
                                               updated: StoreTime.date(row["updated"] as Int64?),
                                               summaryHTML: row["summary_html"], contentHTML: row["content_html"],
                                               language: row["language"]))
            let firstSeen: Int64 = row["first_seen"]
            let stillHidden = rules?.hides(item, sortTime: StoreTime.sortTime(published: item.published, firstSeen: firstSeen), now: now) ?? false
            if stillHidden && !(rules?.drop ?? false) { continue }
            try db.execute(sql: "DELETE FROM hidden_item WHERE id = ?", arguments: [row["id"] as Int64])
            if stillHidden { continue }
            switch try upsert(db, item, feedID: feedID, sectionID: sectionID, comesRead: row["read"], firstSeen: firstSeen) {
            case .inserted: delta.total += 1; delta.unread += 1
            case .insertedRead: delta.total += 1
            case .unchanged, .updated: break
            }
        }
        try apply(db, [feedID: delta])
    }

    /// Hidden items first seen before the retention cutoff (bounded: `limit` rows). A hidden item still in its feed
    /// is matched and hidden again by the next pass.
    func pruneHidden(cutoff: Int64, limit: Int) throws {
        try write { db in
            let delete = try db.cachedStatement(sql: "DELETE FROM hidden_item WHERE id = ?")
            for id in try Int64.fetchAll(db, sql: HiddenQueries.pastRetention, arguments: [cutoff, limit]) {
                try delete.execute(arguments: [id])
            }
        }
    }
}
