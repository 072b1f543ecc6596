import Testing
@testable import TelexFeeds

@Suite struct HTMLTextTests {
    static let cases: [(String, String)] = [
        ("Plain", "Plain"),
        ("  lots \n of\t space  ", "lots of space"),
        ("<b>Bold</b> and <i>italic</i>", "Bold and italic"),
        ("Caf&eacute; &amp; cr&egrave;me", "Café & crème"),
        ("&#8220;quoted&#x201D;", "\u{201C}quoted\u{201D}"),
        ("&#150; dash", "\u{2013} dash"),                                   // C1 reference read as windows-1252
        ("Unknown &bogus; entity", "Unknown &bogus; entity"),
        ("a < b and c > d", "a < b and c > d"),
        ("<p>One</p><p>Two</p>", "One Two"),
        ("Line<br>break", "Line break"),
        ("x<script>alert('<b>')</script>y", "xy"),
        ("<!-- comment -->visible", "visible"),
        ("no&nbsp;break", "no break"),
        ("<a href=\"x>y\">link</a>", "link"),
    ]

    @Test(arguments: cases)
    func plainTextStripsTagsDecodesEntitiesAndCollapsesSpace(_ html: String, _ expected: String) {
        #expect(HTMLText.plainText(html) == expected)
    }

    @Test func looksLikeHTMLFollowsFeedparser() {
        #expect(HTMLText.looksLikeHTML("<b>x</b>"))
        #expect(HTMLText.looksLikeHTML("Tom &amp; Jerry"))
        #expect(!HTMLText.looksLikeHTML("Use <b> for bold"))
        #expect(!HTMLText.looksLikeHTML("AT&T"))
    }
}
