import Foundation
import GRDB
import TelexModel

/// An account's feed as the cache has it: what a subscription change names on the server.
public struct AccountFeedInfo: Sendable, Hashable {
    public var id: FeedID
    /// The cache's key for it (`account:ID:REMOTE`, the feed's `url` the reader knows it by).
    public var key: String
    /// The account's name (feeds.json).
    public var account: String
    /// The feed's id on the server.
    public var remoteID: String
    /// The feed's own address as the server gives it.
    public var remoteURL: String
    /// The name the reader shows.
    public var title: String
    public var section: String
    /// The server's folder it is in (nil: none, the account's own section).
    public var folderID: String?
}

/// A section made of an account's folder (or of its feeds without one).
public struct AccountSectionInfo: Sendable, Hashable {
    public var account: String
    /// The section's name in telex ("World", or "home: World" where it clashes, or the account's name).
    public var name: String
    /// The server's folder; nil for the section of the account's feeds without one.
    public var folder: RemoteFolder?
}

extension Store {
    /// The active account feeds a command line or the reader names: by the cache's key
    /// (`account:ID:REMOTE`), by the feed's own address, or by its title (case-insensitive), in section order.
    public func accountFeeds(named query: String) throws -> [AccountFeedInfo] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT feed.id, feed.url, feed.remote_id, feed.remote_url, COALESCE(feed.title, feed.feed_title, feed.remote_url) AS shown,
                       section.name AS section, section.remote_id AS folder, account.name AS account
                FROM feed JOIN section ON section.id = feed.section_id JOIN account ON account.id = feed.account_id
                WHERE feed.active = 1 AND account.active = 1
                  AND (feed.url = ?1 OR feed.remote_url = ?1 OR COALESCE(feed.title, feed.feed_title) = ?1 COLLATE NOCASE)
                ORDER BY section.position, feed.position
                """, arguments: [query]).map { row in
                let folder: String = row["folder"] ?? ""
                return AccountFeedInfo(id: FeedID(row["id"]), key: row["url"], account: row["account"], remoteID: row["remote_id"] ?? "",
                                       remoteURL: row["remote_url"] ?? "", title: row["shown"] ?? "", section: row["section"],
                                       folderID: folder.isEmpty ? nil : folder)
            }
        }
    }

    /// Every account's sections, in order: their names in telex and the folders they stand for.
    public func accountSections() throws -> [AccountSectionInfo] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT section.name, section.remote_id, account.name AS account FROM section JOIN account ON account.id = section.account_id
                WHERE account.active = 1 ORDER BY section.position
                """).map { row in
                let account: String = row["account"], name: String = row["name"], folder: String = row["remote_id"] ?? ""
                // A folder's title is the section's name without the "account: " a clash put before it.
                let title = name.hasPrefix(account + ": ") ? String(name.dropFirst(account.count + 2)) : name
                return AccountSectionInfo(account: account, name: name, folder: folder.isEmpty ? nil : RemoteFolder(remoteID: folder, title: title))
            }
        }
    }
}
