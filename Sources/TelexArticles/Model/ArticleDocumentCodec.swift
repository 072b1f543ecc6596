import Foundation

/// The one owner of the stored form of an `ArticleDocument`: the fetcher writes with it, the
/// reader, the preview and `telex read` read with it.
///
/// The form is versioned. Version 2 (written now) is JSON with a `version` key, blocks tagged by
/// `type` and dates as seconds since 1970:
///
///     {"version": 2, "confidence": 0.8,
///      "metadata": {"title": "…", "byline": "…", "published": 1764000000, "site": "…",
///                   "language": "fr", "canonical": "https://…", "leadImage": "https://…"},
///      "blocks": [{"type": "heading", "level": 2, "text": [{"text": "…"}]},
///                 {"type": "paragraph", "text": [{"text": "A "}, {"emphasis": [{"text": "b"}]},
///                                                {"link": "https://…", "content": [{"text": "c"}]},
///                                                {"code": "d"}, {"lineBreak": true}, {"strong": […]}]},
///                 {"type": "quote", "blocks": […]}, {"type": "list", "ordered": false, "items": [[…]]},
///                 {"type": "preformatted", "text": "…"}, {"type": "figure", "image": "https://…", "caption": […], "alt": "…"},
///                 {"type": "table", "header": [[…]], "rows": [[[…]]]}, {"type": "rule"}],
///      "related": [{"title": "…", "url": "https://…"}]}   (no "url": a story the page names without a link)
///
/// Version 1 is what telex stored before the codec existed: Swift's synthesized `Codable` form
/// (`{"paragraph": {"_0": […]}}`), with no `version` key and dates as seconds since 2001 (or, from
/// some writers, ISO-8601 strings). Every version ever written is read; only the current one is
/// written. Documents from a newer telex are refused (`DecodingError.newerVersion`).
public enum ArticleDocumentCodec {
    /// The version `encode` writes.
    public static let currentVersion = 2

    public enum DecodingError: Error, Equatable, CustomStringConvertible {
        case newerVersion(Int)
        case malformed(String)

        public var description: String {
            switch self {
            case .newerVersion(let v): return "stored by a newer telex (document version \(v))"
            case .malformed(let why): return "not a stored article document (\(why))"
            }
        }
    }

    /// The document in the current stored form.
    public static func encode(_ document: ArticleDocument) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every value of the model encodes (no non-finite numbers reach here): a failure would be a bug.
        do { return try encoder.encode(V2.Document(document)) } catch { preconditionFailure("ArticleDocumentCodec.encode: \(error)") }
    }

    /// A stored document of any version.
    public static func decode(_ data: Data) throws(DecodingError) -> ArticleDocument {
        do {
            return try JSONDecoder().decode(Stored.self, from: data).document
        } catch let error as DecodingError {
            throw error
        } catch let Swift.DecodingError.dataCorrupted(context) {
            throw .malformed(context.debugDescription)
        } catch {
            throw .malformed("\(error)")
        }
    }

    /// The version a stored document was written with (nil when it is not one).
    public static func version(of data: Data) -> Int? {
        guard let probe = try? JSONDecoder().decode(Probe.self, from: data) else { return nil }
        return probe.version ?? 1
    }

    private struct Probe: Decodable { var version: Int? }

    /// Dispatches on the `version` key, reading the rest of the same container.
    private struct Stored: Decodable {
        var document: ArticleDocument
        enum Keys: String, CodingKey { case version }
        init(from decoder: Decoder) throws {
            let version = try decoder.container(keyedBy: Keys.self).decodeIfPresent(Int.self, forKey: .version) ?? 1
            switch version {
            case 1: document = try V1.Document(from: decoder).value
            case 2: document = try V2.Document(from: decoder).value
            default:
                if version > currentVersion { throw DecodingError.newerVersion(version) }
                throw DecodingError.malformed("unknown version \(version)")
            }
        }
    }
}

// MARK: - Version 2 (current)

extension ArticleDocumentCodec {
    enum V2 {
        struct Document: Codable {
            var value: ArticleDocument
            init(_ value: ArticleDocument) { self.value = value }

            enum Keys: String, CodingKey { case version, metadata, blocks, related, confidence }

            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: Keys.self)
                value = ArticleDocument(
                    metadata: try c.decodeIfPresent(Metadata.self, forKey: .metadata)?.value ?? ArticleMetadata(),
                    blocks: try c.decodeIfPresent([BlockForm].self, forKey: .blocks)?.map(\.value) ?? [],
                    related: try c.decodeIfPresent([Related].self, forKey: .related)?.map(\.value) ?? [],
                    confidence: try c.decodeIfPresent(Double.self, forKey: .confidence) ?? 1)
            }

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(ArticleDocumentCodec.currentVersion, forKey: .version)
                try c.encode(Metadata(value.metadata), forKey: .metadata)
                try c.encode(value.blocks.map(BlockForm.init), forKey: .blocks)
                try c.encode(value.related.map(Related.init), forKey: .related)
                try c.encode(value.confidence, forKey: .confidence)
            }
        }

        struct Metadata: Codable {
            var value: ArticleMetadata
            init(_ value: ArticleMetadata) { self.value = value }
            enum Keys: String, CodingKey { case title, byline, published, site, language, canonical, leadImage }

            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: Keys.self)
                value = ArticleMetadata(
                    title: try c.decodeIfPresent(String.self, forKey: .title),
                    byline: try c.decodeIfPresent(String.self, forKey: .byline),
                    published: try c.decodeIfPresent(Double.self, forKey: .published).map(Date.init(timeIntervalSince1970:)),
                    siteName: try c.decodeIfPresent(String.self, forKey: .site),
                    language: try c.decodeIfPresent(String.self, forKey: .language),
                    canonicalURL: try c.decodeIfPresent(String.self, forKey: .canonical),
                    leadImage: try c.decodeIfPresent(String.self, forKey: .leadImage))
            }

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                try c.encodeIfPresent(value.title, forKey: .title)
                try c.encodeIfPresent(value.byline, forKey: .byline)
                try c.encodeIfPresent(value.published?.timeIntervalSince1970, forKey: .published)
                try c.encodeIfPresent(value.siteName, forKey: .site)
                try c.encodeIfPresent(value.language, forKey: .language)
                try c.encodeIfPresent(value.canonicalURL, forKey: .canonical)
                try c.encodeIfPresent(value.leadImage, forKey: .leadImage)
            }
        }

        struct Related: Codable {
            var value: RelatedLink
            init(_ value: RelatedLink) { self.value = value }
            enum Keys: String, CodingKey { case title, url }
            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: Keys.self)
                value = RelatedLink(title: try c.decode(String.self, forKey: .title), url: try c.decodeIfPresent(String.self, forKey: .url))
            }
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(value.title, forKey: .title)
                try c.encodeIfPresent(value.url, forKey: .url)
            }
        }

        struct BlockForm: Codable {
            var value: Block
            init(_ value: Block) { self.value = value }
            enum Keys: String, CodingKey { case type, level, text, blocks, ordered, items, image, caption, alt, header, rows }

            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: Keys.self)
                let type = try c.decode(String.self, forKey: .type)
                switch type {
                case "heading":
                    value = .heading(level: try c.decode(Int.self, forKey: .level), try c.decode([InlineForm].self, forKey: .text).map(\.value))
                case "paragraph":
                    value = .paragraph(try c.decode([InlineForm].self, forKey: .text).map(\.value))
                case "quote":
                    value = .quote(try c.decode([BlockForm].self, forKey: .blocks).map(\.value))
                case "list":
                    value = .list(ordered: try c.decode(Bool.self, forKey: .ordered),
                                  items: try c.decode([[BlockForm]].self, forKey: .items).map { $0.map(\.value) })
                case "preformatted":
                    value = .preformatted(try c.decode(String.self, forKey: .text))
                case "figure":
                    value = .figure(imageURL: try c.decodeIfPresent(String.self, forKey: .image),
                                    caption: try c.decodeIfPresent([InlineForm].self, forKey: .caption)?.map(\.value) ?? [],
                                    alt: try c.decodeIfPresent(String.self, forKey: .alt))
                case "table":
                    value = .table(header: try c.decodeIfPresent([[InlineForm]].self, forKey: .header)?.map { $0.map(\.value) },
                                   rows: try c.decode([[[InlineForm]]].self, forKey: .rows).map { $0.map { $0.map(\.value) } })
                case "rule":
                    value = .rule
                default:
                    throw DecodingError.malformed("unknown block type \(type)")
                }
            }

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                func inlines(_ i: [Inline]) -> [InlineForm] { i.map(InlineForm.init) }
                switch value {
                case .heading(let level, let text):
                    try c.encode("heading", forKey: .type)
                    try c.encode(level, forKey: .level)
                    try c.encode(inlines(text), forKey: .text)
                case .paragraph(let text):
                    try c.encode("paragraph", forKey: .type)
                    try c.encode(inlines(text), forKey: .text)
                case .quote(let blocks):
                    try c.encode("quote", forKey: .type)
                    try c.encode(blocks.map(BlockForm.init), forKey: .blocks)
                case .list(let ordered, let items):
                    try c.encode("list", forKey: .type)
                    try c.encode(ordered, forKey: .ordered)
                    try c.encode(items.map { $0.map(BlockForm.init) }, forKey: .items)
                case .preformatted(let text):
                    try c.encode("preformatted", forKey: .type)
                    try c.encode(text, forKey: .text)
                case .figure(let image, let caption, let alt):
                    try c.encode("figure", forKey: .type)
                    try c.encodeIfPresent(image, forKey: .image)
                    try c.encode(inlines(caption), forKey: .caption)
                    try c.encodeIfPresent(alt, forKey: .alt)
                case .table(let header, let rows):
                    try c.encode("table", forKey: .type)
                    try c.encodeIfPresent(header.map { $0.map(inlines) }, forKey: .header)
                    try c.encode(rows.map { $0.map(inlines) }, forKey: .rows)
                case .rule:
                    try c.encode("rule", forKey: .type)
                }
            }
        }

        struct InlineForm: Codable {
            var value: Inline
            init(_ value: Inline) { self.value = value }
            enum Keys: String, CodingKey { case text, emphasis, strong, code, lineBreak, link, content }

            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: Keys.self)
                if let text = try c.decodeIfPresent(String.self, forKey: .text) {
                    value = .text(text)
                } else if let inner = try c.decodeIfPresent([InlineForm].self, forKey: .emphasis) {
                    value = .emphasis(inner.map(\.value))
                } else if let inner = try c.decodeIfPresent([InlineForm].self, forKey: .strong) {
                    value = .strong(inner.map(\.value))
                } else if let code = try c.decodeIfPresent(String.self, forKey: .code) {
                    value = .code(code)
                } else if c.contains(.lineBreak) {
                    value = .lineBreak
                } else if let url = try c.decodeIfPresent(String.self, forKey: .link) {
                    value = .link(url: url, try c.decodeIfPresent([InlineForm].self, forKey: .content)?.map(\.value) ?? [])
                } else {
                    throw DecodingError.malformed("unknown inline \(c.allKeys.map(\.stringValue))")
                }
            }

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                switch value {
                case .text(let s): try c.encode(s, forKey: .text)
                case .emphasis(let inner): try c.encode(inner.map(InlineForm.init), forKey: .emphasis)
                case .strong(let inner): try c.encode(inner.map(InlineForm.init), forKey: .strong)
                case .code(let s): try c.encode(s, forKey: .code)
                case .lineBreak: try c.encode(true, forKey: .lineBreak)
                case .link(let url, let inner):
                    try c.encode(url, forKey: .link)
                    try c.encode(inner.map(InlineForm.init), forKey: .content)
                }
            }
        }
    }
}
