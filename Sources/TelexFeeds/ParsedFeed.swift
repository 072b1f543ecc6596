import Foundation

/// A feed document reduced to what telex stores: channel fields, items, and what went wrong on the way.
public struct ParsedFeed: Sendable, Hashable {
    /// The format detected from the document's bytes.
    public var format: FeedFormat
    public var title: String?
    public var link: String?
    public var description: String?
    public var language: String?
    public var updated: Date?
    public var image: String?
    /// The publisher's polling hint: `<ttl>`, or sy:updatePeriod / sy:updateFrequency converted to minutes.
    public var ttlMinutes: Int?
    public var items: [ParsedItem]
    /// The encoding the document was read in, and what said so.
    public var encoding: TextEncoding = .utf8
    public var encodingSource: EncodingSource = .fallback
    /// Recoverable problems (encoding fallbacks, markup errors, truncation), most important first.
    public var warnings: [String]

    public init(format: FeedFormat = .unknown, title: String? = nil, link: String? = nil, description: String? = nil,
                language: String? = nil, updated: Date? = nil, image: String? = nil, ttlMinutes: Int? = nil,
                items: [ParsedItem] = [], warnings: [String] = []) {
        self.format = format; self.title = title; self.link = link; self.description = description
        self.language = language; self.updated = updated; self.image = image; self.ttlMinutes = ttlMinutes
        self.items = items; self.warnings = warnings
    }
}
