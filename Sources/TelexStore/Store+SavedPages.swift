import Foundation
import GRDB
import TelexModel

/// A page saved from a link (`s` in the reading view), as it now stands in Saved.
public struct SavedPage: Sendable, Hashable {
    public var id: ItemID
    public var title: String
    /// It was in Saved already.
    public var wasSaved: Bool
}

extension Store {
    /// The feed row that holds pages saved from links: never configured, fetched or listed as a feed
    /// (`active = 0`, no section), like a removed feed whose saved items stay in Saved and in search.
    static let savedPagesFeedURL = "telex:saved-pages"

    /// Puts a page saved from a link in Saved, where search finds it with its text: the item of a feed
    /// that links to it when there is one, else an item of its own (titled from the stored page),
    /// attached to the stored article so the index holds the page's text.
    public func savePage(_ url: String, now: Date = Date()) throws -> SavedPage {
        let key = URLNormalizer.normalize(url)
        return try write { db in
            let existing = try Row.fetchOne(db, sql: """
                SELECT id, title, saved FROM item WHERE link_key = ? ORDER BY section_id IS NULL, id DESC LIMIT 1
                """, arguments: [key])
            if let existing {
                let id = ItemID(existing["id"] as Int64)
                let changed = try setSaved(db, id, true)
                return SavedPage(id: id, title: existing["title"], wasSaved: !changed)
            }
            try db.execute(sql: """
                INSERT INTO feed(url, section_id, position, title, enabled, active) VALUES (?, NULL, 0, 'Saved pages', 0, 0)
                ON CONFLICT(url) DO NOTHING
                """, arguments: [Self.savedPagesFeedURL])
            let feedID = try Int64.fetchOne(db, sql: "SELECT id FROM feed WHERE url = ?", arguments: [Self.savedPagesFeedURL])!
            let stored = try String.fetchOne(db, sql: """
                SELECT article.title FROM url_alias CROSS JOIN article ON article.id = url_alias.article_id WHERE url_alias.url = ?
                """, arguments: [key])
            let title = stored.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 } ?? url
            let item = PreparedItem(ItemRecord(stableID: url, link: url, title: title, published: now))
            let firstSeen = StoreTime.milliseconds(now)
            switch try upsert(db, item, feedID: feedID, sectionID: nil, firstSeen: firstSeen) {
            case .inserted: try apply(db, [feedID: CounterDelta(total: 1, unread: 1, saved: 0)])
            case .insertedRead: try apply(db, [feedID: CounterDelta(total: 1, unread: 0, saved: 0)])
            case .unchanged, .updated: break
            }
            let id = ItemID(try Int64.fetchOne(db, sql: "SELECT id FROM item WHERE feed_id = ? AND stable_id = ?",
                                               arguments: [feedID, item.stableID])!)
            let changed = try setSaved(db, id, true)
            return SavedPage(id: id, title: title, wasSaved: !changed)
        }
    }

    /// Marks read every item that leads to the page at `url` (by its link, or through the stored page's
    /// aliases): opening a story by a related link reads it as opening it from the list does. Returns them.
    @discardableResult
    public func markReadByURL(_ url: String) throws -> [ItemID] {
        let key = URLNormalizer.normalize(url)
        let ids = try read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM item WHERE link_key = ? AND read = 0
                UNION
                SELECT item.id FROM url_alias CROSS JOIN item ON item.article_id = url_alias.article_id
                WHERE url_alias.url = ? AND item.read = 0
                """, arguments: [key, key]).map(ItemID.init)
        }
        try setRead(ids, true)
        return ids
    }

    /// Which of `urls` have a stored, readable page (the reading view marks those related stories "cached").
    public func cachedArticleURLs(among urls: [String]) throws -> Set<String> {
        guard !urls.isEmpty else { return [] }
        return try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT article.status FROM url_alias CROSS JOIN article ON article.id = url_alias.article_id WHERE url_alias.url = ?
                """)
            var found: Set<String> = []
            for url in urls.prefix(200) {
                if try String.fetchOne(statement, arguments: [URLNormalizer.normalize(url)]) == ArticleStatus.ok.rawValue {
                    found.insert(url)
                }
            }
            return found
        }
    }
}
