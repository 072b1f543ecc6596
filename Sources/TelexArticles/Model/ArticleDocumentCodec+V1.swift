import Foundation

/// Version 1: the form telex stored before the codec, Swift's synthesized `Codable` encoding of
/// the model as it was then (enum cases as single-key objects, unlabeled values as `_0`/`_1`).
/// Read only; written out here so that later changes to the model cannot silently change it.
extension ArticleDocumentCodec {
    enum V1 {
        struct Document: Decodable {
            var value: ArticleDocument
            enum Keys: String, CodingKey { case metadata, blocks, related, confidence }
            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: Keys.self)
                value = ArticleDocument(
                    metadata: try c.decode(Metadata.self, forKey: .metadata).value,
                    blocks: try c.decode([BlockForm].self, forKey: .blocks).map(\.value),
                    related: try c.decode([Related].self, forKey: .related).map(\.value),
                    confidence: try c.decode(Double.self, forKey: .confidence))
            }
        }

        struct Metadata: Decodable {
            var value: ArticleMetadata
            enum Keys: String, CodingKey { case title, byline, published, siteName, language, canonicalURL, leadImage }
            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: Keys.self)
                value = ArticleMetadata(
                    title: try c.decodeIfPresent(String.self, forKey: .title),
                    byline: try c.decodeIfPresent(String.self, forKey: .byline),
                    published: try Self.date(c),
                    siteName: try c.decodeIfPresent(String.self, forKey: .siteName),
                    language: try c.decodeIfPresent(String.self, forKey: .language),
                    canonicalURL: try c.decodeIfPresent(String.self, forKey: .canonicalURL),
                    leadImage: try c.decodeIfPresent(String.self, forKey: .leadImage))
            }

            /// JSONEncoder's default date form, seconds since 2001-01-01 (what the fetcher wrote), or an
            /// ISO-8601 string (which the reader also accepted).
            static func date(_ c: KeyedDecodingContainer<Keys>) throws -> Date? {
                guard c.contains(.published), !(try c.decodeNil(forKey: .published)) else { return nil }
                if let seconds = try? c.decode(Double.self, forKey: .published) { return Date(timeIntervalSinceReferenceDate: seconds) }
                let text = try c.decode(String.self, forKey: .published)
                guard let date = DateParsing.parse(text) else {
                    throw DecodingError.malformed("published date \(text)")
                }
                return date
            }
        }

        struct Related: Decodable {
            var value: RelatedLink
            enum Keys: String, CodingKey { case title, url }
            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: Keys.self)
                value = RelatedLink(title: try c.decode(String.self, forKey: .title), url: try c.decodeIfPresent(String.self, forKey: .url))
            }
        }

        /// Labels of the associated values: named ones by name, the others `_0`, `_1`.
        enum Values: String, CodingKey { case _0, _1, level, ordered, items, imageURL, caption, alt, header, rows, url }

        struct BlockForm: Decodable {
            var value: Block
            enum Cases: String, CodingKey { case heading, paragraph, quote, list, preformatted, figure, table, rule }
            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: Cases.self)
                guard c.allKeys.count == 1, let key = c.allKeys.first else { throw DecodingError.malformed("block \(c.allKeys)") }
                let v = try c.nestedContainer(keyedBy: Values.self, forKey: key)
                switch key {
                case .heading:
                    value = .heading(level: try v.decode(Int.self, forKey: .level), try v.decode([InlineForm].self, forKey: ._1).map(\.value))
                case .paragraph:
                    value = .paragraph(try v.decode([InlineForm].self, forKey: ._0).map(\.value))
                case .quote:
                    value = .quote(try v.decode([BlockForm].self, forKey: ._0).map(\.value))
                case .list:
                    value = .list(ordered: try v.decode(Bool.self, forKey: .ordered),
                                  items: try v.decode([[BlockForm]].self, forKey: .items).map { $0.map(\.value) })
                case .preformatted:
                    value = .preformatted(try v.decode(String.self, forKey: ._0))
                case .figure:
                    value = .figure(imageURL: try v.decodeIfPresent(String.self, forKey: .imageURL),
                                    caption: try v.decode([InlineForm].self, forKey: .caption).map(\.value),
                                    alt: try v.decodeIfPresent(String.self, forKey: .alt))
                case .table:
                    value = .table(header: try v.decodeIfPresent([[InlineForm]].self, forKey: .header)?.map { $0.map(\.value) },
                                   rows: try v.decode([[[InlineForm]]].self, forKey: .rows).map { $0.map { $0.map(\.value) } })
                case .rule:
                    value = .rule
                }
            }
        }

        struct InlineForm: Decodable {
            var value: Inline
            enum Cases: String, CodingKey { case text, emphasis, strong, code, lineBreak, link }
            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: Cases.self)
                guard c.allKeys.count == 1, let key = c.allKeys.first else { throw DecodingError.malformed("inline \(c.allKeys)") }
                let v = try c.nestedContainer(keyedBy: Values.self, forKey: key)
                switch key {
                case .text: value = .text(try v.decode(String.self, forKey: ._0))
                case .emphasis: value = .emphasis(try v.decode([InlineForm].self, forKey: ._0).map(\.value))
                case .strong: value = .strong(try v.decode([InlineForm].self, forKey: ._0).map(\.value))
                case .code: value = .code(try v.decode(String.self, forKey: ._0))
                case .lineBreak: value = .lineBreak
                case .link: value = .link(url: try v.decode(String.self, forKey: .url), try v.decode([InlineForm].self, forKey: ._1).map(\.value))
                }
            }
        }
    }
}
