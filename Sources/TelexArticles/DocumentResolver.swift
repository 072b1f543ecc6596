import Foundation
import TelexModel

/// Why a document is shown the way it is: a line above the story, in the reader and `telex read`.
public enum DocumentNote: Hashable, Sendable {
    /// No trustworthy article page is cached and the feed's own content is only a summary.
    case articleNotCached
    /// The page was fetched, but extraction was unsure it found the story: the feed's summary
    /// comes first, then what the page gave.
    case pageUncertain

    public var text: String {
        switch self {
        case .articleNotCached: return "Full article not cached — showing the feed's text"
        case .pageUncertain: return "Page extraction uncertain — the feed's text first, then the page's"
        }
    }
}

/// What stands for the story of an item.
public enum DocumentSource: Hashable, Sendable {
    /// The article page, extracted and cached.
    case article
    /// The feed's own content (the whole story, or a summary with a note).
    case feed
    /// The feed's summary, then the page extraction was unsure of, with a note.
    case feedAndPage
}

/// The document to show for a cache item, with where it came from and the note to show.
public struct ResolvedItem: Hashable, Sendable {
    public var detail: ItemDetail
    public var document: ArticleDocument
    public var source: DocumentSource
    public var note: DocumentNote?

    public init(detail: ItemDetail, document: ArticleDocument, source: DocumentSource, note: DocumentNote?) {
        self.detail = detail; self.document = document; self.source = source; self.note = note
    }
}

/// Decides which document to show for an item (the cached article, the feed's content, or both
/// with a note): the one rule the reader, the preview and `telex read` share.
///
/// Decoding the stored document and cleaning the feed's HTML cost milliseconds on long stories:
/// call these off the terminal thread (the effect runner does, and then loads what layout will
/// want, `LineBreaker.preparation(for:)`).
public enum DocumentResolver {
    /// The document for `detail`:
    /// - the cached article when it decodes, is not empty and extraction was confident
    ///   (`ArticleDocument.minimumConfidence`): no note;
    /// - else the feed's content (`content:encoded` / Atom content, else the summary), cleaned; the
    ///   page's related stories and language are kept when the page was cached. A note only when
    ///   the feed's text is a summary (`FeedText.isSummary`, the rule by which `article: auto` feeds
    ///   get their pages fetched): `.pageUncertain` with the page's text after the summary when
    ///   extraction gave some, else `.articleNotCached`. A feed that carries
    ///   whole stories (an `article: never` feed, say) shows them with no note.
    /// Metadata the document lacks (title, byline, date, site) comes from the item.
    public static func resolve(_ detail: ItemDetail) -> ResolvedItem {
        let h = detail.headline
        let stored = detail.articleJSON.flatMap { try? ArticleDocumentCodec.decode($0) }
        var document: ArticleDocument
        let source: DocumentSource
        var note: DocumentNote?
        if let stored, isTrusted(stored) {
            document = stored
            source = .article
        } else {
            let html = FeedContent.html(content: detail.contentHTML, summary: detail.summaryHTML)
            document = HTMLCleaner.document(fromFragment: html, baseURL: detail.articleURL ?? h.link)
            if let stored {
                if !stored.related.isEmpty { document.related = stored.related }
                document.metadata.language = document.metadata.language ?? stored.metadata.language
            }
            if FeedText.isSummary(length: FeedText.length(summaryHTML: detail.summaryHTML, contentHTML: detail.contentHTML)) {
                if let stored, !stored.blocks.isEmpty {
                    document.blocks += (document.blocks.isEmpty ? [] : [.rule]) + stored.blocks
                    source = .feedAndPage
                    note = .pageUncertain
                } else {
                    source = .feed
                    note = .articleNotCached
                }
            } else {
                source = .feed
            }
        }
        var meta = document.metadata
        if (meta.title ?? "").isEmpty { meta.title = h.title }
        if (meta.byline ?? "").isEmpty { meta.byline = detail.author }
        if meta.published == nil { meta.published = detail.published ?? h.sortTime }
        if (meta.siteName ?? "").isEmpty { meta.siteName = h.source }
        document.metadata = meta
        return ResolvedItem(detail: detail, document: document, source: source, note: note)
    }

    /// The stored document of a page reached by a link (nil when it does not decode).
    public static func page(_ data: Data) -> ArticleDocument? {
        try? ArticleDocumentCodec.decode(data)
    }

    static func isTrusted(_ document: ArticleDocument) -> Bool {
        document.confidence >= ArticleDocument.minimumConfidence && !document.blocks.isEmpty
    }
}

/// The feed's own content of an item, as shown.
public enum FeedContent {
    /// The feed's best content: its full content when not empty, else its summary.
    public static func html(content: String?, summary: String?) -> String {
        if let content, !content.isEmpty { return content }
        return summary ?? ""
    }
}
