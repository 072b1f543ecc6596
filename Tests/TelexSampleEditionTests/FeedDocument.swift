// Reads the edition's feeds the simple way (FoundationXML / JSONSerialization) to check what they say.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TelexSampleEdition

/// What a test needs from one feed: its format, its items' links, titles, summaries and dates.
struct FeedDocument {
    enum Format: Equatable { case rss, atom, jsonFeed }
    struct Item { var link = ""; var title = ""; var summary = ""; var date = "" }

    var format: Format
    var items: [Item]

    /// Parses `text`; throws when it is not well-formed XML or JSON, or not a feed.
    init(_ text: String) throws {
        if text.hasPrefix("{") {
            guard let doc = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  doc["version"] as? String == "https://jsonfeed.org/version/1.1",
                  let items = doc["items"] as? [[String: Any]] else { throw FeedError.notAFeed }
            format = .jsonFeed
            self.items = items.map {
                Item(link: $0["url"] as? String ?? "", title: $0["title"] as? String ?? "",
                     summary: $0["summary"] as? String ?? "", date: $0["date_published"] as? String ?? "")
            }
            return
        }
        let reader = XMLFeedReader()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = reader
        guard parser.parse() else { throw FeedError.malformed(parser.parserError.map { "\($0)" } ?? "unknown") }
        switch reader.root {
        case "rss": format = .rss
        case "feed": format = .atom
        default: throw FeedError.notAFeed
        }
        items = reader.items
    }

    enum FeedError: Error { case malformed(String), notAFeed }
}

/// Collects items from RSS 2.0 and Atom 1.0 documents.
private final class XMLFeedReader: NSObject, XMLParserDelegate {
    var root: String?
    var items: [FeedDocument.Item] = []
    private var current: FeedDocument.Item?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        if name == "item" || name == "entry" { current = FeedDocument.Item() }
        if name == "link", root == "feed", attributes["rel"] ?? "alternate" == "alternate", let href = attributes["href"] {
            current?.link = href
        }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "item", "entry":
            if let item = current { items.append(item) }
            current = nil
        case "title": current?.title = text
        case "link" where root == "rss": current?.link = text
        case "description", "summary": current?.summary = text
        case "pubDate", "published": current?.date = text
        default: break
        }
    }
}
