import Foundation
import Testing
@testable import TelexFeeds

@Suite struct FormatTests {
    @Test func formatsAreDetectedFromTheDocument() throws {
        let expected: [(String, FeedFormat)] = [
            ("rss20-full.xml", .rss20), ("rss091.xml", .rss091), ("rss092.xml", .rss092), ("rss090.rdf", .rss090),
            ("rss10.rdf", .rss10), ("atom10.xml", .atom10), ("atom03.xml", .atom03),
            ("jsonfeed10.json", .jsonFeed10), ("jsonfeed11.json", .jsonFeed11),
        ]
        for (name, format) in expected {
            #expect(try parseFixture(name).format == format, "\(name)")
        }
    }

    @Test func rss20ReadsChannelAndEveryItemField() throws {
        let feed = try parseFixture("rss20-full.xml")
        #expect(feed.title == "The Daily Example")
        #expect(feed.link == "https://example.com/")
        #expect(feed.description == "News & views from Example")
        #expect(feed.language == "en-gb")
        #expect(iso(feed.updated) == "2003-06-10T04:00:00Z")
        #expect(feed.image == "https://example.com/logo.png")
        #expect(feed.ttlMinutes == 45)
        #expect(feed.items.count == 2)
        let first = feed.items[0]
        #expect(first.id == "https://example.com/2003/06/03.html#item573")
        #expect(first.title == "Star City & the <Moon>")
        #expect(first.link == "https://example.com/2003/06/03/star-city")
        #expect(iso(first.published) == "2003-06-03T09:39:21Z")
        #expect(first.authors == ["Jo Writer"])
        #expect(first.summaryHTML == "How do Americans get ready to work with Russians aboard the <b>International Space Station</b>?")
        #expect(first.contentHTML == "<p>Full <em>story</em> here &amp; more.</p>")
        #expect(first.categories == ["Space", "Science"])
        #expect(first.enclosures == [Enclosure(url: "https://example.com/audio/star.mp3", type: "audio/mpeg", length: 12_216_320)])
        #expect(first.commentsURL == "https://example.com/2003/06/03/star-city#comments")
        #expect(first.imageURL == "https://example.com/img/star.jpg")
        let second = feed.items[1]
        #expect(second.id == "tag:example.com,2003:second")
        #expect(iso(second.published) == "2003-05-30T15:06:42Z")
        #expect(second.authors == ["Ann Other"])
        #expect(second.imageURL == "https://example.com/img/second.png")
        #expect(feed.warnings.isEmpty)
    }

    @Test func rss091ResolvesHTMLEntitiesFromTheNetscapeDTD() throws {
        let feed = try parseFixture("rss091.xml")
        #expect(feed.title == "Café Weekly")
        #expect(feed.items.map(\.title) == ["Résumé — semaine 12"])
        #expect(feed.items[0].summaryHTML == "Café crème\u{A0}et croissant…")
        #expect(feed.items[0].id == "http://cafe.example.net/12")
    }

    @Test func rss092KeepsItemsWithoutTitles() throws {
        let feed = try parseFixture("rss092.xml")
        #expect(feed.items.count == 2)
        #expect(feed.items[0].title == "")
        #expect(feed.items[0].enclosures.first?.length == 5_588_242)
        #expect(feed.items[0].id.hasPrefix("telex:"))
    }

    @Test func rdfFeedsReadItemsOutsideTheChannel() throws {
        let old = try parseFixture("rss090.rdf")
        #expect(old.title == "Mozilla Dot Org")
        #expect(old.image == "http://www.mozilla.org/images/moz.gif")
        #expect(old.items.map(\.title) == ["New Status Updates", "Bugzilla Reorganized"])
        let rss10 = try parseFixture("rss10.rdf")
        #expect(rss10.language == "en-us")
        #expect(iso(rss10.updated) == "2000-01-01T12:00:00Z")
        #expect(rss10.ttlMinutes == 30)   // hourly, twice
        #expect(rss10.items.count == 2)
        #expect(rss10.items[0].id == "http://xml.example.com/pub/2000/08/09/xslt/xslt.html")
        #expect(rss10.items[0].authors == ["Bob Ducharme"])
        #expect(iso(rss10.items[0].published) == "2000-08-09T12:30:00Z")
        #expect(rss10.items[0].categories == ["XSLT"])
        #expect(rss10.items[1].contentHTML?.hasPrefix("<p>Tool and API") == true)
    }

    @Test func atom10ResolvesXMLBaseAndReadsTextConstructs() throws {
        let feed = try parseFixture("atom10.xml")
        #expect(feed.title == "dive into mark")
        #expect(feed.description == "A lot of effort went into making this effortless")
        #expect(feed.link == "http://example.org/")
        #expect(feed.language == "en")
        #expect(feed.image == "http://example.org/blog/images/logo.png")
        #expect(iso(feed.updated) == "2005-07-31T12:29:29Z")
        let entry = feed.items[0]
        #expect(entry.id == "tag:example.org,2003:3.2397")
        #expect(entry.title == "Atom draft-07 snapshot")
        #expect(entry.link == "http://example.org/blog/2005/04/02/atom")
        #expect(entry.commentsURL == "http://example.org/blog/2005/04/02/atom#comments")
        #expect(entry.enclosures == [Enclosure(url: "http://example.org/audio/ph34r_my_podcast.mp3", type: "audio/mpeg", length: 1337)])
        #expect(iso(entry.published) == "2003-12-13T12:29:29Z")
        #expect(iso(entry.updated) == "2005-07-31T12:29:29Z")
        #expect(entry.authors == ["Mark Pilgrim"])
        #expect(entry.categories == ["atom"])
        #expect(entry.summaryHTML == "Short &amp; sweet")
        let content = try #require(entry.contentHTML)
        #expect(!content.contains("<div"))
        #expect(content.contains("<a href=\"http://diveintomark.org/notes\">the notes</a> &amp; more."))
        let second = feed.items[1]
        #expect(second.title == "Second entry with text <tags>")
        #expect(second.link == "http://other.example.org/second")
        #expect(second.contentHTML == "<p>HTML content</p>")
        #expect(iso(second.published) == "2005-08-01T08:00:00Z")   // updated stands in for published
    }

    @Test func atom03ReadsEscapedModeAndIssuedDates() throws {
        let feed = try parseFixture("atom03.xml")
        #expect(feed.title == "Old <Atom>")
        #expect(feed.link == "http://old.example.org/")
        #expect(feed.description == "An Atom 0.3 feed")
        let entry = try #require(feed.items.first)
        #expect(entry.title == "Entry 0.3")
        #expect(iso(entry.published) == "2004-01-04T14:00:00Z")
        #expect(entry.authors == ["Old Timer"])
        #expect(entry.contentHTML == "<p>Escaped <b>HTML</b></p>")
    }

    @Test func jsonFeedsReadItemsAuthorsAndAttachments() throws {
        let one = try parseFixture("jsonfeed10.json")
        #expect(one.title == "JSON Feed One")
        #expect(one.link == "https://json.example.com/")
        #expect(one.items.map(\.id) == ["2", "1"])
        #expect(one.items[0].contentHTML == "This is a second item.")
        #expect(iso(one.items[0].published) == "2017-05-17T17:02:00Z")
        #expect(one.items[1].title == "First & foremost")
        #expect(one.items[1].link == "https://json.example.com/first")
        #expect(one.items[1].categories == ["intro", "hello"])
        #expect(one.items[1].enclosures == [Enclosure(url: "https://json.example.com/a.mp3", type: "audio/mpeg", length: 1000)])
        #expect(one.items[1].authors == ["Feed Author"])
        let eleven = try parseFixture("jsonfeed11.json")
        #expect(eleven.language == "en-US")
        #expect(eleven.items[0].authors == ["Alice", "Bob"])
        #expect(eleven.items[0].summaryHTML == "Summary text")
        #expect(iso(eleven.items[0].updated) == "2020-02-03T03:03:03Z")
    }

    /// An item's own language (Atom `xml:lang` on the entry, JSON Feed 1.1 `language` on the item): `lang:` prefers
    /// it to the feed's.
    @Test func itemsKeepTheirOwnLanguage() throws {
        let atom = try FeedParser.parse(Array("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>t</title>
            <entry xml:lang="fr_CA"><id>1</id><title>Le budget</title></entry><entry><id>2</id><title>Budget</title></entry></feed>
            """.utf8), documentURL: "https://a.example/feed")
        #expect(atom.language == "en")
        #expect(atom.items.map(\.language) == ["fr-CA", nil])
        let json = try FeedParser.parse(Array("""
            {"version": "https://jsonfeed.org/version/1.1", "title": "t", "language": "en",
             "items": [{"id": "1", "title": "Il bilancio", "language": "it"}, {"id": "2", "title": "Budget"}]}
            """.utf8), documentURL: "https://a.example/feed.json")
        #expect(json.items.map(\.language) == ["it", nil])
    }
}
