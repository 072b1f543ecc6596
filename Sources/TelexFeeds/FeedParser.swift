import Foundation

/// Feed bytes to a `ParsedFeed`: charset detection, repair, then a streaming XML or a JSON parse.
public enum FeedParser {
    /// Documents larger than this are refused before any parsing.
    public static let maxDocumentBytes = 32 << 20

    /// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed, detected from the bytes. `documentURL` is the
    /// base for relative links. The transport's word on the encoding is `charset` when given (a label:
    /// "iso-8859-1", "Shift_JIS"...), else the charset parameter of `contentType` (the HTTP header); it
    /// comes after a byte order mark and before the document's own declaration (see `FeedEncoding`).
    /// Throws only when nothing is recoverable.
    public static func parse(_ bytes: [UInt8], documentURL: String? = nil, contentType: String? = nil,
                             charset: String? = nil) throws(FeedParseError) -> ParsedFeed {
        if bytes.count > maxDocumentBytes {
            throw FeedParseError(.tooLarge, "document of \(bytes.count) bytes exceeds the \(maxDocumentBytes)-byte limit")
        }
        let decoded = FeedEncoding.decode(bytes, transportCharset: charset ?? contentType.flatMap(FeedEncoding.charsetParameter))
        let utf8 = decoded.utf8
        guard let first = utf8.firstIndex(where: { !HTMLText.isSpace($0) }) else {
            throw FeedParseError(.empty, "empty document")
        }
        var feed: ParsedFeed
        if utf8[first] == UInt8(ascii: "{") || utf8[first] == UInt8(ascii: "[") {
            feed = try JSONFeedReader.parse(Array(utf8[first...]), documentURL: documentURL)
        } else {
            let repaired = XMLRepair.repair(utf8)
            guard repaired.bytes[repaired.start...].contains(UInt8(ascii: "<")) else { throw FeedParseError(.notAFeed, "neither XML nor JSON") }
            let reader = XMLFeedReader(documentURL: documentURL)
            reader.builder.repairsText = decoded.encoding == .utf8
            if let fatal = reader.parse(repaired.bytes, from: repaired.start) { throw fatal }
            feed = reader.builder.feed
            if let reason = reader.builder.notAFeedReason { throw FeedParseError(.notAFeed, "not a feed: \(reason)") }
            if feed.format == .unknown, feed.items.isEmpty { throw FeedParseError(.malformed, "no feed found in the document") }
            feed.warnings = repaired.warnings + feed.warnings
        }
        feed.warnings = decoded.warnings + feed.warnings
        feed.encoding = decoded.encoding
        feed.encodingSource = decoded.source
        return feed
    }
}
