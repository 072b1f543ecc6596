import Foundation
import Testing
@testable import TelexFeeds

@Suite struct QuirkTests {
    @Test func htmlNamedEntitiesResolveInTextAndAttributes() throws {
        let feed = try parseFixture("quirk-html-entities.xml")
        let item = try #require(feed.items.first)
        #expect(item.title == "Café & crème brûlée …")
        #expect(item.categories == ["naïve"])
        #expect(item.imageURL == "http://q.example.com/img?a=1&b=café")
        #expect(item.summaryHTML == "<p>€5 © 2024</p> ™")
    }

    @Test func bareAmpersandsAndUnknownEntitiesSurviveAsText() throws {
        let feed = try parseFixture("quirk-bare-ampersand.xml")
        #expect(feed.items.map(\.title) == ["Fish & Chips & Peas &unknownentity; AT&T", "Still here"])
        #expect(feed.items[0].link == "http://q.example.com/fish?a=1&b=2")
        #expect(feed.items[0].summaryHTML == "Salt & vinegar; 3 < 4")
        #expect(feed.warnings.contains { $0.contains("ampersand") })
    }

    @Test func truncatedDocumentsKeepEveryItemRead() throws {
        let feed = try parseFixture("quirk-truncated.xml")
        #expect(feed.title == "Cut off")
        #expect(feed.items.map(\.title) == ["Complete one", "Complete two", "Partial three"])
        #expect(feed.warnings.contains { $0.contains("ends inside an item") })
    }

    @Test func junkBeforeThePrologIsSkipped() throws {
        let feed = try parseFixture("quirk-junk-before-prolog.xml")
        #expect(feed.items.map(\.title) == ["After the junk"])
        #expect(feed.warnings.contains { $0.contains("junk") })
    }

    static let encodings: [(String, String?, String)] = [
        ("quirk-windows-1252.xml", nil, "\u{201C}Smart quotes\u{201D} \u{2014} and \u{20AC} prices, naïve café"),
        ("quirk-iso-8859-1.xml", nil, "Grüße aus Köln"),
        ("quirk-iso-8859-15.xml", nil, "Prix : 5 \u{20AC}, \u{152}uvre"),
        ("quirk-koi8-r.xml", nil, "Привет, мир"),
        ("quirk-mislabelled-utf8.xml", nil, "Café \u{2013} crème"),
        ("quirk-invalid-utf8.xml", nil, "Valid été and stray é byte"),
        ("quirk-utf16le-bom.xml", nil, "UTF-16 日本語"),
        ("quirk-utf16be-nobom.xml", nil, "UTF-16BE é"),
        ("quirk-utf8-bom.xml", nil, "BOM ✓"),
        ("quirk-content-type-charset.xml", "text/xml; charset=ISO-8859-1", "À bientôt"),
    ]

    @Test(arguments: encodings)
    func charsetsAreDetectedAndConverted(_ name: String, _ contentType: String?, _ title: String) throws {
        let feed = try parseFixture(name, contentType: contentType)
        #expect(feed.items.first?.title == title, "\(name)")
    }

    @Test func contentTypeCharsetIsUsedWhenThePrologIsSilent() throws {
        // Without the header nothing is declared and the latin-1 bytes are not UTF-8: detected.
        let feed = try parseFixture("quirk-content-type-charset.xml")
        #expect(feed.items.first?.title == "À bientôt")
        #expect(feed.encoding.name == "windows-1252")
        #expect(feed.encodingSource == .detected)
    }

    @Test func controlCharactersAreDropped() throws {
        let feed = try parseFixture("quirk-control-chars.xml")
        #expect(feed.items.first?.title == "Bell and form feed")
    }

    @Test func itemsWithoutGuidGetStableIDs() throws {
        let feed = try parseFixture("quirk-no-guid.xml")
        #expect(feed.items[0].id == "http://n.example.com/only-link")
        #expect(feed.items[1].id.hasPrefix("telex:"))
        #expect(try parseFixture("quirk-no-guid.xml").items[1].id == feed.items[1].id)
        #expect(feed.items[2].id == "http://n.example.com/permalink")
        #expect(feed.items[2].link == "http://n.example.com/permalink")
    }

    @Test func relativeURLsResolveAgainstTheDocumentURL() throws {
        let feed = try parseFixture("quirk-relative-links.xml", url: "http://base.example.com/feeds/main.xml")
        let item = try #require(feed.items.first)
        #expect(item.link == "http://base.example.com/posts/1")
        #expect(item.commentsURL == "http://base.example.com/c/1")
        #expect(item.enclosures.first?.url == "http://base.example.com/feeds/media/1.mp3")
    }

    @Test func datesComeFromOtherFieldsWhenPubDateIsMissing() throws {
        let feed = try parseFixture("quirk-dates-elsewhere.xml")
        #expect(feed.items.map { iso($0.published) } == ["2024-03-05T05:07:08Z", "2024-03-06T00:00:00Z", "2024-03-06T09:00:00Z"])
    }

    @Test func unescapedMarkupInDescriptionsIsKeptAsHTML() throws {
        let feed = try parseFixture("quirk-inline-html-description.xml")
        #expect(feed.items.first?.summaryHTML == "<p>Unescaped <b>bold</b> HTML<br>line</p>")
    }

    @Test func xhtmlBodyBecomesContent() throws {
        let feed = try parseFixture("quirk-xhtml-body.xml", url: "http://x.example.com/feed")
        #expect(feed.items.first?.contentHTML == "<p>Body &amp; <a href=\"http://x.example.com/rel\">link</a></p>")
    }

    @Test func podcastsReadItunesFields() throws {
        let feed = try parseFixture("quirk-itunes-podcast.xml")
        #expect(feed.image == "http://p.example.com/show.jpg")
        let item = try #require(feed.items.first)
        #expect(item.authors == ["Host Name"])
        #expect(item.summaryHTML == "Episode summary")
        #expect(item.imageURL == "http://p.example.com/e1.jpg")
    }

    @Test func internalEntitiesWithPlainTextExpand() throws {
        let feed = try parseFixture("quirk-internal-entity.xml")
        #expect(feed.title == "Example Corp news")
        #expect(feed.items.first?.title == "About Example Corp")
    }
}
