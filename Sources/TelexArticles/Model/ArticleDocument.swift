import Foundation

/// A clean story: metadata, body blocks and the related stories found around it.
///
/// Stored in the cache as JSON written and read only by `ArticleDocumentCodec` (versioned), so
/// the type itself is not `Codable`: nothing else can write a form the codec does not know.
public struct ArticleDocument: Sendable, Hashable {
    /// Below this confidence the reader shows the feed's own content instead, with a note.
    public static let minimumConfidence = 0.5

    public var metadata: ArticleMetadata
    public var blocks: [Block]
    /// Related stories (title, URL), deduplicated by URL, those inside the body first.
    public var related: [RelatedLink]
    /// How sure extraction is that `blocks` is the story (0...1).
    public var confidence: Double

    public init(metadata: ArticleMetadata = ArticleMetadata(), blocks: [Block] = [], related: [RelatedLink] = [], confidence: Double = 1) {
        self.metadata = metadata
        self.blocks = blocks
        self.related = related
        self.confidence = confidence
    }

    /// The story as plain text: paragraphs separated by blank lines, captions as their own paragraphs.
    public var plainText: String { plainParagraphs.joined(separator: "\n\n") }

    /// The story's paragraphs as plain text (captions, list items and table rows included).
    public var plainParagraphs: [String] { plainParagraphs(keepingSoftHyphens: false) }

    /// The paragraphs, soft hyphens kept when the text is to be laid out again (the preview); only
    /// the first `limit` when the start is enough (the rest is not flattened).
    public func plainParagraphs(keepingSoftHyphens: Bool, limit: Int = .max) -> [String] {
        var paragraphs: [String] = []
        for block in blocks {
            if paragraphs.count >= limit { break }
            block.appendPlainParagraphs(to: &paragraphs, keepingSoftHyphens: keepingSoftHyphens)
        }
        return Array(paragraphs.prefix(limit))
    }

    /// Every link in reading order: those in the body, then the related stories.
    public var links: [DocumentLink] {
        var result: [DocumentLink] = []
        for block in blocks { block.collectLinks(into: &result) }
        for item in related { if let url = item.url { result.append(DocumentLink(text: item.title, url: url, isRelated: true)) } }
        return result
    }

    /// Images in body order with their alternative text and captions as plain text.
    public var images: [DocumentImage] {
        var result: [DocumentImage] = []
        func walk(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .figure(let url, let caption, let alt):
                    if let url { result.append(DocumentImage(url: url, alt: alt, caption: Inline.plainText(caption))) }
                case .quote(let inner): walk(inner)
                case .list(_, let items): items.forEach(walk)
                default: break
                }
            }
        }
        walk(blocks)
        return result
    }
}

/// What a page says about its story.
public struct ArticleMetadata: Sendable, Hashable {
    public var title: String?
    public var byline: String?
    public var published: Date?
    public var siteName: String?
    public var language: String?
    public var canonicalURL: String?
    public var leadImage: String?

    public init(title: String? = nil, byline: String? = nil, published: Date? = nil, siteName: String? = nil,
                language: String? = nil, canonicalURL: String? = nil, leadImage: String? = nil) {
        self.title = title; self.byline = byline; self.published = published; self.siteName = siteName
        self.language = language; self.canonicalURL = canonicalURL; self.leadImage = leadImage
    }
}

/// A related story: its headline and absolute URL.
public struct RelatedLink: Sendable, Hashable {
    public var title: String
    /// nil for a story the page names without linking to it ("READ  Headline" with no link and no
    /// link of the page that fits): listed, not followable.
    public var url: String?
    /// Its page is in the cache (readable offline): set when the document is shown, never stored.
    public var isCached: Bool
    public init(title: String, url: String?, isCached: Bool = false) { self.title = title; self.url = url; self.isCached = isCached }
}

extension ArticleDocument {
    /// The related stories whose URL is in `cached` marked so (the reading view says "cached").
    public func markingCached(_ cached: Set<String>) -> ArticleDocument {
        var doc = self
        for i in doc.related.indices { doc.related[i].isCached = doc.related[i].url.map(cached.contains) ?? false }
        return doc
    }

    /// The URLs of the related stories.
    public var relatedURLs: [String] { related.compactMap(\.url) }
}

/// An image of the story: its URL, alternative text and caption (plain text, empty when none).
public struct DocumentImage: Codable, Sendable, Hashable {
    public var url: String
    public var alt: String?
    public var caption: String
    public init(url: String, alt: String? = nil, caption: String = "") { self.url = url; self.alt = alt; self.caption = caption }
}

/// One link of a document in reading order.
public struct DocumentLink: Sendable, Hashable {
    public var text: String
    public var url: String
    /// True for entries of the related-stories list.
    public var isRelated: Bool
    public init(text: String, url: String, isRelated: Bool = false) { self.text = text; self.url = url; self.isRelated = isRelated }
}
