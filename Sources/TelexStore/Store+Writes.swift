import Foundation
import GRDB
import TelexModel
import TelexQuery

extension Store {
    /// Largest text kept per field: bounded input whatever the feed sends.
    static let maxTitle = 2_000
    static let maxHTML = 1_000_000
    static let maxShort = 2_000

    /// Marks items read or unread; the feed counters change in the same transaction.
    public func setRead(_ ids: [ItemID], _ read: Bool) throws {
        guard !ids.isEmpty else { return }
        try write { db in
            let update = try db.cachedStatement(sql: "UPDATE item SET read = ? WHERE id = ? AND read != ? RETURNING id, feed_id, account_id, remote_id, link_key, story_key")
            var deltas: [Int64: CounterDelta] = [:]
            for id in ids {
                if let row = try Row.fetchOne(update, arguments: [read, id.rawValue, read]) {
                    deltas[row["feed_id"], default: CounterDelta()].unread += read ? -1 : 1
                    try queueChange(db, row, .read, read)
                    try shareState(db, from: row, .read, read, deltas: &deltas)
                }
            }
            try apply(db, deltas)
        }
    }

    /// Saves or unsaves one item (saved items are never pruned).
    public func setSaved(_ id: ItemID, _ saved: Bool) throws {
        try write { db in try setSaved(db, id, saved) }
    }

    /// `setSaved` in the caller's transaction; false when the item already was so.
    @discardableResult
    func setSaved(_ db: Database, _ id: ItemID, _ saved: Bool) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "UPDATE item SET saved = ? WHERE id = ? AND saved != ? RETURNING id, feed_id, account_id, remote_id, link_key, story_key",
                                         arguments: [saved, id.rawValue, saved]) else { return false }
        var deltas: [Int64: CounterDelta] = [:]
        deltas[row["feed_id"], default: CounterDelta()].saved += saved ? 1 : -1
        try queueChange(db, row, .starred, saved)
        try shareState(db, from: row, .starred, saved, deltas: &deltas)
        try apply(db, deltas)
        return true
    }

    /// Marks every unread item of a scope read; returns the items that changed (undo: `setRead(ids, false)`).
    public func markAllRead(_ scope: ListScope) throws -> [ItemID] {
        if case .search(let query) = scope {
            let ids = try search(query, limit: 1000).filter { !$0.isRead }.map(\.id)
            try setRead(ids, true)
            return ids
        }
        return try write { db in
            let filter: String
            var arguments: StatementArguments = []
            switch scope {
            case .section(let id): filter = "section_id = ?"; arguments = [id.rawValue]
            case .feed(let id): filter = "feed_id = ?"; arguments = [id.rawValue]
            case .all, .unread, .search: filter = "1"
            case .saved: filter = "saved = 1"
            case .items(let ids):
                filter = ids.isEmpty ? "0" : "id IN (\(ids.map { String($0.rawValue) }.joined(separator: ",")))"
            case .query:
                let query = try Self.listFilter(db, scope)
                filter = query.sql; arguments = query.arguments
            }
            let rows = try Row.fetchAll(db, sql: "UPDATE item SET read = 1 WHERE read = 0 AND \(filter) RETURNING id, feed_id, account_id, remote_id, link_key, story_key",
                                        arguments: arguments)
            var deltas: [Int64: CounterDelta] = [:]
            var shared: [Int64] = []
            for row in rows {
                deltas[row["feed_id"], default: CounterDelta()].unread -= 1
                try queueChange(db, row, .read, true)
                shared += try shareState(db, from: row, .read, true, deltas: &deltas)
            }
            try apply(db, deltas)
            // Copies read along with the scope's items come back with them: undo unreads them too.
            return (rows.map { $0["id"] as Int64 } + shared).map(ItemID.init)
        }
    }

    /// Applies a batch of feed results in one transaction: items upserted on (feed, stable id) keeping
    /// read/saved state, fetch state updated, counters kept; `states` (304s, failures) change only the
    /// fetch state, in the same transaction. Keep batches to ~50 ms of work. Returns how many items were new.
    ///
    /// `indexing` says who writes the search rows of the items written: `.queued` (the default) queues them for the
    /// indexer, off the writer's path; `.inline` writes them here from the text the caller prepared (`PreparedItem`),
    /// for a caller that waits for the index anyway (`telex fetch`): one transaction instead of a queue row now and
    /// a second transaction later that reads the item back.
    @discardableResult
    public func applyFeedResults(_ results: [FeedResult], states: [FeedFetchState] = [],
                                 indexing: SearchIndexing = .queued) throws -> Int {
        guard !results.isEmpty || !states.isEmpty else { return 0 }
        return try write { db in
            for state in states { try updateFetchState(db, state) }
            var inserted = 0
            for result in results {
                guard let feedRow = try Row.fetchOne(db, sql: "SELECT section_id, hide_query FROM feed WHERE id = ?",
                                                     arguments: [result.feedID.rawValue]) else { continue }
                let sectionID: Int64? = feedRow["section_id"]
                try updateFetchState(db, result.state)
                if result.feedTitle != nil || result.siteLink != nil {
                    try db.execute(sql: "UPDATE feed SET feed_title = COALESCE(?, feed_title), site_link = COALESCE(?, site_link) WHERE id = ?",
                                   arguments: [result.feedTitle.map { Self.bounded($0, Self.maxTitle) },
                                               result.siteLink.map { Self.bounded($0, Self.maxShort) }, result.feedID.rawValue])
                }
                let firstSeen = StoreTime.milliseconds(result.state.attemptedAt)
                // The feed's hide rules, read after its title changed above (`feed:` may name it).
                let rules = feedRow["hide_query"] as String? == nil ? nil : try HideRules.load(db, feedID: result.feedID.rawValue)
                var delta = CounterDelta()
                for item in result.prepared {
                    var revealed: (read: Bool, firstSeen: Int64)?
                    if let rules {
                        if rules.hides(item, sortTime: StoreTime.sortTime(published: item.published, firstSeen: firstSeen),
                                       now: result.state.attemptedAt) {
                            if try hide(db, item, rules: rules, firstSeen: firstSeen) { continue }
                        } else {
                            revealed = try reveal(db, stableID: item.stableID, feedID: result.feedID.rawValue)
                        }
                    }
                    switch try upsert(db, item, feedID: result.feedID.rawValue, sectionID: sectionID, comesRead: revealed?.read ?? false,
                                      firstSeen: revealed?.firstSeen ?? firstSeen,
                                      indexing: indexing, awaitingPage: result.awaitingPage.contains(item.stableID)) {
                    case .inserted: delta.total += 1; delta.unread += 1
                    case .insertedRead: delta.total += 1
                    case .unchanged, .updated: break
                    }
                }
                inserted += delta.total
                try apply(db, [result.feedID.rawValue: delta])
            }
            return inserted
        }
    }

    /// A 304 or a failure: only the fetch state changes.
    public func recordFetchStates(_ feeds: [FeedFetchState]) throws {
        try applyFeedResults([], states: feeds)
    }

    /// Configured, enabled feeds with what a conditional GET and the scheduler need, in feeds.json order.
    public func feedsForFetching() throws -> [FeedFetchInfo] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT feed.*, section.name AS section_name FROM feed JOIN section ON section.id = feed.section_id
                WHERE feed.active = 1 AND feed.enabled = 1 AND feed.account_id IS NULL ORDER BY section.position, feed.position
                """).map { row in
                FeedFetchInfo(id: FeedID(row["id"]), url: row["url"], section: row["section_name"], etag: row["etag"],
                              lastModified: row["last_modified"], lastAttempt: StoreTime.date(row["last_attempt"] as Int64?),
                              lastSuccess: StoreTime.date(row["last_success"] as Int64?),
                              nextDue: StoreTime.date(row["next_due"] as Int64?),
                              consecutiveFailures: row["consecutive_failures"],
                              failingSince: StoreTime.date(row["failing_since"] as Int64?),
                              retryAfter: StoreTime.date(row["retry_after"] as Int64?),
                              permanentRedirect: row["permanent_redirect"], gone: row["gone"])
            }
        }
    }

    private func updateFetchState(_ db: Database, _ state: FeedFetchState) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE feed SET etag = ?, last_modified = ?, last_attempt = ?, last_success = COALESCE(?, last_success),
              next_due = ?, consecutive_failures = ?, status = ?, error = ?, failing_since = ?, retry_after = ?, warning = ?,
              http_status = ?, permanent_redirect = ?, gone = ?
            WHERE id = ?
            """)
        try statement.execute(arguments: [
            state.etag.map { Self.bounded($0, Self.maxShort) }, state.lastModified.map { Self.bounded($0, Self.maxShort) },
            StoreTime.milliseconds(state.attemptedAt), StoreTime.milliseconds(state.succeededAt),
            StoreTime.milliseconds(state.nextDue), state.consecutiveFailures,
            state.status == .new ? nil : state.status.rawValue,
            state.error.map { Self.bounded($0, Self.maxShort) }, StoreTime.milliseconds(state.failingSince),
            StoreTime.milliseconds(state.retryAfter), state.warning.map { Self.bounded($0, Self.maxShort) }, state.httpStatus,
            state.permanentRedirect.map { Self.bounded($0, Self.maxShort) }, state.gone, state.feedID.rawValue,
        ])
    }

    /// Inserts or updates one item. Read and saved state of an existing item are never touched; a new item is read
    /// when its story is (`Upserted.insertedRead`).
    /// `inheritingRead` false: an account's item, whose read state is the server's (`inheritLocalState`).
    /// `comesRead`: a new item is read anyway (one a hide rule no longer hides, read while hidden: `reveal`).
    func upsert(_ db: Database, _ item: PreparedItem, feedID: Int64, sectionID: Int64?, comesRead: Bool = false, firstSeen: Int64,
                indexing: SearchIndexing = .queued, awaitingPage: Bool = false, inheritingRead: Bool = true) throws -> Upserted {
        let find = try db.cachedStatement(sql: "SELECT id, content_hash, first_seen, article_id FROM item WHERE feed_id = ? AND stable_id = ?")
        if let existing = try Row.fetchOne(find, arguments: [feedID, item.stableID]) {
            if existing["content_hash"] as Int64 == item.hash { return .unchanged }
            let id: Int64 = existing["id"]
            let sortTime = StoreTime.sortTime(published: item.published, firstSeen: existing["first_seen"])
            let existingArticle: Int64? = existing["article_id"]
            let attachedArticle = try item.linkKey.flatMap { try self.articleID(db, forKey: $0) } ?? existingArticle
            let update = try db.cachedStatement(sql: """
                UPDATE item SET link = ?, link_key = ?, title = ?, author = ?, published = ?, updated = ?, summary_html = ?,
                  content_html = ?, content_hash = ?, sort_time = ?, article_id = ?, text_length = ?, story_key = ?, lang = ?,
                  lang_source = ? WHERE id = ?
                """)
            let lang = try language(db, item, article: attachedArticle)
            try update.execute(arguments: [item.link, item.linkKey, item.title, item.author, item.published, item.updated,
                                           item.summary, item.content, item.hash, sortTime, attachedArticle, item.textLength,
                                           try storyKey(db, linkKey: item.linkKey, article: attachedArticle), lang.lang, lang.source, id])
            try index(db, item, id: id, article: attachedArticle, indexing, awaitingPage: awaitingPage)
            return .updated
        }
        let sortTime = StoreTime.sortTime(published: item.published, firstSeen: firstSeen)
        let attachedArticle = try item.linkKey.flatMap { try self.articleID(db, forKey: $0) }
        let story = try storyKey(db, linkKey: item.linkKey, article: attachedArticle)
        // One story, one read state: a new outlet's copy of a story read elsewhere comes in read.
        let read = try comesRead || (inheritingRead ? story.map { try Self.storyIsRead(db, $0, otherThan: feedID) } ?? false : false)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO item(feed_id, section_id, stable_id, link, link_key, title, author, published, updated, summary_html,
              content_html, content_hash, first_seen, sort_time, article_id, text_length, story_key, read, lang, lang_source,
              cluster_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let lang = try language(db, item, article: attachedArticle)
        let cluster = try clusterOf(db, item, feedID: feedID, sortTime: sortTime, lang: lang.lang, now: firstSeen)
        try insert.execute(arguments: [feedID, sectionID, item.stableID, item.link, item.linkKey, item.title, item.author,
                                       item.published, item.updated, item.summary, item.content, item.hash, firstSeen, sortTime,
                                       attachedArticle, item.textLength, story, read, lang.lang, lang.source, cluster])
        let id = db.lastInsertedRowID
        try keepSignature(db, item, id: id, feedID: feedID, sortTime: sortTime, lang: lang.lang, now: firstSeen)
        try index(db, item, id: id, article: attachedArticle, indexing, awaitingPage: awaitingPage)
        return read ? .insertedRead : .inserted
    }

    /// What `upsert` did.
    enum Upserted {
        case unchanged, updated, inserted
        /// New, and read already: its story was read in another feed.
        case insertedRead
    }

    /// An item's language and where it came from (docs/queries.md, "Languages"): the feed's declaration, else its
    /// page's (when the page is cached already), else the guess from its script.
    func language(_ db: Database, _ item: PreparedItem, article: Int64?) throws -> (lang: String?, source: String?) {
        if let declared = item.declaredLang { return (declared, "feed") }
        if let article, let tag = try String.fetchOne(db.cachedStatement(sql: "SELECT lang FROM article WHERE id = ?"), arguments: [article]),
           let page = Language.primary(tag) {
            return (page, "page")
        }
        return item.guessedLang.map { ($0, "script") } ?? (nil, nil)
    }

    /// The story key of an item (`StoryKey`), from its link and the article it is attached to.
    func storyKey(_ db: Database, linkKey: String?, article: Int64?) throws -> String? {
        guard let article else { return StoryKey.of(linkKey: linkKey) }
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT url, canonical_url, status FROM article WHERE id = ?"),
                                   arguments: [article])
        return StoryKey.of(linkKey: linkKey, articleURL: row?["url"], canonical: row?["canonical_url"], articleStatus: row?["status"])
    }

    /// Whether another configured feed's copy of the story is read.
    static func storyIsRead(_ db: Database, _ key: String, otherThan feedID: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM item WHERE story_key = ? AND read = 1 AND section_id IS NOT NULL AND feed_id != ?)
            """), arguments: [key, feedID]) ?? false
    }

    /// The article a normalised URL leads to, if cached.
    func articleID(_ db: Database, forKey key: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT article_id FROM url_alias WHERE url = ?"), arguments: [key])
    }

    /// Queues an item whose search row is missing or stale, in the caller's transaction: the indexer
    /// (`indexPending`) writes the row later, off the pass's critical path; until then search scans the queue.
    func queueForIndex(_ db: Database, _ id: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO search_queue(item_id, version) VALUES (?, random()) ON CONFLICT(item_id) DO UPDATE SET version = random()
            """).execute(arguments: [id])
    }

    /// The search row of an item just written: queued, or written now from the text its parse task prepared with
    /// its page's text (and taken off the queue, where an earlier write may have left it). An item without a page
    /// whose page the pass is expected to save (`PagesAhead`) is queued even inline: saving the page queues it
    /// again, and the indexer then writes its row once, with the page's text.
    private func index(_ db: Database, _ item: PreparedItem, id: Int64, article: Int64?, _ indexing: SearchIndexing,
                       awaitingPage: Bool) throws {
        switch indexing {
        case .queued:
            try queueForIndex(db, id)
        case .inline where article == nil && awaitingPage:
            try queueForIndex(db, id)
        case .inline:
            let articleText = try article.flatMap {
                try String.fetchOne(db.cachedStatement(sql: "SELECT substr(plain_text, 1, 65536) FROM article WHERE id = ?"),
                                    arguments: [$0])
            } ?? ""
            try writeSearchRow(db, id: id, text: SearchText(title: item.searchTitle, body: item.searchBody, article: articleText))
            try db.cachedStatement(sql: "DELETE FROM search_queue WHERE item_id = ?").execute(arguments: [id])
        }
    }

    static func bounded(_ text: String, _ limit: Int) -> String {
        text.utf8.count <= limit ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit / 4)))
    }
}

/// A stable 64-bit FNV-1a hash of an item's fields, to skip rewriting unchanged items on refetch
/// (Swift's Hasher is seeded per process, so it cannot be stored).
enum ContentHash {
    static func of(_ fields: [String?]) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for field in fields {
            var text = field ?? "\u{0}"
            text.withUTF8 { bytes in
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            }
            hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }
}
