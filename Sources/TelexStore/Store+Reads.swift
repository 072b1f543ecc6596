import Foundation
import GRDB
import TelexModel

extension Store {
    /// Configured sections in feeds.json order, each with its feeds and their counters.
    public func sections() throws -> [SectionSummary] {
        try read { db in
            var sections = try Row.fetchAll(db, sql: UIQueries.sections).map { row in
                SectionSummary(id: SectionID(row["id"]), name: row["name"])
            }
            var index: [Int64: Int] = [:]
            for (i, s) in sections.enumerated() { index[s.id.rawValue] = i }
            for row in try Row.fetchAll(db, sql: UIQueries.sectionFeeds) {
                guard let i = index[row["section_id"]] else { continue }
                let feed = FeedSummary(id: FeedID(row["id"]), url: row["url"],
                                       title: FeedName.display(title: row["title"], feedTitle: row["feed_title"], url: row["url"]),
                                       unread: row["unread_count"], total: row["total_count"], health: Self.health(row))
                sections[i].feeds.append(feed)
                sections[i].unread += feed.unread
                sections[i].total += feed.total
            }
            return sections
        }
    }

    /// How many items are saved (from the feed counters, not a count of rows).
    public func savedCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: UIQueries.savedCount) ?? 0 }
    }

    /// The page of headlines after `cursor` (the first page when nil), newest first.
    ///
    /// A search scope returns its top results ranked by relevance, in one page: there is no page after it.
    public func headlines(_ scope: ListScope, after cursor: ListCursor?, limit: Int) throws -> [Headline] {
        try headlines(scope, unreadOnly: false, after: cursor, limit: limit)
    }

    /// The page after `cursor`, only unread items when `unreadOnly` (backed by the partial unread indexes).
    public func headlines(_ scope: ListScope, unreadOnly: Bool, after cursor: ListCursor?, limit: Int) throws -> [Headline] {
        if case .search(let query) = scope {
            guard cursor == nil else { return [] }
            let hits = try search(query, limit: limit)
            return unreadOnly ? hits.filter { !$0.isRead } : hits
        }
        if case .items(let ids) = scope {
            guard cursor == nil else { return [] }
            let rows = try read { db in
                let byID = try db.cachedStatement(sql: UIQueries.headlinesByID)
                return try Self.headlinesWithOutlets(db, ids.prefix(Self.pageLimit(limit)).compactMap { id in
                    try Row.fetchOne(byID, arguments: [id.rawValue])
                })
            }
            return unreadOnly ? rows.filter { !$0.isRead } : rows
        }
        return try read { db in
            let (sql, arguments) = UIQueries.headlines(try Self.listFilter(db, scope), unreadOnly: unreadOnly && scope != .unread,
                                                       cursor: cursor.map(Self.key) ?? UIQueries.top, upward: false,
                                                       limit: Self.pageLimit(limit), clusters: groupsClusters(scope))
            return try Self.headlinesWithOutlets(db, Row.fetchAll(db, sql: sql, arguments: arguments))
        }
    }

    /// The page of headlines just before `cursor` (newer ones, for paging upward), newest first.
    public func headlines(_ scope: ListScope, before cursor: ListCursor, limit: Int) throws -> [Headline] {
        try headlines(scope, unreadOnly: false, before: cursor, limit: limit)
    }

    /// The page just before `cursor`, only unread items when `unreadOnly`.
    public func headlines(_ scope: ListScope, unreadOnly: Bool, before cursor: ListCursor, limit: Int) throws -> [Headline] {
        switch scope {
        case .search, .items: return []
        default: break
        }
        return try read { db in
            let (sql, arguments) = UIQueries.headlines(try Self.listFilter(db, scope), unreadOnly: unreadOnly && scope != .unread,
                                                       cursor: Self.key(cursor), upward: true, limit: Self.pageLimit(limit),
                                                       clusters: groupsClusters(scope))
            return try Self.headlinesWithOutlets(db, Row.fetchAll(db, sql: sql, arguments: arguments)).reversed()
        }
    }

    /// How many items a scope holds (from the counters; a search or a saved query counts its matches).
    public func count(_ scope: ListScope) throws -> Int {
        try read { db in
            switch scope {
            case .section(let id): return try Int.fetchOne(db, sql: UIQueries.sectionTotal, arguments: [id.rawValue]) ?? 0
            case .feed(let id): return try Int.fetchOne(db, sql: UIQueries.feedTotal, arguments: [id.rawValue]) ?? 0
            case .all: return try Int.fetchOne(db, sql: UIQueries.allTotal) ?? 0
            case .unread: return try Int.fetchOne(db, sql: UIQueries.allUnread) ?? 0
            case .saved: return try Int.fetchOne(db, sql: UIQueries.savedCount) ?? 0
            case .query:
                let filter = try Self.listFilter(db, scope, counting: true)
                return try Int.fetchOne(db, sql: UIQueries.count(filter), arguments: filter.arguments) ?? 0
            case .search(let query):
                switch try Self.searchPlan(query, counting: true) {
                case .nothing: return 0
                case .ranked(let match): return try searchCount(db, match: match)
                case .filtered(let filter): return try Int.fetchOne(db, sql: UIQueries.count(filter), arguments: filter.arguments) ?? 0
                }
            case .items(let ids):
                let byID = try db.cachedStatement(sql: UIQueries.headlinesByID)
                return try ids.filter { try Row.fetchOne(byID, arguments: [$0.rawValue]) != nil }.count
            }
        }
    }

    /// How many unread items a scope holds (from the counters).
    public func unreadCount(_ scope: ListScope) throws -> Int {
        try read { db in
            switch scope {
            case .section(let id): return try Int.fetchOne(db, sql: UIQueries.sectionUnread, arguments: [id.rawValue]) ?? 0
            case .feed(let id): return try Int.fetchOne(db, sql: UIQueries.feedUnread, arguments: [id.rawValue]) ?? 0
            case .all, .unread: return try Int.fetchOne(db, sql: UIQueries.allUnread) ?? 0
            case .query:
                let filter = try Self.listFilter(db, scope, counting: true).and(.unread)
                return try Int.fetchOne(db, sql: UIQueries.count(filter), arguments: filter.arguments) ?? 0
            case .saved, .search, .items: return 0
            }
        }
    }

    /// One item with its article (when one is cached for its link).
    public func item(_ id: ItemID) throws -> ItemDetail? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: UIQueries.item, arguments: [id.rawValue]) else { return nil }
            var detail = ItemDetail(headline: try Self.headlinesWithOutlets(db, [row])[0], author: row["author"],
                                    published: StoreTime.date(row["published"] as Int64?),
                                    summaryHTML: row["summary_html"], contentHTML: row["content_html"])
            if let articleID: Int64 = row["article_id"],
               let article = try Row.fetchOne(db, sql: UIQueries.articleDocument, arguments: [articleID]) {
                detail.articleJSON = article["document"]
                detail.articleURL = article["url"]
            }
            return detail
        }
    }

    /// Feed titles, URLs and section names of the given feeds (for printing lists).
    public func feedLabels(_ ids: Set<FeedID>) throws -> [FeedID: (title: String, url: String, section: String?)] {
        try read { db in
            var labels: [FeedID: (title: String, url: String, section: String?)] = [:]
            for id in ids {
                if let row = try Row.fetchOne(db, sql: UIQueries.feedLabel, arguments: [id.rawValue]) {
                    labels[id] = (FeedName.display(title: row["title"], feedTitle: row["feed_title"], url: row["url"]),
                                  row["url"], row["section_name"])
                }
            }
            return labels
        }
    }

    static func pageLimit(_ limit: Int) -> Int { max(0, min(limit, 10_000)) }

    static func key(_ cursor: ListCursor) -> (Int64, Int64) { (StoreTime.milliseconds(cursor.sortTime), cursor.id.rawValue) }

    /// A feed row's fetch state as the reader shows it.
    static func health(_ row: Row) -> FeedHealth {
        let status: String? = row["status"]
        return FeedHealth(status: status.flatMap(FeedHealth.Status.init(rawValue:)) ?? .new, message: row["error"],
                          failingSince: StoreTime.date(row["failing_since"] as Int64?), nextTry: StoreTime.date(row["next_due"] as Int64?),
                          retryAfter: StoreTime.date(row["retry_after"] as Int64?), warning: row["warning"], gone: row["gone"],
                          lastSuccess: StoreTime.date(row["last_success"] as Int64?))
    }

    /// Rows of `headlineColumns` as headlines, each with the other outlets of its story and its cluster's other
    /// outlets (one probe of each index per row: a page, never a table).
    static func headlinesWithOutlets(_ db: Database, _ rows: [Row]) throws -> [Headline] {
        var headlines = rows.map(headline)
        var seen = headlines.map { Set([$0.feedID.rawValue]) }
        let keys = Array(Set(rows.compactMap { $0["story_key"] as String? }))
        if !keys.isEmpty {
            var outlets: [String: [(feed: Int64, name: String)]] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: UIQueries.storyOutlets(count: keys.count)), arguments: StatementArguments(keys)) {
                outlets[row[0], default: []].append((row[1], FeedName.display(title: row[2], feedTitle: row[3], url: row[4])))
            }
            for (i, row) in rows.enumerated() {
                guard let key: String = row["story_key"], let feeds = outlets[key] else { continue }
                headlines[i].alsoIn = feeds.filter { seen[i].insert($0.feed).inserted }.prefix(20).map(\.name)
            }
        }
        let clusters = Array(Set(rows.compactMap { $0["cluster_id"] as Int64? }))
        guard !clusters.isEmpty else { return headlines }
        var members: [Int64: [(coverage: Coverage, story: String?)]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: UIQueries.clusterItems(count: clusters.count)),
                                    arguments: StatementArguments(clusters)) {
            let coverage = Coverage(id: ItemID(row[1]), feedID: FeedID(row[2]), source: FeedName.display(title: row[6], feedTitle: row[7], url: row[8]),
                                    title: row[3], sortTime: StoreTime.date(row[4] as Int64))
            members[row[0], default: []].append((coverage, row[5]))
        }
        for (i, row) in rows.enumerated() {
            guard let cluster: Int64 = row["cluster_id"], let items = members[cluster] else { continue }
            let story: String? = row["story_key"]
            // One per outlet, its newest, none of the story's own copies.
            headlines[i].coverage = items.filter { item in
                (story == nil || item.story != story) && seen[i].insert(item.coverage.feedID.rawValue).inserted
            }.prefix(20).map(\.coverage)
        }
        return headlines
    }

    /// The items of a headline's cluster (docs/cache-schema.md, "Clusters"), newest first, the headline's own among
    /// them; just the headline when it is in none. At most `limit`.
    public func clusterHeadlines(of id: ItemID, limit: Int = 500) throws -> [Headline] {
        try read { db in
            guard let cluster = try Int64.fetchOne(db.cachedStatement(sql: ClusterQueries.clusterOfItem),
                                                   arguments: [id.rawValue]) else {
                return try Self.headlinesWithOutlets(db, Row.fetchAll(db.cachedStatement(sql: UIQueries.headlinesByID),
                                                                      arguments: [id.rawValue]))
            }
            let rows = try Row.fetchAll(db.cachedStatement(sql: UIQueries.clusterHeadlines),
                                        arguments: [cluster, Self.pageLimit(limit)])
            return try Self.headlinesWithOutlets(db, rows)
        }
    }

    /// Whether lists show a cluster once (the `group_stories` setting; on unless turned off).
    public var groupsStories: Bool {
        get { storyGrouping.load(ordering: .relaxed) }
        set { storyGrouping.store(newValue, ordering: .relaxed) }
    }

    func groupsClusters(_ scope: ListScope) -> Bool { groupsStories && UIQueries.groupsClusters(scope) }

    static func headline(_ row: Row) -> Headline {
        Headline(id: ItemID(row["id"]), feedID: FeedID(row["feed_id"]), title: row["title"],
                 source: FeedName.display(title: row["feed_config_title"], feedTitle: row["feed_title"], url: row["feed_url"]),
                 link: row["link"], sortTime: StoreTime.date(row["sort_time"] as Int64), isRead: row["read"],
                 isSaved: row["saved"])
    }
}

extension Store {
    /// Titles of the items of `feeds` first seen at or after `since` (a pass's new items, for its
    /// notification), newest first, at most `limit`. Each feed's items are found through its
    /// (feed, stable id) index, so the cost is that of the feeds that changed, not of the cache.
    public func titlesFirstSeen(feeds: [FeedID], since: Date, limit: Int) throws -> [String] {
        guard !feeds.isEmpty, limit > 0 else { return [] }
        return try read { db in
            var rows: [(sort: Int64, title: String)] = []
            let statement = try db.cachedStatement(sql: "SELECT sort_time, title FROM item WHERE feed_id = ? AND first_seen >= ?")
            for feed in feeds {
                let cursor = try Row.fetchCursor(statement, arguments: [feed.rawValue, StoreTime.milliseconds(since)])
                while let row = try cursor.next() { rows.append((row[0] ?? 0, row[1] ?? "")) }
            }
            return rows.sorted { $0.sort > $1.sort }.prefix(limit).map(\.title)
        }
    }
}
