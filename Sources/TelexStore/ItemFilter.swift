import GRDB
import TelexModel

/// A condition on `item` rows as SQL, the one place list filters are written (scopes, unread, full text,
/// and the query language compiled by `QueryCompiler`). Every filter keeps the list an index range on
/// `(sort_time, id)` or a lookup: `QueryPlanTests` runs each kind through `EXPLAIN QUERY PLAN`.
struct ItemFilter {
    var sql: String
    var arguments: StatementArguments

    init(_ sql: String, _ arguments: StatementArguments = []) {
        self.sql = sql
        self.arguments = arguments
    }

    /// The items a scope of the sections pane holds. All and Unread hold configured feeds' items only.
    static func scope(_ scope: ListScope) -> ItemFilter {
        switch scope {
        case .section(let id): return ItemFilter("item.section_id = ?", [id.rawValue])
        case .feed(let id): return ItemFilter("item.feed_id = ?", [id.rawValue])
        case .all: return ItemFilter("item.section_id IS NOT NULL")
        case .unread: return ItemFilter("item.read = 0 AND item.section_id IS NOT NULL")
        case .saved: return ItemFilter("item.saved = 1")
        case .query:
            // Its query is in the cache: `Store.listFilter` reads it. Never reached through here.
            return ItemFilter("0")
        case .search(let text):
            guard let match = SearchQuery.matchExpression(text) else { return ItemFilter("0") }
            return fullText(match)
        case .items(let ids):
            // A lookup of each id (the list is bounded by the caller: `ReaderPlace.maxPositions`).
            guard !ids.isEmpty else { return ItemFilter("0") }
            return ItemFilter("+item.id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ",")))",
                              StatementArguments(ids.map(\.rawValue)))
        }
    }

    static let unread = ItemFilter("item.read = 0")

    /// Items whose indexed text matches an FTS5 expression; a removed feed's items only when saved (as search).
    /// The `+` keeps SQLite walking the list's `(sort_time, id)` index and testing membership in the set of
    /// matching rowids, which it builds once per statement, instead of sorting every match.
    static func fullText(_ match: String) -> ItemFilter {
        matching(match).and(ItemFilter("item.section_id IS NOT NULL OR item.saved = 1"))
    }

    /// Items whose indexed text matches an FTS5 expression (a term of the query language).
    ///
    /// In a list, the `+` keeps the walk on the list's order index (see `fullText`). `counting`: no `+`, so a count
    /// looks the matching rowids up (work in proportion to the matches) instead of walking every item of the scope.
    static func matching(_ match: String, counting: Bool = false) -> ItemFilter {
        ItemFilter((counting ? "" : "+") + "item.id IN (SELECT rowid FROM item_fts WHERE item_fts MATCH ?)", [match])
    }

    /// One row per story (docs/cache-schema.md, "Stories"): an item is listed unless a newer copy of its story
    /// (same `story_key`) in another feed passes the same filter; the story shows once, at its newest copy's place
    /// (a feed's own items with one link all stay: `StoryKey`). One probe of
    /// the `item_story` index per row the list walks. The filter is written again over the copy (`item.` is the
    /// only table prefix filters use).
    func oneRowPerStory() -> ItemFilter {
        let copy = sql.replacingOccurrences(of: "item.", with: "story_copy.")
        return and(ItemFilter("""
            item.story_key IS NULL OR NOT EXISTS (SELECT 1 FROM item AS story_copy WHERE story_copy.story_key = item.story_key
              AND story_copy.feed_id != item.feed_id AND (story_copy.sort_time, story_copy.id) > (item.sort_time, item.id)
              AND (\(copy)))
            """, arguments))
    }

    /// One row per story and per cluster (docs/cache-schema.md, "Clusters"): as `oneRowPerStory`, and an item is
    /// listed unless a newer item of its cluster from another feed passes this filter (an outlet's follow-ups all stay). One probe of the `item_cluster` index per row the
    /// list walks (items in no cluster: none).
    func oneRowPerCluster() -> ItemFilter {
        let copy = sql.replacingOccurrences(of: "item.", with: "cluster_copy.")
        return oneRowPerStory().and(ItemFilter("""
            item.cluster_id IS NULL OR NOT EXISTS (SELECT 1 FROM item AS cluster_copy WHERE cluster_copy.cluster_id = item.cluster_id
              AND cluster_copy.feed_id != item.feed_id AND (cluster_copy.sort_time, cluster_copy.id) > (item.sort_time, item.id) AND (\(copy)))
            """, arguments))
    }

    /// Both conditions (`other` nil: this one).
    func and(_ other: ItemFilter?) -> ItemFilter {
        guard let other else { return self }
        return ItemFilter("(\(sql)) AND (\(other.sql))", arguments + other.arguments)
    }
}
