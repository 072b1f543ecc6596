import Foundation
import Testing
@testable import TelexFeeds

@Suite struct ParserBehaviourTests {
    static let authors: [(String, String)] = [
        ("jo@example.com (Jo Writer)", "Jo Writer"),
        ("Jo Writer <jo@example.com>", "Jo Writer"),
        ("Jo Writer (jo@example.com)", "Jo Writer"),
        ("  Jo   Writer ", "Jo Writer"),
        ("jo@example.com", "jo@example.com"),
    ]

    @Test(arguments: authors)
    func rssAuthorsBecomeDisplayNames(_ raw: String, _ expected: String) {
        #expect(FeedBuilder.authorName(raw) == expected)
    }

    @Test func theFallbackIDIsStableAndDependsOnTitleAndDate() throws {
        func feed(_ title: String, _ date: String) throws -> ParsedItem {
            let xml = "<rss version=\"2.0\"><channel><item><title>\(title)</title><pubDate>\(date)</pubDate></item></channel></rss>"
            return try #require(try FeedParser.parse(Array(xml.utf8)).items.first)
        }
        let a = try feed("Same", "Mon, 01 Jan 2024 10:00:00 GMT")
        #expect(a.id == (try feed("Same", "Mon, 01 Jan 2024 10:00:00 GMT")).id)
        #expect(a.id != (try feed("Same", "Tue, 02 Jan 2024 10:00:00 GMT")).id)
        #expect(a.id != (try feed("Other", "Mon, 01 Jan 2024 10:00:00 GMT")).id)
    }

    @Test func ttlComesFromSyndicationWhenTTLIsAbsent() throws {
        let xml = """
        <rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title>
        <sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency></channel></rss>
        """
        #expect(try FeedParser.parse(Array(xml.utf8)).ttlMinutes == 360)
    }

    @Test func atomTextConstructsFollowTheirType() throws {
        let xml = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
        <entry><id>1</id><title type="text">a &lt;b&gt; c</title><summary type="text">x &lt; y</summary></entry>
        <entry><id>2</id><title type="html">a &lt;b&gt;bold&lt;/b&gt;</title></entry>
        <entry><id>3</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x <b>y</b></div></title></entry>
        </feed>
        """
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.items.map(\.title) == ["a <b> c", "a bold", "x y"])
        #expect(feed.items[0].summaryHTML == "x &lt; y")
    }

    @Test func markupInsideAnRSSTitleIsNotShownAsText() throws {
        // A child element with no end tag (`<BR />`) still makes the title HTML: the tag is not title text.
        let xml = """
        <rss version="2.0"><channel><title>Feed<br/>name</title>
        <item><title>Market entry<BR /></title></item><item><title>x &amp;lt;br&amp;gt; y</title></item></channel></rss>
        """
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.title == "Feed name")
        #expect(feed.items.map(\.title) == ["Market entry", "x <br> y"])
    }

    @Test func namespacesAreMatchedByURINotPrefix() throws {
        let xml = """
        <rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:content="http://example.com/not-content">
        <channel><item><title>t</title><content:encoded>wrong</content:encoded><c:encoded>right</c:encoded></item></channel></rss>
        """
        #expect(try FeedParser.parse(Array(xml.utf8)).items.first?.contentHTML == "right")
    }
}
