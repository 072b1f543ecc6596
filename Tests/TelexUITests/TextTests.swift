import Testing
import TelexScreen
@testable import TelexUI

@Suite struct PlainTextTests {
    @Test(arguments: [
        ("<p>One</p><p>Two</p>", ["One", "Two"]),
        ("Text with <b>bold</b> and <a href='x'>link</a>.", ["Text with bold and link."]),
        ("a &amp; b &lt;c&gt; &#233;t&#xE9; &nbsp;x &unknown; y", ["a & b <c> été x &unknown; y"]),
        ("<script>alert(1)</script><style>p{}</style>Visible", ["Visible"]),
        ("line<br>break", ["line", "break"]),
        ("1 < 2 and no tag", ["1 < 2 and no tag"]),
        ("  spaced \n\n out  ", ["spaced out"]),
        ("<p>\u{1B}[2Jescape \u{202E}bidi</p>", ["[2Jescape bidi"]),
        ("", []),
    ]) func htmlBecomesParagraphs(_ html: String, _ expected: [String]) {
        #expect(PlainText.paragraphs(fromHTML: html) == expected)
    }

    @Test func manyUnclosedAnglesStayLinear() {
        let html = String(repeating: "<", count: 60_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = PlainText.paragraphs(fromHTML: html) }
        #expect(elapsed < .seconds(2))
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
