import Foundation
import Testing
import TelexScreen
import TelexModel
import TelexArticles
@testable import TelexUI

/// The preview's paragraphs come from TelexArticles' cleaner, made safe for the terminal.
@Suite struct PreviewParagraphTests {
    func paragraphs(_ html: String) -> [String] {
        PreviewContent(item: DocumentResolver.resolve(ItemDetail(headline: Headline(id: ItemID(1), feedID: FeedID(1), title: "T", source: "S", link: nil, sortTime: Date(timeIntervalSince1970: 0), isRead: false, isSaved: false),
                                                                 contentHTML: html))).paragraphs
    }

    @Test(arguments: [
        ("<p>One</p><p>Two</p>", ["One", "Two"]),
        ("Text with <b>bold</b> and <a href='x'>link</a>.", ["Text with bold and link."]),
        ("a &amp; b &lt;c&gt; &#233;t&#xE9; &nbsp;x", ["a & b <c> été \u{A0}x"]),
        ("12&nbsp;% «&#8239;oui&#8239;» Donau&shy;dampf", ["12\u{A0}% «\u{202F}oui\u{202F}» Donau\u{AD}dampf"]),
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
                                summaryHTML: "<p>Feed summary.</p>", articleJSON: ArticleDocumentCodec.encode(article))
        #expect(PreviewContent(item: DocumentResolver.resolve(detail)).paragraphs == ["From the page."])
    }

    /// Only the start of the story is kept: at most 12 paragraphs. (Resolving a hostile summary runs
    /// off the terminal thread; its cost is a benchmark figure: scripts/bench/ui.sh.)
    @Test func onlyTheStartIsKept() {
        let html = (0..<100).map { "<p>Paragraph \($0)</p>" }.joined()
        #expect(paragraphs(html) == (0..<12).map { "Paragraph \($0)" })
        #expect(PreviewContent.maxParagraphs == 12)
    }
}

/// The preview wraps with the one line breaker (TelexArticles' `LineBreaker`).
@Suite struct PreviewWrapTests {
    @Test(arguments: [
        ("the quick brown fox", 9, ["the quick", "brown fox"]),
        // No language, so no dictionary: the word is split where the line is full, with a hyphen.
        ("supercalifragilistic", 8, ["superca-", "lifragi-", "listic"]),
        ("東京で国際会議", 6, ["東京で", "国際会", "議"]),
        ("été à Noël", 4, ["été", "à", "Noël"]),
        ("", 10, []),
    ]) func linesFitTheWidth(_ text: String, _ width: Int, _ expected: [String]) {
        let lines = LineBreaker.lines(text, width: width)
        #expect(lines == expected)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
    }

    @Test func thePreviewPaneBreaksLikeTheReader() {
        let detail = ItemDetail(headline: Headline(id: ItemID(1), feedID: FeedID(1), title: "T", source: "S", link: nil, sortTime: Date(timeIntervalSince1970: 0), isRead: false, isSaved: false),
                                contentHTML: "<p>Il a dit&nbsp;: «&nbsp;Non&nbsp;!&nbsp;» puis est parti.</p>")
        var state = AppState(width: 60, height: 20)
        state.headlines.rows = [detail.headline]
        state.headlines.loaded = true
        state.preview = PreviewContent(item: DocumentResolver.resolve(detail))
        let body = PreviewView.lines(state, width: 14).filter { $0.role == .body }.map(\.text).filter { !$0.isEmpty }
        #expect(body == ["Il a dit\u{A0}:", "«\u{A0}Non\u{A0}!\u{A0}» puis", "est parti."])
    }
}
