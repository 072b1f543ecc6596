import Foundation
import Testing
import TelexTestSupport
@testable import TelexFeeds

/// The Atom and RSS shapes feedparser reads (tests/fixtures/feeds/shape-*.xml).
@Suite struct ShapeTests {
    @Test func relativeLinksAndIdsResolveAgainstXMLBaseAtEveryLevel() throws {
        let feed = try parseFixture("shape-atom-xml-base.xml", url: "http://ignored.example/feed.atom")
        #expect(feed.link == "http://example.org/blog/index.html")
        let items = feed.items
        #expect(items.map(\.link) == ["http://example.org/blog/2024/post.html", "https://example.org/blog/only-id",
                                      "http://example.org/blog/entries/3", nil, "https://cdn.example.net/y/z.html"])
        #expect(items.map(\.id) == ["http://example.org/blog/2024/posts/1", "https://example.org/blog/only-id",
                                    "http://example.org/blog/entries/3", "tag:example.org,2024:4",
                                    "urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6"])
        #expect(items[0].contentHTML == "<p><img src=\"http://example.org/blog/2024/img/a.png\"> <a href=\"http://example.org/blog/about.html\">About</a></p>")
    }

    @Test func relativeRSSLinksAndGuidsResolveAgainstTheDocumentURL() throws {
        let feed = try parseFixture("shape-rss-relative.xml", url: "http://news.example.com/feeds/rss.xml")
        #expect(feed.link == "http://news.example.com/")
        #expect(feed.items.map(\.link) == ["http://news.example.com/stories/1.html", "http://other.example.net/a/b.html",
                                           "http://news.example.com/stories/3.html"])
        // A guid that says it is no permalink is an opaque id: not resolved.
        #expect(feed.items.map(\.id) == ["http://news.example.com/feeds/stories/1", "12345", "http://news.example.com/stories/3.html"])
    }

    @Test func aFeedWhoseOnlyURLIsItsIdGetsItAsLink() throws {
        let feed = try parseFixture("shape-feed-id-link.xml")
        #expect(feed.link == "http://example.com/news/latest")
        #expect(feed.items.map(\.link) == ["http://example.com/news/1"])
    }

    @Test func anAtomEntryDocumentIsAFeedOfOneItem() throws {
        let feed = try parseFixture("shape-entry-document.xml")
        #expect(feed.format == .atom10)
        #expect(feed.language == "en-GB")
        #expect(feed.title == nil)
        #expect(feed.items.count == 1)
        let item = try #require(feed.items.first)
        #expect(item.title == "A single entry")
        #expect(item.link == "http://example.com/entry")
        #expect(item.id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a")
        #expect(item.authors == ["Ann Author"])
        #expect(item.summaryHTML == "Entry documents are feeds of one item.")
        #expect(item.published.map(iso) == "2024-05-01T08:00:00Z")
    }

    @Test func hexadecimalReferencesWithACapitalXAreCharacters() throws {
        let feed = try parseFixture("shape-hex-charref.xml")
        #expect(feed.title == "Hex ABC")
        #expect(feed.warnings.isEmpty)
        let item = try #require(feed.items.first)
        #expect(item.title == "Price €5 — été")
        #expect(item.link == "http://example.com/?a=1&b=2")
        // The references are XML's: they make "<" and ">" in the description's HTML source.
        #expect(item.summaryHTML == "<p><tag> 😀</p>")
    }

    @Test func itemChildrenInUnexpectedNamespacesAreReadAsFeedparserReadsThem() throws {
        let feed = try parseFixture("shape-item-namespaces.xml")
        #expect(feed.items.map(\.title) == ["Unprefixed in an unknown default namespace", "Misspelt module URIs",
                                            "Unknown prefixed elements are skipped"])
        #expect(feed.items[0].link == "http://example.com/a")
        #expect(feed.items[0].summaryHTML == "Read as RSS")
        #expect(feed.items[1].authors == ["Dee Creator"])
        #expect(feed.items[1].published.map(iso) == "2024-06-01T12:00:00Z")
        #expect(feed.items[1].contentHTML == "<p>Full text</p>")
    }

    @Test func titlesOfMadeUpTypesAreText() throws {
        let feed = try parseFixture("shape-title-types.xml")
        #expect(feed.title == "Custom type")
        #expect(feed.items.map(\.title) == ["A custom title", "Plain <b>text</b>", "Example <b>Atom</b>", "Test", "Bold move"])
    }

    @Test func datesInEveryShapeFeedparserReads() throws {
        let feed = try parseFixture("shape-dates.xml")
        #expect(feed.items.map { $0.published.map(iso) } == [
            "2024-02-04T18:30:00Z", "2024-02-04T13:30:00Z", "2024-02-04T00:10:00Z", "2004-01-26T21:31:00Z",
            "2006-09-15T12:19:53Z", "2004-05-25T14:23:17Z", "2009-08-19T18:28:00Z", "2003-12-31T10:14:55Z",
        ])
        #expect(feed.warnings.isEmpty)
    }

    @Test func doubleEncodedUTF8AndC1ControlsAreRepaired() throws {
        let feed = try parseFixture("shape-double-encoded.xml")
        #expect(feed.items.map(\.title) == ["Café crème", "don’t", "naïve café À la carte"])
        #expect(feed.items[0].summaryHTML == "Wait…")
    }
}
