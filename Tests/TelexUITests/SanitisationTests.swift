import Testing
import TelexModel
import TelexScreen
@testable import TelexUI

@Suite struct SanitisationTests {
    static let hostile = [
        "Clear \u{1B}[2J the screen",
        "Copy \u{1B}]52;c;SGVsbG8gd29ybGQ=\u{07} to clipboard",
        "Right-to-left \u{202E}gnp.exe\u{202C} override",
        "Isolates \u{2066}hidden\u{2069} and C1 \u{9B}31m CSI",
        "Title with\nnewline and\ttab and \u{0}NUL",
    ]

    @Test func hostileTitlesNeverPutAControlIntoACell() {
        let rows = Self.hostile.enumerated().map { i, t in
            headline(Int64(10 - i), t, source: "Evil\u{1B}[31m Feed\u{202E}", age: Double(i) * 60)
        }
        let sections = [SectionSummary(id: SectionID(1), name: "Sec\u{1B}]0;title\u{07}tion", unread: 5, total: 5,
                                       feeds: [FeedSummary(id: FeedID(1), url: "u", title: "F\u{202E}eed", unread: 5, total: 5)])]
        for (w, h) in [(120, 40), (80, 24), (40, 12)] {
            let detail = ItemDetail(headline: rows[0], author: "Mallory\u{1B}[2J",
                                    summaryHTML: "<p>Body \u{1B}]52;c;AAAA\u{07} text \u{202E}rev</p>")
            var d = Driver(width: w, height: h, sections: sections, rows: rows, details: [detail])
            d.press(.character("+"), .tab)
            d.send(.failed("error \u{1B}[2J message"))
            let buffer = RootView.render(d.state)
            for cell in buffer.cells {
                for s in cell.glyph.text.unicodeScalars {
                    #expect(!TerminalSafe.isUnsafe(s), "unsafe U+\(String(s.value, radix: 16)) at \(w)x\(h)")
                    #expect(s != "\u{FFFD}", "a control became a replacement glyph instead of being removed")
                }
            }
            let text = buffer.lines.joined(separator: "\n")
            #expect(text.contains("Clear [2J the screen") || w < 80)
            #expect(text.contains("Right-to-left gnp.exe override") || w < 80)
            #expect(text.contains("Mallory[2J") || w < 120)
        }
    }
}
