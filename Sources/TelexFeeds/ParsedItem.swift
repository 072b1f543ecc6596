import Foundation

/// One entry of a feed, with HTML kept for the article layer and everything else normalised.
public struct ParsedItem: Sendable, Hashable {
    /// guid / id, else a stable fallback (the link, else a hash of title and date) so refetches never duplicate.
    public var id: String
    /// Plain text: tags stripped, entities decoded, whitespace collapsed.
    public var title: String
    /// Absolute URL of the item's page.
    public var link: String?
    public var published: Date?
    public var updated: Date?
    public var authors: [String]
    public var summaryHTML: String?
    public var contentHTML: String?
    public var categories: [String]
    public var enclosures: [Enclosure]
    public var commentsURL: String?
    /// media:thumbnail, media:content (images), itunes:image or an image enclosure.
    public var imageURL: String?
    /// The item's own language tag (Atom `xml:lang` on the entry, JSON Feed `language`); nil: the feed's.
    public var language: String?

    public init(id: String = "", title: String = "", link: String? = nil, published: Date? = nil, updated: Date? = nil,
                authors: [String] = [], summaryHTML: String? = nil, contentHTML: String? = nil, categories: [String] = [],
                enclosures: [Enclosure] = [], commentsURL: String? = nil, imageURL: String? = nil, language: String? = nil) {
        self.id = id; self.title = title; self.link = link; self.published = published; self.updated = updated
        self.authors = authors; self.summaryHTML = summaryHTML; self.contentHTML = contentHTML
        self.categories = categories; self.enclosures = enclosures; self.commentsURL = commentsURL; self.imageURL = imageURL
        self.language = language
    }
}

/// A media file attached to an item (RSS `<enclosure>`, Atom `rel="enclosure"`, JSON Feed attachments).
public struct Enclosure: Sendable, Hashable {
    public var url: String
    public var type: String?
    public var length: Int64?

    public init(url: String, type: String? = nil, length: Int64? = nil) {
        self.url = url; self.type = type; self.length = length
    }
}
