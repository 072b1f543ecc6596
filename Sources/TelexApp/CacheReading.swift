import Foundation
import TelexModel

/// What the front end reads from and writes to the cache. TelexStore's `Store` has exactly these
/// methods (so the composition root can say `extension Store: CacheReading {}`); `InMemoryCache`
/// implements it for tests and the demo data.
///
/// Lists are newest first, ordered by (sortTime, id) descending, and paged by keyset:
/// - `headlines(_:after:limit:)`: the rows after the cursor (older), or the first rows for nil;
/// - `headlines(_:before:limit:)`: the `limit` rows just before the cursor (newer), in list order.
///   A cursor older than every row (`ListCursor.end`) gives the list's last page.
/// Implementations are called from one serial queue, never from the terminal thread.
public protocol CacheReading {
    func sections() throws -> [SectionSummary]
    func savedCount() throws -> Int
    /// The saved query sections with their unread counts, counted now.
    func savedQueries() throws -> [SavedQuerySummary]
    func headlines(_ scope: ListScope, after: ListCursor?, limit: Int) throws -> [Headline]
    func headlines(_ scope: ListScope, before: ListCursor, limit: Int) throws -> [Headline]
    func count(_ scope: ListScope) throws -> Int
    func item(_ id: ItemID) throws -> ItemDetail?
    /// The items of an item's cluster (other outlets' stories about the same event), newest first, the item's
    /// own among them; just the item when it is in none. At most `limit`.
    func clusterHeadlines(of id: ItemID, limit: Int) throws -> [Headline]
    func search(_ query: String, limit: Int) throws -> [Headline]
    func setRead(_ ids: [ItemID], _ read: Bool) throws
    func setSaved(_ id: ItemID, _ saved: Bool) throws
    /// Marks every unread item of the scope read and returns the ids it changed (for undo).
    func markAllRead(_ scope: ListScope) throws -> [ItemID]
    /// The aggregator accounts' sync states (the status line's "home: synced 2 min ago").
    func accountStatuses() throws -> [AccountStatus]
    /// Which of `urls` have a readable page in the cache (the Related list marks them).
    func cachedArticleURLs(among urls: [String]) throws -> Set<String>
    /// The kept pictures of an item's article: their PNG files by picture URL (docs/images.md).
    func pictureFiles(_ id: ItemID) throws -> [String: String]
    /// The kept pictures of the page at a URL (a page followed from a story).
    func pictureFiles(articleURL url: String) throws -> [String: String]
}

extension CacheReading {
    /// A cache without stored pages (the demo data, test doubles) has none cached.
    public func cachedArticleURLs(among urls: [String]) throws -> Set<String> { [] }
    /// A cache without pictures (the demo data, test doubles that do not test them).
    public func pictureFiles(_ id: ItemID) throws -> [String: String] { [:] }
    public func pictureFiles(articleURL url: String) throws -> [String: String] { [:] }

    /// A cache that does not cluster (the demo data, test doubles): the item alone.
    public func clusterHeadlines(of id: ItemID, limit: Int) throws -> [Headline] {
        try item(id).map { [$0.headline] } ?? []
    }

    /// A cache without feeds.json's saved queries (the demo data, test doubles).
    public func savedQueries() throws -> [SavedQuerySummary] { [] }

    /// A cache without aggregator accounts (the demo, test doubles) has no sync state to show.
    public func accountStatuses() throws -> [AccountStatus] { [] }
}

extension ListCursor {
    /// A position after every row of any list: `before: .end` is the last page.
    public static let end = ListCursor(sortTime: .distantPast, id: ItemID(Int64.min))

    /// In a newest-first list, whether a row at (`time`, `id`) comes after this cursor.
    public func isBefore(time: Date, id: ItemID) -> Bool {
        time < sortTime || (time == sortTime && id.rawValue < self.id.rawValue)
    }
}
