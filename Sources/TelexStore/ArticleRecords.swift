import Foundation
import TelexModel

/// How a link appears in an article: in the running text, or in a "related stories" block.
public enum ArticleLinkKind: String, Sendable, Hashable, Codable {
    case inline
    case related
}

/// One link of an article, in document order.
public struct ArticleLink: Sendable, Hashable {
    public var url: String
    public var text: String
    public var kind: ArticleLinkKind
    public init(url: String, text: String, kind: ArticleLinkKind) { self.url = url; self.text = text; self.kind = kind }
}

/// Whether an article page was fetched and extracted.
public enum ArticleStatus: String, Sendable, Hashable {
    case ok
    /// Fetched, but nothing article-like was found.
    case notArticle = "not-article"
    /// The URL serves something else than a web page (a PDF, a video): offered to the browser.
    case notWebPage = "not-web-page"
    case failed

    /// No readable page was saved (the row records why, and when to try again).
    public var isFailure: Bool { self == .failed || self == .notWebPage }
}

/// A fetched page as the fetcher hands it to the store.
public struct ArticleRecord: Sendable, Hashable {
    /// The URL that was asked for (usually an item link).
    public var requestedURL: String
    /// The URL after redirects.
    public var finalURL: String
    /// `<link rel=canonical>`, when the page had one.
    public var canonicalURL: String?
    public var status: ArticleStatus
    public var httpStatus: Int?
    public var fetchedAt: Date
    public var title: String?
    /// The extracted document, in `TelexArticles.ArticleDocumentCodec`'s stored form.
    public var documentJSON: Data?
    /// Plain text of the document, for search.
    public var plainText: String?
    public var links: [ArticleLink]
    public var error: String?
    /// Failed attempts so far, this one included (0 for a saved page).
    public var attempts: Int
    /// When a pass may try a failed page again; nil: only when the user opens it.
    public var retryAt: Date?
    /// The page's pictures, lead image first (`ImageFiles` holds their files); nil leaves those already
    /// saved for the page as they are.
    public var images: [ArticleImage]?
    /// The page's language (`<html lang>`, else its metadata), as written.
    public var language: String?

    /// `canonicalURL` becomes an alias of the page: the fetcher passes it only when it is on the page's
    /// own site (docs/fetch.md, "Cache poisoning").
    public init(requestedURL: String, finalURL: String? = nil, canonicalURL: String? = nil, status: ArticleStatus = .ok,
                httpStatus: Int? = nil, fetchedAt: Date, title: String? = nil, documentJSON: Data? = nil,
                plainText: String? = nil, links: [ArticleLink] = [], error: String? = nil, attempts: Int = 0, retryAt: Date? = nil,
                images: [ArticleImage]? = nil, language: String? = nil) {
        self.requestedURL = requestedURL; self.finalURL = finalURL ?? requestedURL; self.canonicalURL = canonicalURL
        self.status = status; self.httpStatus = httpStatus; self.fetchedAt = fetchedAt; self.title = title
        self.documentJSON = documentJSON; self.plainText = plainText; self.links = links; self.error = error
        self.attempts = attempts; self.retryAt = retryAt; self.images = images; self.language = language
    }
}

/// An item whose article page a pass may fetch: it has none yet, or its last attempt failed and is due again.
public struct ArticleCandidate: Sendable, Hashable {
    public var itemID: ItemID
    public var url: String
    /// Failed attempts so far.
    public var attempts: Int
    /// Characters of the feed's own text for the item.
    public var feedTextLength: Int
}

/// An article as read back from the cache.
public struct StoredArticle: Sendable, Hashable {
    public var id: ArticleID
    /// The normalised final URL.
    public var url: String
    public var canonicalURL: String?
    public var status: ArticleStatus
    public var httpStatus: Int?
    public var fetchedAt: Date
    public var title: String?
    public var documentJSON: Data?
    public var plainText: String?
    public var links: [ArticleLink]
    public var error: String?
    public var attempts: Int
    public var retryAt: Date?
}
