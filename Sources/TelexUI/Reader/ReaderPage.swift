import Foundation
import TelexArticles
import TelexModel

/// One page of the reading view: a cached item or a page reached by following a link.
public struct ReaderPage: Hashable, Sendable {
    /// The page's address: the article's URL, or the followed link's.
    public var url: String?
    /// Set when the page is an item of the cache (it can be marked read and saved).
    public var itemID: ItemID?
    public var document: ArticleDocument
    /// A line shown above the story, e.g. when only the feed's text is available.
    public var note: String?
    public var isRead: Bool
    public var isSaved: Bool

    public init(url: String?, itemID: ItemID? = nil, document: ArticleDocument, note: String? = nil,
                isRead: Bool = false, isSaved: Bool = false) {
        self.url = url; self.itemID = itemID; self.document = document; self.note = note
        self.isRead = isRead; self.isSaved = isSaved
    }

    /// The note shown when the extracted page is missing and the feed's text stands in for it.
    public static let feedTextNote = "Full article not cached — showing the feed's text"

    /// The page for a cache item: its extracted article when cached and trustworthy, else the
    /// feed's content or summary with a note. Missing metadata comes from the item.
    public static func item(_ detail: ItemDetail) -> ReaderPage {
        let h = detail.headline
        var doc: ArticleDocument
        var note: String?
        if let data = detail.articleJSON, let decoded = decodeArticle(data), decoded.confidence >= ArticleDocument.minimumConfidence,
           !decoded.blocks.isEmpty {
            doc = decoded
        } else {
            let html = [detail.contentHTML, detail.summaryHTML].compactMap { $0 }.first { !$0.isEmpty } ?? ""
            doc = HTMLCleaner.document(fromFragment: html, baseURL: detail.articleURL ?? h.link)
            // Related stories found on the page are still worth showing under the feed's text.
            if let data = detail.articleJSON, let decoded = decodeArticle(data) { doc.related = decoded.related }
            note = feedTextNote
        }
        if (doc.metadata.title ?? "").isEmpty { doc.metadata.title = h.title }
        if (doc.metadata.byline ?? "").isEmpty { doc.metadata.byline = detail.author }
        if doc.metadata.published == nil { doc.metadata.published = detail.published ?? h.sortTime }
        if (doc.metadata.siteName ?? "").isEmpty { doc.metadata.siteName = h.source }
        return ReaderPage(url: detail.articleURL ?? h.link, itemID: h.id, document: doc, note: note,
                          isRead: h.isRead, isSaved: h.isSaved)
    }

    /// A page reached by following a link.
    public static func followed(url: String, document: ArticleDocument) -> ReaderPage {
        ReaderPage(url: url, document: document)
    }

    /// The title for the history list and the title bar.
    public var title: String {
        let t = document.metadata.title ?? ""
        return t.isEmpty ? (url ?? "Untitled") : t
    }

    /// Decodes the cached document, whichever date encoding the writer used.
    static func decodeArticle(_ data: Data) -> ArticleDocument? {
        if let doc = try? JSONDecoder().decode(ArticleDocument.self, from: data) { return doc }
        let iso = JSONDecoder()
        iso.dateDecodingStrategy = .iso8601
        if let doc = try? iso.decode(ArticleDocument.self, from: data) { return doc }
        let seconds = JSONDecoder()
        seconds.dateDecodingStrategy = .secondsSince1970
        return try? seconds.decode(ArticleDocument.self, from: data)
    }
}
