import Foundation
import Testing
@testable import TelexFeeds

/// Behaviours taken from feedparser's own corpus (scripts/conformance.py): base64 Atom text, relative
/// URLs inside HTML, CDF, pre-standard Atom namespaces, RSS element variants.
@Suite struct VariantTests {
    @Test func base64AtomTextIsDecodedAndBinaryDropped() throws {
        let feed = try parseFixture("quirk-base64-atom.xml")
        #expect(feed.title == "Base64 feed")
        #expect(feed.items[0].title == "Plain title")
        #expect(feed.items[0].contentHTML == "<p>Decoded <b>content</b></p>")
        #expect(feed.items[1].contentHTML == nil)
        #expect(feed.items[1].summaryHTML == nil)
    }

    @Test func relativeURLsInsideEscapedHTMLResolveAgainstXMLBase() throws {
        let feed = try parseFixture("quirk-relative-html.xml", url: "http://fixtures.example/feeds/x.xml")
        let item = try #require(feed.items.first)
        #expect(item.link == "http://q.example.com/blog/posts/1")
        #expect(item.summaryHTML == ##"<a href="http://q.example.com/blog/posts/2?a=1&amp;b=2">next</a> <img src='http://q.example.com/img/x.png' alt=x> <a href="#top">top</a> <a href="https://elsewhere.example/">abs</a>"##)
        #expect(item.contentHTML == #"<p><a HREF=http://other.example.org/dir/page.html>page</a> <blockquote cite="http://other.example.org/q">q</blockquote></p>"#)
    }

    @Test func relativeURLsResolveAgainstTheDocumentURLAndUnsafeBasesAreIgnored() throws {
        let xml = Array(#"<rss version="2.0"><channel><item><description>&lt;a href="/p"&gt;p&lt;/a&gt;</description><link>/l</link></item></channel></rss>"#.utf8)
        let item = try #require(try FeedParser.parse(xml, documentURL: "http://d.example/feed").items.first)
        #expect(item.summaryHTML == #"<a href="http://d.example/p">p</a>"#)
        let unsafe = try #require(try FeedParser.parse(xml, documentURL: "javascript:alert(1)").items.first)
        #expect(unsafe.link == "/l")
        #expect(RelativeURLs.resolve(in: Array("<p>no links</p>".utf8), against: "http://d.example/") == nil)
    }

    @Test func cdfChannelsAndItemsAreRead() throws {
        let feed = try parseFixture("quirk-cdf.xml")
        #expect(feed.title == "CDF channel")
        #expect(feed.link == "http://q.example.com/")
        #expect(iso(feed.updated) == "2004-04-07T04:05:43Z")
        let item = try #require(feed.items.first)
        #expect(item.title == "CDF item")
        #expect(item.link == "http://q.example.com/one")
        #expect(item.summaryHTML == "An abstract")
        #expect(iso(item.updated) == "2004-04-07T10:00:00Z")
    }

    @Test func aRootInAnUnknownNamespaceIsReadAsTheFeedVocabulary() throws {
        let feed = try parseFixture("quirk-unknown-namespace-atom.xml")
        #expect(feed.format == .atom03)
        #expect(feed.title == "Pre-standard Atom")
        #expect(feed.language == "en-US")
        let item = try #require(feed.items.first)
        #expect(item.link == "http://q.example.com/pie/1")
        // Repeated dates: the last one wins, as in feedparser.
        #expect(iso(item.published) == "2010-01-01T19:48:21Z")
        #expect(iso(item.updated) == "2011-12-31T10:14:55Z")
    }

    @Test func rssItemVariants() throws {
        let feed = try parseFixture("quirk-rss-item-variants.xml")
        #expect(feed.title == "Mixed-case channel")
        #expect(feed.image == "http://q.example.com/logo.jpg")
        #expect(feed.items[0].contentHTML == "Inline <b>XHTML</b> body<script>alert(1)</script>")
        #expect(feed.items[1].contentHTML == "<p>Escaped full item</p>")
        #expect(feed.items[2].summaryHTML == "The summary")
        #expect(feed.items[2].contentHTML == "The description")
        #expect(feed.items[2].categories == ["tag one", "tag two", "category one", "media cat"])
        #expect(feed.items[3].title == "Only a media title")
        // A second description of any kind is the body when the item has none (feedparser's reading);
        // with a body, the description outranks the podcast summary.
        #expect(feed.items[4].summaryHTML == "The description")
        #expect(feed.items[4].contentHTML == "<p>The media description</p>")
        #expect(feed.items[5].summaryHTML == "The podcast summary")
        #expect(feed.items[5].contentHTML == "The description")
        #expect(feed.items[6].summaryHTML == "The description")
        #expect(feed.items[6].contentHTML == "<p>The body</p>")
    }

    @Test func base64Decoding() {
        #expect(Base64Text.decode(Array("RXhh\nbXBsZQ==".utf8)) == .text(Array("Example".utf8)))
        #expect(Base64Text.decode(Array("not base64!".utf8)) == .notBase64)
        #expect(Base64Text.decode(Array("/w==".utf8)) == .binary)   // 0xFF: not UTF-8
        #expect(Base64Text.decode(Array("Q".utf8)) == .notBase64)   // six bits: no whole byte
    }

    @Test func unterminatedCommentsAndDeclarationsInTitles() {
        #expect(HTMLText.plainText("sa<!-- -- nonwhitespace >fe<script>alert(1);</script>") == "safe")
        #expect(HTMLText.plainText("<!DOCTYPE ~") == "<!DOCTYPE ~")
    }
}
