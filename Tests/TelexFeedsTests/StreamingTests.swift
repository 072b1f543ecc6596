import Foundation
import Testing
import TelexTestSupport
@testable import TelexFeeds

/// `FeedParser.parse(_:eachItem:)` hands over the same items, in the same order, that a kept parse returns,
/// and keeps none of them (`telex parse --json` streams a 100k-item feed in flat memory).
@Suite struct StreamingTests {
    @Test(arguments: ["rss20-full.xml", "atom10.xml", "rss10.rdf", "jsonfeed11.json", "quirk-truncated.xml", "shape-entry-document.xml",
                      "quirk-rss-item-variants.xml"])
    func streamedItemsAreTheKeptOnes(_ fixture: String) throws {
        let bytes = try Fixtures.bytes("feeds/" + fixture)
        let kept = try FeedParser.parse(bytes, documentURL: "http://example.com/feed")
        var streamed: [ParsedItem] = []
        var header = try FeedParser.parse(bytes, documentURL: "http://example.com/feed") { streamed.append($0) }
        #expect(!kept.items.isEmpty)
        #expect(streamed == kept.items)
        #expect(header.items.isEmpty)
        header.items = kept.items
        #expect(header == kept)
    }

    @Test func theItemLimitHoldsWhenStreaming() throws {
        let items = String(repeating: "<item><title>t</title></item>", count: FeedBuilder.maxItems + 5)
        var count = 0
        let feed = try FeedParser.parse(Array("<rss><channel>\(items)</channel></rss>".utf8)) { _ in count += 1 }
        #expect(count == FeedBuilder.maxItems)
        #expect(feed.warnings.filter { $0.contains("items: the rest ignored") }.count == 1)
    }
}
