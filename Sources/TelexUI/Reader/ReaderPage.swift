import Foundation
import TelexArticles
import TelexImages
import TelexModel

/// One page of the reading view: a cached item or a page reached by following a link.
public struct ReaderPage: Hashable, Sendable {
    /// The page's address: the article's URL, or the followed link's.
    public var url: String?
    /// Set when the page is an item of the cache (it can be marked read and saved).
    public var itemID: ItemID?
    public var document: ArticleDocument
    /// Shown above the story, e.g. when only the feed's summary is available.
    public var note: DocumentNote?
    public var isRead: Bool
    public var isSaved: Bool
    /// Set on a page of a history kept from the last run and not loaded yet: where it was left (a
    /// share of its scroll range). Visiting it loads it (`ReaderState.placeholderLoad`).
    public var placeholderShare: Double?
    /// The page's pictures from the cache by URL (`picturesLoaded`), drawn where their blocks stand.
    public var pictures: [String: Picture] = [:]
    /// Other outlets' stories about the same event (an item's cluster), listed last as links to follow.
    public var coverage: [Coverage] = []

    public init(url: String?, itemID: ItemID? = nil, document: ArticleDocument, note: DocumentNote? = nil,
                isRead: Bool = false, isSaved: Bool = false) {
        self.url = url; self.itemID = itemID; self.document = document; self.note = note
        self.isRead = isRead; self.isSaved = isSaved
    }

    /// The page for a cache item, as `DocumentResolver` resolved it.
    public static func item(_ item: ResolvedItem) -> ReaderPage {
        let detail = item.detail, h = detail.headline
        var page = ReaderPage(url: detail.articleURL ?? h.link, itemID: h.id, document: item.document, note: item.note,
                              isRead: h.isRead, isSaved: h.isSaved)
        page.coverage = h.coverage
        return page
    }

    /// A page reached by following a link.
    public static func followed(url: String, document: ArticleDocument) -> ReaderPage {
        ReaderPage(url: url, document: document)
    }

    /// A page of a kept history, loaded when visited.
    public static func placeholder(_ entry: ReaderPlace.Entry) -> ReaderPage {
        var page = ReaderPage(url: entry.url, itemID: entry.item, document: ArticleDocument(metadata: ArticleMetadata(title: entry.title)))
        page.placeholderShare = entry.share
        return page
    }

    /// The title for the history list and the title bar.
    public var title: String {
        let t = document.metadata.title ?? ""
        return t.isEmpty ? (url ?? "Untitled") : t
    }
}
