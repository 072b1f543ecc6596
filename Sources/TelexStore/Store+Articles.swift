import Foundation
import GRDB
import TelexModel

extension Store {
    /// Stores a fetched page. The requested, final and canonical URLs (normalised) all become aliases of one
    /// article row, so the same page reached from several feeds or links is stored once; items whose link
    /// leads to it are attached and their search rows gain its text.
    ///
    /// Two rules keep one page from taking over another's place (cache poisoning): an alias that is an
    /// article's own URL (the page was fetched from it) is never moved to another article, and a failure
    /// never replaces a page already saved for that URL.
    public func saveArticle(_ article: ArticleRecord) throws -> ArticleID {
        try write { db in try save(db, article) }
    }

    /// Saves several articles in one transaction (keep batches to ~50 ms of work).
    public func saveArticles(_ articles: [ArticleRecord]) throws -> [ArticleID] {
        try write { db in try articles.map { try save(db, $0) } }
    }

    private func save(_ db: Database, _ article: ArticleRecord) throws -> ArticleID {
        let mainKey = URLNormalizer.normalize(article.finalURL)
        let requestedKey = URLNormalizer.normalize(article.requestedURL)
        if article.status.isFailure {
            for key in [requestedKey, mainKey] {
                if let saved = try articleID(db, forKey: key),
                   let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM article WHERE id = ?"), arguments: [saved]),
                   !(ArticleStatus(rawValue: status)?.isFailure ?? true) {
                    return ArticleID(saved)
                }
            }
        }
        let keys = [mainKey, requestedKey, article.canonicalURL.map(URLNormalizer.normalize)].compactMap { $0 }.filter { !$0.isEmpty }
        var id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM article WHERE url = ?"), arguments: [Self.bounded(mainKey, Self.maxShort)])
        let values: StatementArguments = [
            article.canonicalURL.map { Self.bounded(URLNormalizer.normalize($0), Self.maxShort) }, article.status.rawValue,
            article.httpStatus, StoreTime.milliseconds(article.fetchedAt), article.title.map { Self.bounded($0, Self.maxTitle) },
            article.documentJSON, article.plainText.map { Self.bounded($0, 4 * Self.maxHTML) },
            article.error.map { Self.bounded($0, Self.maxShort) }, article.attempts, StoreTime.milliseconds(article.retryAt),
            article.language.map { Self.bounded($0, 64) },
        ]
        if let existing = id {
            try db.cachedStatement(sql: """
                UPDATE article SET canonical_url = ?, status = ?, http_status = ?, fetched_at = ?, title = ?, document = ?,
                  plain_text = ?, error = ?, attempts = ?, retry_at = ?, lang = ? WHERE id = ?
                """).execute(arguments: values + [existing])
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO article(canonical_url, status, http_status, fetched_at, title, document, plain_text, error, attempts,
                  retry_at, lang, url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: values + [Self.bounded(mainKey, Self.maxShort)])
            id = db.lastInsertedRowID
        }
        let articleID = id!
        // Point each alias here, unless it is the own URL of another saved page; then attach the items
        // whose link is an alias that now leads here.
        let upsertAlias = try db.cachedStatement(sql: """
            INSERT INTO url_alias(url, article_id) VALUES (?1, ?2)
            ON CONFLICT(url) DO UPDATE SET article_id = excluded.article_id
            WHERE url_alias.article_id != excluded.article_id AND NOT EXISTS (
              SELECT 1 FROM article WHERE article.id = url_alias.article_id AND article.url = url_alias.url
                AND article.status NOT IN ('failed', 'not-web-page'))
            """)
        var ownKeys: [String] = []
        for key in Set(keys).map({ Self.bounded($0, Self.maxShort) }) {
            try upsertAlias.execute(arguments: [key, articleID])
            if try self.articleID(db, forKey: key) == articleID { ownKeys.append(key) }
        }
        try db.cachedStatement(sql: "DELETE FROM link WHERE article_id = ?").execute(arguments: [articleID])
        let insertLink = try db.cachedStatement(sql: """
            INSERT INTO link(article_id, position, kind, url, url_key, text) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (position, link) in article.links.prefix(5_000).enumerated() {
            try insertLink.execute(arguments: [articleID, position, link.kind.rawValue, Self.bounded(link.url, Self.maxShort),
                                               Self.bounded(URLNormalizer.normalize(link.url), Self.maxShort),
                                               Self.bounded(link.text, Self.maxShort)])
        }
        if let images = article.images { try saveImages(db, images, articleID: articleID, fetchedAt: article.fetchedAt) }
        for key in ownKeys {
            try db.cachedStatement(sql: "UPDATE item SET article_id = ? WHERE link_key = ? AND link_key IS NOT NULL").execute(arguments: [articleID, key])
        }
        // Their story is the page's (its canonical link, or where the redirects ended): one story in every list.
        let stored = try Row.fetchOne(db.cachedStatement(sql: "SELECT url, canonical_url, status FROM article WHERE id = ?"), arguments: [articleID])
        if let story = StoryKey.articleKey(url: stored?["url"], canonical: stored?["canonical_url"], status: stored?["status"]) {
            try db.cachedStatement(sql: "UPDATE item SET story_key = ? WHERE article_id = ? AND story_key IS NOT ?").execute(arguments: [story, articleID, story])
        }
        // Their language is the page's unless their feed declared one (docs/queries.md, "Languages").
        if let lang = article.language.flatMap(Language.primary) {
            try db.cachedStatement(sql: """
                UPDATE item SET lang = ?, lang_source = 'page'
                WHERE article_id = ? AND article_id IS NOT NULL AND (lang_source IS NULL OR lang_source = 'script') AND lang IS NOT ?
                """).execute(arguments: [lang, articleID, lang])
        }
        // Their search rows gain the page's text when the indexer rewrites them.
        for itemID in try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM item WHERE article_id = ? AND article_id IS NOT NULL"), arguments: [articleID]) {
            try queueForIndex(db, itemID)
        }
        return ArticleID(articleID)
    }

    /// The newest items of a feed (at most `window`) whose page a pass may fetch: those without an article,
    /// and those whose last attempt failed with a retry due by `now`. Newest first.
    public func articleCandidates(feed: FeedID, window: Int, now: Date) throws -> [ArticleCandidate] {
        try read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: UIQueries.articleCandidates), arguments: [feed.rawValue, window])
            let failure = try db.cachedStatement(sql: "SELECT status, attempts, retry_at FROM article WHERE id = ?")
            let nowMS = StoreTime.milliseconds(now)
            var candidates: [ArticleCandidate] = []
            for row in rows {
                guard let link: String = row["link"] else { continue }
                var attempts = 0
                if let articleID: Int64 = row["article_id"] {
                    guard let article = try Row.fetchOne(failure, arguments: [articleID]),
                          article["status"] as String == ArticleStatus.failed.rawValue,
                          let retryAt: Int64 = article["retry_at"], retryAt <= nowMS else { continue }
                    attempts = article["attempts"]
                }
                // Items written before the text length was stored: measure their HTML the same way.
                let length: Int = row["text_length"]
                    ?? FeedText.length(summaryHTML: row["summary_html"], contentHTML: row["content_html"])
                candidates.append(ArticleCandidate(itemID: ItemID(row["id"]), url: link, attempts: attempts, feedTextLength: length))
            }
            return candidates
        }
    }

    /// The cached article a URL leads to, through the alias table (the URL is normalised first).
    public func article(forURL url: String) throws -> StoredArticle? {
        let key = URLNormalizer.normalize(url)
        return try read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: UIQueries.articleByAlias), arguments: [key]) else { return nil }
            return try Self.storedArticle(db, row)
        }
    }

    /// One article by id.
    public func article(_ id: ArticleID) throws -> StoredArticle? {
        try read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM article WHERE id = ?"), arguments: [id.rawValue]) else { return nil }
            return try Self.storedArticle(db, row)
        }
    }

    /// Items whose article is the target of one of this article's related links, in link order.
    public func relatedItems(ofArticle id: ArticleID) throws -> [Headline] {
        try read { db in
            var seen: Set<Int64> = []
            return try Row.fetchAll(db, sql: UIQueries.related, arguments: [id.rawValue])
                .filter { seen.insert($0["id"]).inserted }
                .map(Self.headline)
        }
    }

    private static func storedArticle(_ db: Database, _ row: Row) throws -> StoredArticle {
        let id: Int64 = row["id"]
        let links = try Row.fetchAll(db, sql: UIQueries.articleLinks, arguments: [id]).map { link in
            ArticleLink(url: link["url"], text: link["text"], kind: ArticleLinkKind(rawValue: link["kind"]) ?? .inline)
        }
        return StoredArticle(id: ArticleID(id), url: row["url"], canonicalURL: row["canonical_url"],
                             status: ArticleStatus(rawValue: row["status"]) ?? .failed, httpStatus: row["http_status"],
                             fetchedAt: StoreTime.date(row["fetched_at"] as Int64), title: row["title"],
                             documentJSON: row["document"], plainText: row["plain_text"], links: links, error: row["error"],
                             attempts: row["attempts"], retryAt: StoreTime.date(row["retry_at"] as Int64?))
    }
}
