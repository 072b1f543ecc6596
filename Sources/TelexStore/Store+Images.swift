import Foundation
import GRDB
import TelexModel

extension Store {
    /// Pictures kept per article (the fetcher asks for no more).
    public static let maxImagesPerArticle = 8

    /// The pictures' files, beside the database.
    public var imageFiles: ImageFiles { ImageFiles(cacheDirectory: (path as NSString).deletingLastPathComponent) }

    /// Whether the cache has a row for the picture at `url` (kept or failed): the fetcher does not ask again.
    public func hasImage(url: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM image WHERE url = ?)"),
                              arguments: [Self.bounded(url, Self.maxShort)]) ?? false
        }
    }

    /// The pictures of an article in its order (lead image first).
    public func images(article: ArticleID) throws -> [StoredImage] {
        let files = imageFiles
        return try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT image.url, image.sha256, image.width, image.height, image.error FROM article_image
                JOIN image ON image.id = article_image.image_id WHERE article_image.article_id = ? ORDER BY article_image.position
                """), arguments: [article.rawValue]).map { row in
                StoredImage(url: row["url"], path: (row["sha256"] as String?).flatMap(files.path), width: row["width"],
                            height: row["height"], error: row["error"])
            }
        }
    }

    /// The kept pictures of an item's article: PNG paths by picture URL (failed ones left out).
    public func pictureFiles(_ id: ItemID) throws -> [String: String] {
        try keptPictures(from: "item", article: "item.article_id", where: "item.id = ?", id.rawValue)
    }

    /// The kept pictures of the article at `url` (any of its addresses): a page followed from a story.
    public func pictureFiles(articleURL url: String) throws -> [String: String] {
        try keptPictures(from: "url_alias", article: "url_alias.article_id", where: "url_alias.url = ?", URLNormalizer.normalize(url))
    }

    /// PNG paths by picture URL of the article that `table`'s `article` column names for the row `condition` selects.
    private func keptPictures(from table: String, article: String, where condition: String,
                              _ argument: any DatabaseValueConvertible) throws -> [String: String] {
        let files = imageFiles
        return try read { db in
            var result: [String: String] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT image.url, image.sha256 FROM \(table) JOIN article_image ON article_image.article_id = \(article)
                JOIN image ON image.id = article_image.image_id WHERE \(condition) AND image.sha256 IS NOT NULL
                """), arguments: [argument]) {
                if let path = files.path(row["sha256"]) { result[row["url"]] = path }
            }
            return result
        }
    }

    /// Replaces the article's pictures: fetched ones are upserted by URL, known ones referenced.
    func saveImages(_ db: Database, _ images: [ArticleImage], articleID: Int64, fetchedAt: Date) throws {
        try db.cachedStatement(sql: "DELETE FROM article_image WHERE article_id = ?").execute(arguments: [articleID])
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO image(url, status, sha256, width, height, error, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(url) DO UPDATE SET status = excluded.status, sha256 = excluded.sha256, width = excluded.width,
              height = excluded.height, error = excluded.error, fetched_at = excluded.fetched_at
            """)
        let find = try db.cachedStatement(sql: "SELECT id FROM image WHERE url = ?")
        let link = try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_image(article_id, position, image_id) VALUES (?, ?, ?)")
        let at = StoreTime.milliseconds(fetchedAt)
        for (position, image) in images.prefix(Self.maxImagesPerArticle).enumerated() {
            let url = Self.bounded(image.url, Self.maxShort)
            switch image.result {
            case .stored(let sha, let w, let h)?: try upsert.execute(arguments: [url, "ok", sha, w, h, nil, at])
            case .failed(let why)?: try upsert.execute(arguments: [url, "failed", nil, nil, nil, Self.bounded(why, Self.maxShort), at])
            case nil: break
            }
            guard let id = try Int64.fetchOne(find, arguments: [url]) else { continue }
            try link.execute(arguments: [articleID, position, id])
        }
    }

    /// Deletes the pictures no article shows any more, then the files no picture names (after the commit:
    /// a file is never deleted while a row names it). Returns the files deleted.
    @discardableResult
    func pruneImages() throws -> Int {
        let orphans: [String] = try write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, sha256 FROM image WHERE NOT EXISTS (SELECT 1 FROM article_image WHERE article_image.image_id = image.id)
                """)
            for row in rows { try db.execute(sql: "DELETE FROM image WHERE id = ?", arguments: [row["id"] as Int64]) }
            var orphans: [String] = []
            for sha in Set(rows.compactMap { $0["sha256"] as String? })
            where !(try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM image WHERE sha256 = ?)"), arguments: [sha]) ?? false) {
                orphans.append(sha)
            }
            return orphans
        }
        let files = imageFiles
        for sha in orphans { files.remove(sha) }
        return orphans.count
    }
}
