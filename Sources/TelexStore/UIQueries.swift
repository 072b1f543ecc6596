import GRDB
import TelexModel

/// Every query a front end runs, in one place so a test can check each plan uses an index
/// (no SCAN of items, articles or links; no TEMP B-TREE).
enum UIQueries {
    /// The columns of a Headline. `CROSS JOIN` fixes the join order: items first (by index), then their feed.
    static let headlineColumns = """
        item.id, item.feed_id, item.title, item.link, item.sort_time, item.read, item.saved, item.story_key, item.cluster_id,
        feed.title AS feed_config_title, feed.feed_title, feed.url AS feed_url
        """
    /// The configured feeds that carry each of `count` stories ("also in"), by the story index: one statement per page.
    static func storyOutlets(count: Int) -> String {
        """
        SELECT item.story_key, item.feed_id, feed.title, feed.feed_title, feed.url FROM item CROSS JOIN feed ON feed.id = item.feed_id
        WHERE item.story_key IN (\(Array(repeating: "?", count: max(1, count)).joined(separator: ", "))) AND item.section_id IS NOT NULL
        """
    }

    /// The configured feeds' items of each of `count` clusters, newest first, by the cluster index: one statement per page.
    static func clusterItems(count: Int) -> String {
        """
        SELECT item.cluster_id, item.id, item.feed_id, item.title, item.sort_time, item.story_key,
          feed.title, feed.feed_title, feed.url FROM item CROSS JOIN feed ON feed.id = item.feed_id
        WHERE item.cluster_id IN (\(Array(repeating: "?", count: max(1, count)).joined(separator: ", "))) AND item.section_id IS NOT NULL
        ORDER BY item.cluster_id, item.sort_time DESC, item.id DESC
        """
    }

    /// A cursor above every row: the first page is a keyset search too, never a SCAN.
    static let top: (Int64, Int64) = (Int64.max, Int64.max)

    static let sections = "SELECT id, name FROM section ORDER BY position"
    static let sectionFeeds = """
        SELECT id, section_id, url, title, feed_title, unread_count, total_count, status, error, failing_since, next_due,
          retry_after, warning, gone, last_success
        FROM feed WHERE section_id IS NOT NULL ORDER BY section_id, position
        """
    static let savedQueries = "SELECT id, name, query FROM saved_query ORDER BY position"
    static let savedQueryText = "SELECT query FROM saved_query WHERE id = ?"
    static let savedCount = "SELECT COALESCE(SUM(saved_count), 0) FROM feed"
    static let sectionTotal = "SELECT COALESCE(SUM(total_count), 0) FROM feed WHERE section_id = ?"
    static let sectionUnread = "SELECT COALESCE(SUM(unread_count), 0) FROM feed WHERE section_id = ?"
    static let feedTotal = "SELECT total_count FROM feed WHERE id = ?"
    static let feedUnread = "SELECT unread_count FROM feed WHERE id = ?"
    /// All and Unread hold the items of configured feeds (a removed feed's saved items stay in Saved).
    static let allTotal = "SELECT COALESCE(SUM(total_count), 0) FROM feed WHERE active = 1"
    static let allUnread = "SELECT COALESCE(SUM(unread_count), 0) FROM feed WHERE active = 1"
    static let feedLabel = """
        SELECT feed.url, feed.title, feed.feed_title, section.name AS section_name
        FROM feed LEFT JOIN section ON section.id = feed.section_id WHERE feed.id = ?
        """
    static let item = """
        SELECT \(headlineColumns), item.author, item.published, item.summary_html, item.content_html, item.article_id
        FROM item CROSS JOIN feed ON feed.id = item.feed_id WHERE item.id = ?
        """
    static let articleDocument = "SELECT url, document FROM article WHERE id = ?"
    static let articleByAlias = """
        SELECT article.* FROM url_alias CROSS JOIN article ON article.id = url_alias.article_id WHERE url_alias.url = ?
        """
    static let articleLinks = "SELECT url, text, kind FROM link WHERE article_id = ? ORDER BY position"
    static let related = """
        SELECT \(headlineColumns) FROM link
        CROSS JOIN url_alias ON url_alias.url = link.url_key
        CROSS JOIN item ON item.article_id = url_alias.article_id
        CROSS JOIN feed ON feed.id = item.feed_id
        WHERE link.article_id = ? AND link.kind = 'related' AND url_alias.article_id != link.article_id
        ORDER BY link.position
        """
    static let searchHits = "SELECT rowid FROM item_fts WHERE item_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?"
    /// The rowid of the N-th newest match (bounded OFFSET over one term's doclist, not over a table).
    static let searchWindowEdge = "SELECT rowid FROM item_fts WHERE item_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?"
    static let searchCount = "SELECT COUNT(*) FROM item_fts WHERE item_fts MATCH ?"
    /// The same, leaving out items waiting in the search queue (their indexed row is stale or missing).
    static let searchHitsNotQueued = """
        SELECT rowid FROM item_fts WHERE item_fts MATCH ? AND rowid >= ?
          AND NOT EXISTS (SELECT 1 FROM search_queue WHERE item_id = item_fts.rowid) ORDER BY rank LIMIT ?
        """
    static let searchCountNotQueued = """
        SELECT COUNT(*) FROM item_fts WHERE item_fts MATCH ?
          AND NOT EXISTS (SELECT 1 FROM search_queue WHERE item_id = item_fts.rowid)
        """
    /// A feed's newest items for the article pass (the feed's HTML only when its text length is unknown).
    static let articleCandidates = """
        SELECT id, link, article_id, text_length,
          CASE WHEN text_length IS NULL THEN summary_html END AS summary_html,
          CASE WHEN text_length IS NULL THEN content_html END AS content_html
        FROM item WHERE feed_id = ? ORDER BY sort_time DESC, id DESC LIMIT ?
        """
    static let headlinesByID = "SELECT \(headlineColumns) FROM item CROSS JOIN feed ON feed.id = item.feed_id WHERE item.id = ?"
    /// The configured feeds' items of a cluster, newest first (`Store.clusterHeadlines`).
    static let clusterHeadlines = """
        SELECT \(headlineColumns) FROM item CROSS JOIN feed ON feed.id = item.feed_id
        WHERE item.cluster_id = ? AND item.section_id IS NOT NULL ORDER BY item.sort_time DESC, item.id DESC LIMIT ?
        """
    /// A search hit, unless it belongs to a removed feed and is not saved.
    static let searchHeadlineByID = "\(headlinesByID) AND (item.section_id IS NOT NULL OR item.saved = 1)"

    /// A page of a newest-first list below (or, `upward`, above) the cursor, by keyset on (sort_time, id).
    /// `unreadOnly` adds `read = 0`, which selects the partial unread indexes.
    static func headlines(_ scope: ListScope, unreadOnly: Bool = false, cursor: (Int64, Int64), upward: Bool, limit: Int,
                          clusters: Bool = false) -> (String, StatementArguments) {
        headlines(ItemFilter.scope(scope), unreadOnly: unreadOnly && scope != .unread, cursor: cursor, upward: upward, limit: limit,
                  clusters: clusters && groupsClusters(scope))
    }

    /// The same for a filter already made (a saved query's, read from the cache).
    static func headlines(_ filter: ItemFilter, unreadOnly: Bool, cursor: (Int64, Int64), upward: Bool, limit: Int,
                          clusters: Bool = false) -> (String, StatementArguments) {
        headlines(filter.and(unreadOnly ? .unread : nil), cursor: cursor, upward: upward, limit: limit, clusters: clusters)
    }

    /// Whether a scope's list shows a cluster once (`clusters` on): every list but a feed's own (which shows its items)
    /// and a list of named items.
    static func groupsClusters(_ scope: ListScope) -> Bool {
        switch scope {
        case .feed, .items, .search: return false
        case .section, .all, .unread, .saved, .query: return true
        }
    }

    /// A page of headlines matching a filter, below (or, `upward`, above) the cursor, one row per story, and per
    /// cluster when `clusters`.
    static func headlines(_ filter: ItemFilter, cursor: (Int64, Int64), upward: Bool, limit: Int,
                          clusters: Bool = false) -> (String, StatementArguments) {
        let filter = clusters ? filter.oneRowPerCluster() : filter.oneRowPerStory()
        let comparison = upward ? ">" : "<"
        let order = upward ? "ASC" : "DESC"
        let sql = """
            SELECT \(headlineColumns) FROM item CROSS JOIN feed ON feed.id = item.feed_id
            WHERE \(filter.sql) AND (item.sort_time, item.id) \(comparison) (?, ?)
            ORDER BY item.sort_time \(order), item.id \(order) LIMIT ?
            """
        return (sql, filter.arguments + [cursor.0, cursor.1, limit])
    }

    /// Every item matching a filter below the cursor, newest first, for streamed outputs; `limit` nil: all.
    /// Feed and section names come from `allFeedLabels`, read once, not joined per row.
    static func listedItems(_ filter: ItemFilter, cursor: (Int64, Int64), limit: Int?) -> (String, StatementArguments) {
        let sql = """
            SELECT item.id, item.feed_id, item.title, item.link, item.sort_time, item.read, item.saved, item.published,
              item.author
            FROM item WHERE \(filter.sql) AND (item.sort_time, item.id) < (?, ?)
            ORDER BY item.sort_time DESC, item.id DESC LIMIT ?
            """
        return (sql, filter.arguments + [cursor.0, cursor.1, limit ?? -1])
    }

    /// How many items match a filter (a saved query's counts; the filter compiled for counting).
    static func count(_ filter: ItemFilter) -> String { "SELECT COUNT(*) FROM item WHERE \(filter.sql)" }

    static let allFeedLabels = """
        SELECT feed.id, feed.title, feed.feed_title, feed.url, section.name FROM feed LEFT JOIN section ON section.id = feed.section_id
        """
    static let itemSortTime = "SELECT sort_time FROM item WHERE id = ?"
    static let largestItemID = "SELECT MAX(id) FROM item"
}
