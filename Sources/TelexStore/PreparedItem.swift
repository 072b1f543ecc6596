import Foundation

/// An item with everything the writer derives from it computed up front: bounded fields, the content
/// hash, the link key and the length of the feed's text. `FeedResult` prepares its items when it is made, so the
/// fetcher does this work in its parallel parse tasks and the single writer only runs SQL (a profile
/// of a cold pass had a fifth of its CPU here, all of it inside the write transaction).
struct PreparedItem: Sendable, Hashable {
    let stableID: String
    let title: String
    let link: String?
    let author: String?
    let summary: String?
    let content: String?
    let published: Int64?
    let updated: Int64?
    let hash: Int64
    let linkKey: String?
    /// Characters of the feed's own text (`article: auto` fetches the page when it is short).
    let textLength: Int

    init(_ item: ItemRecord) {
        stableID = Store.bounded(item.stableID, Store.maxShort)
        title = Store.bounded(item.title, Store.maxTitle)
        link = item.link.map { Store.bounded($0, Store.maxShort) }
        author = item.author.map { Store.bounded($0, Store.maxShort) }
        summary = item.summaryHTML.map { Store.bounded($0, Store.maxHTML) }
        content = item.contentHTML.map { Store.bounded($0, Store.maxHTML) }
        published = StoreTime.milliseconds(item.published)
        updated = StoreTime.milliseconds(item.updated)
        hash = ContentHash.of([title, link, author, published.map(String.init), updated.map(String.init), summary, content])
        linkKey = link.map(URLNormalizer.normalize)
        textLength = Self.searchBody(summary: summary, content: content).unicodeScalars.count
    }

    /// The feed's own text for the search index: the summary, then the content when it differs.
    static func searchBody(summary: String?, content: String?) -> String {
        var body = summary.map { PlainText.fromHTML($0, limit: 16_384) } ?? ""
        if let content, content != summary { body += " " + PlainText.fromHTML(content, limit: 32_768) }
        return body
    }
}
