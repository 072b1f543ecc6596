import Foundation
import GRDB
import TelexModel

extension Store {
    /// Stores a fetched page. The requested, final and canonical URLs (normalised) all become aliases of one
    /// article row, so the same page reached from several feeds or links is stored once; items whose link
    /// leads to it are attached and their search rows gain its text.
    public func saveArticle(_ article: ArticleRecord) throws -> ArticleID {
        try write { db in try save(db, article) }
    }

    /// Saves several articles in one transaction (keep batches to ~50 ms of work).
    public func saveArticles(_ articles: [ArticleRecord]) throws -> [ArticleID] {
        try write { db in try articles.map { try save(db, $0) } }
    }

    private func save(_ db: Database, _ article: ArticleRecord) throws -> ArticleID {
        let keys = [article.requestedURL, article.finalURL, article.canonicalURL].compactMap { $0 }
            .map(URLNormalizer.normalize).filter { !$0.isEmpty }
        let mainKey = URLNormalizer.normalize(article.finalURL)
        do {
            var id: Int64? = nil
            for key in [mainKey] + keys where id == nil { id = try articleID(db, forKey: key) }
            if id == nil { id = try Int64.fetchOne(db, sql: "SELECT id FROM article WHERE url = ?", arguments: [mainKey]) }
            let values: StatementArguments = [
                article.canonicalURL.map { Self.bounded(URLNormalizer.normalize($0), Self.maxShort) }, article.status.rawValue,
                article.httpStatus, StoreTime.milliseconds(article.fetchedAt), article.title.map { Self.bounded($0, Self.maxTitle) },
                article.documentJSON, article.plainText.map { Self.bounded($0, 4 * Self.maxHTML) },
                article.error.map { Self.bounded($0, Self.maxShort) },
            ]
            if let existing = id {
                try db.execute(sql: """
                    UPDATE article SET canonical_url = ?, status = ?, http_status = ?, fetched_at = ?, title = ?, document = ?,
                      plain_text = ?, error = ? WHERE id = ?
                    """, arguments: values + [existing])
            } else {
                try db.execute(sql: """
                    INSERT INTO article(canonical_url, status, http_status, fetched_at, title, document, plain_text, error, url)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: values + [Self.bounded(mainKey, Self.maxShort)])
                id = db.lastInsertedRowID
            }
            let articleID = id!
            for key in Set(keys) {
                try db.execute(sql: "INSERT OR REPLACE INTO url_alias(url, article_id) VALUES (?, ?)",
                               arguments: [Self.bounded(key, Self.maxShort), articleID])
            }
            try db.execute(sql: "DELETE FROM link WHERE article_id = ?", arguments: [articleID])
            let insertLink = try db.cachedStatement(sql: """
                INSERT INTO link(article_id, position, kind, url, url_key, text) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for (position, link) in article.links.prefix(5_000).enumerated() {
                try insertLink.execute(arguments: [articleID, position, link.kind.rawValue, Self.bounded(link.url, Self.maxShort),
                                                   Self.bounded(URLNormalizer.normalize(link.url), Self.maxShort),
                                                   Self.bounded(link.text, Self.maxShort)])
            }
            // Attach items whose link is one of the aliases, then refresh the search rows of all attached items.
            for key in Set(keys) {
                try db.execute(sql: "UPDATE item SET article_id = ? WHERE link_key = ? AND link_key IS NOT NULL",
                               arguments: [articleID, key])
            }
            let attached = try Row.fetchAll(db, sql: """
                SELECT id, title, summary_html, content_html FROM item WHERE article_id = ? AND article_id IS NOT NULL
                """, arguments: [articleID])
            for row in attached {
                let itemID: Int64 = row["id"]
                try db.execute(sql: "DELETE FROM item_fts WHERE rowid = ?", arguments: [itemID])
                try indexText(db, id: itemID, title: PlainText.fromHTML(row["title"], limit: Self.maxTitle),
                              body: PreparedItem.searchBody(summary: row["summary_html"], content: row["content_html"]),
                              articleID: articleID)
            }
            return ArticleID(articleID)
        }
    }

    /// The cached article a URL leads to, through the alias table (the URL is normalised first).
    public func article(forURL url: String) throws -> StoredArticle? {
        let key = URLNormalizer.normalize(url)
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: UIQueries.articleByAlias, arguments: [key]) else { return nil }
            return try Self.storedArticle(db, row)
        }
    }

    /// One article by id.
    public func article(_ id: ArticleID) throws -> StoredArticle? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM article WHERE id = ?", arguments: [id.rawValue]) else { return nil }
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
                             documentJSON: row["document"], plainText: row["plain_text"], links: links, error: row["error"])
    }
}
