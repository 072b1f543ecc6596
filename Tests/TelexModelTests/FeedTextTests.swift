import Testing
import TelexModel

@Suite("Plain text for the index")
struct PlainTextTests {
    @Test(arguments: [
        ("<p>Hello <b>world</b></p>", "Hello world"),
        ("Fish &amp; chips &#233;t&#xE9; &nbsp;x", "Fish & chips été x"),
        ("a &bogus; b & c", "a &bogus; b & c"),
        ("line\none\t\u{1B}[31mred", "line one [31mred"),
        ("東京\u{3000}の\u{00A0}ニュース\u{85} 👍🏽 Zoë", "東京 の ニュース 👍🏽 Zoë"),
        ("<a href=\"x\">a</a>b<br/>c", "a b c"),
        ("&#27;x&#x1F600;", "x😀"),
        ("trailing <i>tag", "trailing tag"),
    ])
    func htmlBecomesPlainText(html: String, text: String) {
        #expect(PlainText.fromHTML(html) == text)
        // The count made while writing is the scalars of what was written.
        #expect(PlainText.counted(html).scalars == text.unicodeScalars.count)
    }

    @Test func theOutputIsBoundedInCharacters() {
        let text = PlainText.fromHTML(String(repeating: "é ", count: 10_000), limit: 101)
        #expect(text.count == 101 && text.hasPrefix("é é") && text.hasSuffix("é"))
        let cut = PlainText.counted("<p>東京 " + String(repeating: "&#x1F600;&amp;", count: 5_000), limit: 100)
        #expect(cut.scalars == 100 && cut.text.unicodeScalars.count == 100)
        // A run of plain ASCII stops at the limit too, mid-word.
        #expect(PlainText.counted(String(repeating: "abcdef ", count: 1000), limit: 10) == ("abcdef abc", 10))
        #expect(PlainText.fromHTML("x<b>yz</b>&amp;w", limit: 3) == "x y")
    }
}

/// The one rule that tells a feed's summary from a whole story (the fetcher's `article: auto` and
/// the reader's "not cached" note both ask it).
@Suite struct FeedTextTests {
    static let x599 = String(repeating: "x", count: 599)

    @Test(arguments: [
        (nil, nil, true),
        ("<p>short</p>", nil, true),
        (nil, x599, true),
        ("", String(repeating: "x", count: 600), false),
        (x599, nil, true),
        (String(repeating: "x", count: 600), nil, false),
        ("<p>" + String(repeating: "é", count: 600) + "</p>", nil, false),
        (String(repeating: "<br>", count: 1000), nil, true),
        (String(repeating: "a&amp;", count: 300), nil, false), // entities count as the character they are
        (String(repeating: "a&nbsp;", count: 299), nil, true), // 598 characters; whitespace runs count once
        // Summary and content both count, with a space between: 300 + 1 + 299.
        ("<p>" + String(repeating: "a", count: 300) + "</p>", "<p>" + String(repeating: "b", count: 299) + "</p>", false),
        ("<p>" + String(repeating: "a", count: 300) + "</p>", "<p>" + String(repeating: "b", count: 298) + "</p>", true),
        ("<p>" + x599 + "</p>", "<p>" + x599 + "</p>", true),  // the same HTML twice counts once
    ] as [(String?, String?, Bool)])
    func aSummaryIsLessThan600CharactersOfTheFeedsText(summary: String?, content: String?, isSummary: Bool) {
        #expect(FeedText.isSummary(length: FeedText.length(summaryHTML: summary, contentHTML: content)) == isSummary)
        let counted = FeedText.counted(summaryHTML: summary, contentHTML: content)
        #expect(counted.scalars == counted.text.unicodeScalars.count)
        #expect(counted.text == FeedText.plain(summaryHTML: summary, contentHTML: content))
    }

    @Test func theTextIsTheSummaryThenTheContent() {
        #expect(FeedText.plain(summaryHTML: "<p>Short one.</p>", contentHTML: "<p>The  whole\nstory.</p>") == "Short one. The whole story.")
        #expect(FeedText.plain(summaryHTML: "<p>Same</p>", contentHTML: "<p>Same</p>") == "Same")
    }
}
