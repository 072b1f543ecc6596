import Foundation
import GRDB
import TelexModel

/// A feed whose stored counters disagree with its rows.
struct CounterMismatch: Equatable, CustomStringConvertible {
    var feedID: Int64
    var stored: [Int]
    var counted: [Int]
    var description: String { "feed \(feedID): stored total/unread/saved \(stored), counted \(counted)" }
}

/// An item whose full-text row is missing or out of date, or a full-text row left without its item.
struct IndexMismatch: Equatable, CustomStringConvertible {
    enum Problem: String, Equatable { case missingRow, orphanRow, staleTitle, staleBody, staleArticleText }
    var rowID: Int64
    var problem: Problem
    var description: String { "item \(rowID): \(problem.rawValue)" }
}

extension Store {
    /// Checks the one-to-one between `item` and `item_fts`: every item not waiting in `search_queue`
    /// has exactly one search row (rowid = item id) holding its current title, feed text and attached
    /// article's text, and no search row outlives its item (a full scan: for tests and `telex doctor`).
    /// A queued item is the indexer's to (re)write: its row may be missing or stale until then.
    func indexMismatches() throws -> [IndexMismatch] {
        try read { db in
            var found: [IndexMismatch] = []
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM item WHERE id NOT IN (SELECT rowid FROM item_fts) AND id NOT IN (SELECT item_id FROM search_queue) ORDER BY id") {
                found.append(IndexMismatch(rowID: id, problem: .missingRow))
            }
            for id in try Int64.fetchAll(db, sql: "SELECT rowid FROM item_fts WHERE rowid NOT IN (SELECT id FROM item) ORDER BY rowid") {
                found.append(IndexMismatch(rowID: id, problem: .orphanRow))
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT item.id, item.title, item.summary_html, item.content_html, item_fts.title AS indexed_title,
                  item_fts.body AS indexed_body, item_fts.article AS indexed_article,
                  COALESCE(substr(article.plain_text, 1, 65536), '') AS article_text
                FROM item JOIN item_fts ON item_fts.rowid = item.id LEFT JOIN article ON article.id = item.article_id
                WHERE item.id NOT IN (SELECT item_id FROM search_queue)
                ORDER BY item.id
                """)
            for row in rows {
                let id: Int64 = row["id"]
                if (row["indexed_title"] as String) != PlainText.fromHTML(row["title"], limit: Self.maxTitle) {
                    found.append(IndexMismatch(rowID: id, problem: .staleTitle))
                }
                // Compared without surrounding spaces: caches written before FeedText indexed an item with
                // content and no summary as " content" (same words, same search).
                let body = FeedText.plain(summaryHTML: row["summary_html"], contentHTML: row["content_html"])
                if (row["indexed_body"] as String).trimmingCharacters(in: .whitespaces) != body.trimmingCharacters(in: .whitespaces) {
                    found.append(IndexMismatch(rowID: id, problem: .staleBody))
                }
                if (row["indexed_article"] as String) != (row["article_text"] as String) {
                    found.append(IndexMismatch(rowID: id, problem: .staleArticleText))
                }
            }
            return found
        }
    }

    /// Compares every feed's counters with COUNT(*) over its items (a full scan: for tests and `telex doctor`).
    func counterMismatches() throws -> [CounterMismatch] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT feed.id, feed.total_count, feed.unread_count, feed.saved_count,
                  (SELECT COUNT(*) FROM item WHERE feed_id = feed.id) AS total,
                  (SELECT COUNT(*) FROM item WHERE feed_id = feed.id AND read = 0) AS unread,
                  (SELECT COUNT(*) FROM item WHERE feed_id = feed.id AND saved = 1) AS saved
                FROM feed
                """).compactMap { row in
                let stored: [Int] = [row["total_count"], row["unread_count"], row["saved_count"]]
                let counted: [Int] = [row["total"], row["unread"], row["saved"]]
                return stored == counted ? nil : CounterMismatch(feedID: row["id"], stored: stored, counted: counted)
            }
        }
    }

    /// `EXPLAIN QUERY PLAN` of a statement, one detail line per step.
    func queryPlan(_ sql: String, _ arguments: StatementArguments) throws -> [String] {
        try read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    /// The migrations applied to this cache.
    func appliedMigrations() throws -> Set<String> {
        try read { db in try Schema.migrator.appliedIdentifiers(db) }
    }

    /// Every table, index, view and trigger definition (tests compare an upgraded cache with a new one).
    func schema() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name
                """)
        }
    }

    /// Runs SQL in a write transaction (tests use it to set up states the API does not produce).
    func executeForTesting(_ sql: String) throws {
        try write { db in try db.execute(sql: sql) }
    }

    /// A scalar query (tests).
    func scalarForTesting(_ sql: String) throws -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: sql) }
    }
}

/// The UI queries with sample arguments, for checking their plans.
enum UIQueryCatalogue {
    static let sampleCursor: (Int64, Int64) = (1_750_000_000_000, 42)

    static var catalogue: [(String, String, StatementArguments)] {
        var queries: [(String, String, StatementArguments)] = [
            ("sections", UIQueries.sections, []),
            ("section feeds", UIQueries.sectionFeeds, []),
            ("saved count", UIQueries.savedCount, []),
            ("section total", UIQueries.sectionTotal, [1]),
            ("section unread", UIQueries.sectionUnread, [1]),
            ("feed total", UIQueries.feedTotal, [1]),
            ("feed unread", UIQueries.feedUnread, [1]),
            ("all total", UIQueries.allTotal, []),
            ("all unread", UIQueries.allUnread, []),
            ("feed label", UIQueries.feedLabel, [1]),
            ("item", UIQueries.item, [1]),
            ("article document", UIQueries.articleDocument, [1]),
            ("article by alias", UIQueries.articleByAlias, ["https://a.example/"]),
            ("article links", UIQueries.articleLinks, [1]),
            ("related items", UIQueries.related, [1]),
            ("search hits", UIQueries.searchHits, ["\"word\"*", 0, 50]),
            ("search window edge", UIQueries.searchWindowEdge, ["\"word\"*", 19_999]),
            ("search count", UIQueries.searchCount, ["\"word\"*"]),
            ("search hits not queued", UIQueries.searchHitsNotQueued, ["\"word\"*", 0, 50]),
            ("search count not queued", UIQueries.searchCountNotQueued, ["\"word\"*"]),
            ("headline by id", UIQueries.headlinesByID, [1]),
            ("article candidates", UIQueries.articleCandidates, [1, 200]),
            ("story outlets", UIQueries.storyOutlets(count: 3), ["https://a.example/1", "https://a.example/2", "https://a.example/3"]),
            ("cluster items", UIQueries.clusterItems(count: 3), [1, 2, 3]),
            ("cluster headlines", UIQueries.clusterHeadlines, [1, 500]),
            // The writer's statements of clustering (docs/cache-schema.md, "Clusters").
            ("clusters: signatures after", ClusterQueries.signaturesAfter, [0, 0]),
            ("clusters: cluster of item", ClusterQueries.clusterOfItem, [1]),
            ("clusters: item for cluster", ClusterQueries.itemForCluster, [1]),
            ("clusters: prune signatures", ClusterQueries.pruneSignatures, [0]),
        ]
        let scopes: [ListScope] = [.section(SectionID(1)), .feed(FeedID(1)), .all, .unread, .saved]
        for scope in scopes {
            for unreadOnly in [false, true] {
                for upward in [false, true] {
                    for cursor in [UIQueries.top, sampleCursor] {
                        for clusters in [false, true] {
                            let (sql, args) = UIQueries.headlines(scope, unreadOnly: unreadOnly, cursor: cursor, upward: upward, limit: 50,
                                                                  clusters: clusters)
                            queries.append(("headlines \(scope) unreadOnly=\(unreadOnly) upward=\(upward) clusters=\(clusters)", sql, args))
                        }
                    }
                }
            }
        }
        let filters: [(String, ItemFilter)] = scopes.map { ("\($0)", ItemFilter.scope($0)) } + [
            ("full text", .fullText("\"word\"*")),
            ("full text unread", ItemFilter.fullText("\"word\"*").and(.unread)),
        ]
        for (name, filter) in filters {
            for cursor in [UIQueries.top, sampleCursor] {
                for limit in [nil, 50] as [Int?] {
                    let (sql, args) = UIQueries.listedItems(filter, cursor: cursor, limit: limit)
                    queries.append(("listed items \(name) limit=\(String(describing: limit))", sql, args))
                }
            }
        }
        queries += [
            ("all feed labels", UIQueries.allFeedLabels, []),
            ("item sort time", UIQueries.itemSortTime, [1]),
            ("largest item id", UIQueries.largestItemID, []),
            // The writer's statements of filters (docs/feeds-json.md, "Filters"): one probe per item of a feed with rules.
            ("hide: shown item", HiddenQueries.shownItem, [1, "x"]),
            ("hide: reveal", HiddenQueries.reveal, [1, "x"]),
            ("hide: a feed's items", HiddenQueries.feedItems, [1]),
            ("hide: a feed's hidden items", HiddenQueries.feedHidden, [1]),
            ("hide: past retention", HiddenQueries.pastRetention, [0, 500]),
        ]
        return queries
    }
}

extension Store {
    /// The plan of every UI query, by name.
    func uiQueryPlans() throws -> [(name: String, plan: [String])] {
        try UIQueryCatalogue.catalogue.map { (name, sql, arguments) in (name, try queryPlan(sql, arguments)) }
    }
}
