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
    ///
    /// With `eachItem`, items are handed over one by one as they are read instead of being kept in the
    /// result's `items` (a 100k-item feed is never in memory at once; `telex parse --json`). An error
    /// thrown after some items were handed over (an entity expansion stopped mid-document) ends the parse.
    public static func parse(_ bytes: [UInt8], documentURL: String? = nil, contentType: String? = nil,
                             charset: String? = nil, eachItem: ((ParsedItem) -> Void)? = nil) throws(FeedParseError) -> ParsedFeed {
        if bytes.count > maxDocumentBytes {
            throw FeedParseError(.tooLarge, "document larger than the \(maxDocumentBytes)-byte limit (\(bytes.count) bytes read)")
        }
        let decoded = FeedEncoding.decode(bytes, transportCharset: charset ?? contentType.flatMap(FeedEncoding.charsetParameter))
        let utf8 = decoded.utf8
        guard let first = utf8.firstIndex(where: { !HTMLText.isSpace($0) }) else {
            throw FeedParseError(.empty, "empty document")
        }
        var feed: ParsedFeed
        if utf8[first] == UInt8(ascii: "{") || utf8[first] == UInt8(ascii: "[") {
            feed = try JSONFeedReader.parse(Array(utf8[first...]), documentURL: documentURL)
            // A JSON Feed is one JSON value, read whole (JSONSerialization): its items are handed over after.
            if let eachItem { feed.items.forEach(eachItem); feed.items = [] }
        } else {
            let repaired = XMLRepair.repair(utf8)
            guard repaired.bytes[repaired.start...].contains(UInt8(ascii: "<")) else { throw FeedParseError(.notAFeed, "neither XML nor JSON") }
            let reader = XMLFeedReader(documentURL: documentURL)
            reader.builder.repairsText = decoded.encoding == .utf8
            reader.builder.eachItem = eachItem
            if let fatal = reader.parse(repaired.bytes, from: repaired.start) { throw fatal }
            feed = reader.builder.feed
            if let reason = reader.builder.notAFeedReason { throw FeedParseError(.notAFeed, "not a feed: \(reason)") }
            if feed.format == .unknown, reader.builder.itemCount == 0 { throw FeedParseError(.malformed, "no feed found in the document") }
            feed.warnings = repaired.warnings + feed.warnings
        }
        feed.warnings = decoded.warnings + feed.warnings
        feed.encoding = decoded.encoding
        feed.encodingSource = decoded.source
        return feed
    }
}
