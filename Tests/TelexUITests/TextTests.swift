import Foundation
import Testing
import TelexScreen
import TelexModel
import TelexArticles
@testable import TelexUI

/// The preview's paragraphs come from TelexArticles' cleaner, made safe for the terminal.
@Suite struct PreviewParagraphTests {
    func paragraphs(_ html: String) -> [String] {
        PreviewContent(detail: ItemDetail(headline: Headline(id: ItemID(1), feedID: FeedID(1), title: "T", source: "S", link: nil, sortTime: Date(timeIntervalSince1970: 0), isRead: false, isSaved: false),
                                          contentHTML: html)).paragraphs
    }

    @Test(arguments: [
        ("<p>One</p><p>Two</p>", ["One", "Two"]),
        ("Text with <b>bold</b> and <a href='x'>link</a>.", ["Text with bold and link."]),
        ("a &amp; b &lt;c&gt; &#233;t&#xE9; &nbsp;x", ["a & b <c> été x"]),
        ("<script>alert(1)</script><style>p{}</style>Visible", ["Visible"]),
        ("<ul><li>first</li><li>second</li></ul>", ["first", "second"]),
        ("1 < 2 and no tag", ["1 < 2 and no tag"]),
        ("  spaced \n\n out  ", ["spaced out"]),
        ("<p>\u{1B}[2Jescape \u{202E}bidi</p>", ["[2Jescape bidi"]),
        ("", []),
    ]) func htmlBecomesParagraphs(_ html: String, _ expected: [String]) {
        #expect(paragraphs(html) == expected)
    }

    @Test func theCachedArticleIsPreviewedWhenTheReaderWouldShowIt() throws {
        let article = ArticleDocument(blocks: [.paragraph([.text("From the page.")])], confidence: 0.9)
        let detail = ItemDetail(headline: Headline(id: ItemID(1), feedID: FeedID(1), title: "T", source: "S", link: nil, sortTime: Date(timeIntervalSince1970: 0), isRead: false, isSaved: false),
                                summaryHTML: "<p>Feed summary.</p>", articleJSON: try JSONEncoder().encode(article))
        #expect(PreviewContent(detail: detail).paragraphs == ["From the page."])
    }

    /// Only the start of the feed's HTML is read (the preview is rebuilt on every move): at most
    /// 12 paragraphs, and nothing past the first 64 KiB, however much follows. (Its cost on a
    /// hostile summary is a benchmark figure: scripts/bench/ui.sh.)
    @Test func onlyTheStartIsKept() {
        let html = (0..<100).map { "<p>Paragraph \($0)</p>" }.joined()
        #expect(paragraphs(html) == (0..<12).map { "Paragraph \($0)" })
        let pastTheLimit = "<p>first</p>" + String(repeating: " ", count: 64 * 1024) + "<p>beyond the limit</p>"
        #expect(paragraphs(pastTheLimit) == ["first"])
        // The limit falls inside "é" (2 bytes): the preview keeps what comes before it.
        let cutInACharacter = "<p>" + String(repeating: "a", count: 64 * 1024 - 4) + "é and more</p>"
        #expect(paragraphs(cutInACharacter) == [String(repeating: "a", count: 64 * 1024 - 4)])
    }
}

@Suite struct TextWrapTests {
    @Test(arguments: [
        ("the quick brown fox", 9, ["the quick", "brown fox"]),
        ("supercalifragilistic", 8, ["supercal", "ifragili", "stic"]),
        ("東京で国際会議", 6, ["東京で", "国際会", "議"]),
        ("été à Noël", 4, ["été", "à", "Noël"]),
        ("", 10, []),
    ]) func linesFitTheWidth(_ text: String, _ width: Int, _ expected: [String]) {
        let lines = TextWrap.lines(text, width: width)
        #expect(lines == expected)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
    }
}
