import Testing
import TelexModel
import TelexScreen
import TelexTestSupport
@testable import TelexUI

@Suite struct SanitisationTests {
    static let hostile = [
        "Clear \u{1B}[2J the screen",
        "Copy \u{1B}]52;c;SGVsbG8gd29ybGQ=\u{07} to clipboard",
        "Right-to-left \u{202E}gnp.exe\u{202C} override",
        "Isolates \u{2066}hidden\u{2069} and C1 \u{9B}31m CSI",
        "Title with\nnewline and\ttab and \u{0}NUL",
    ]

    /// Every cell of every screen, as the UTF-8 the curses backend would write, holds no byte
    /// sequence a terminal acts on; the visible text survives with the controls taken out.
    @Test(arguments: [(120, 40), (80, 24), (40, 12)])
    func hostileTitlesNeverPutAControlByteIntoACell(width w: Int, height h: Int) {
        let rows = Self.hostile.enumerated().map { i, t in
            headline(Int64(10 - i), t, source: "Evil\u{1B}[31m Feed\u{202E}", age: Double(i) * 60)
        }
        let sections = [SectionSummary(id: SectionID(1), name: "Sec\u{1B}]0;title\u{07}tion", unread: 5, total: 5,
                                       feeds: [FeedSummary(id: FeedID(1), url: "u", title: "F\u{202E}eed", unread: 5, total: 5)])]
        let detail = ItemDetail(headline: rows[0], author: "Mallory\u{1B}[2J",
                                summaryHTML: "<p>Body \u{1B}]52;c;AAAA\u{07} text \u{202E}rev</p>")
        var d = Driver(width: w, height: h, sections: sections, rows: rows, details: [detail])
        d.press(.character("+"), .tab)
        d.send(.failed("error \u{1B}[2J message"))
        let buffer = RootView.render(d.state)
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                #expect(TerminalBytes.acting(in: buffer[x, y].glyph.text) == [], "cell \(x),\(y) at \(w)x\(h)")
                #expect(!buffer[x, y].glyph.text.unicodeScalars.contains("\u{FFFD}"), "a control became a replacement glyph")
            }
        }
        let text = buffer.lines.joined(separator: "\n")
        #expect(TerminalBytes.acting(in: text, allowingNewlines: true) == [])
        if w >= 80 {
            #expect(text.contains("Clear [2J the screen"))
            #expect(text.contains("Right-to-left gnp.exe override"))
            #expect(text.contains("Title with newline and tab and NUL"))
        }
        if w >= 120 {
            #expect(text.contains("Mallory[2J"))
            #expect(text.contains("Body ]52;c;AAAA text rev"))
        }
        #expect(text.contains("error [2J message"))
    }
}
