import Testing
import TelexScreen
@testable import TelexTerminal

/// The bytes written after curses' frame to make links OSC 8 hyperlinks.
@Suite struct HyperlinkWriterTests {
    static let writer = HyperlinkWriter(useColor: true, colors: 256, directColor: false)
    static let linkStyle = Style(foreground: .cyan, attributes: .underline)

    static func frame(link url: String? = "https://example.org/a", text: String = "see here", x: Int = 4) -> ScreenBuffer {
        var b = ScreenBuffer(width: 30, height: 3)
        b.put("Read ", x: 0, y: 1)
        let end = b.put(text, x: x, y: 1, style: linkStyle)
        if let url { b.addHyperlink(url, x: x, y: 1, maxX: end) }
        return b
    }

    @Test func aNewLinkIsItsTextBetweenOpenAndCloseThenTheCursorGoesBack() {
        let out = Self.writer.output(previous: nil, current: Self.frame(), changes: [], cursor: (x: 0, y: 2))
        #expect(out == "\u{1B}[2;5H" + "\u{1B}]8;;https://example.org/a\u{1B}\\" + "\u{1B}[0;4;36m" + "see here"
                + "\u{1B}]8;;\u{1B}\\" + "\u{1B}[0m" + "\u{1B}[3;1H")
    }

    @Test func anUnchangedLinkIsNotWrittenAgain() {
        let f = Self.frame()
        #expect(Self.writer.output(previous: f, current: f, changes: [], cursor: (x: 0, y: 0)) == "")
    }

    /// curses drew over a cell of the link (a new style, the cursor link): the link is written again.
    @Test func aLinkCursesRedrewIsWrittenAgain() {
        let f = Self.frame()
        var g = f
        g.restyle(Rect(x: 6, y: 1, width: 1, height: 1)) { _ in .attrs(.reverse) }
        let runs = ScreenDiff.changes(from: f, to: g)
        #expect(!runs.isEmpty)
        let out = Self.writer.output(previous: f, current: g, changes: runs, cursor: (x: 0, y: 0))
        #expect(out.contains("\u{1B}]8;;https://example.org/a\u{1B}\\"))
    }

    /// The same text no longer a link: its cells are drawn again without one.
    @Test func aLinkThatWentAwayIsDrawnPlain() {
        let out = Self.writer.output(previous: Self.frame(), current: Self.frame(link: nil), changes: [], cursor: (x: 0, y: 0))
        #expect(out.contains("see here") && !out.contains("\u{1B}]8;;https"))
    }

    @Test func wideGlyphsAreWrittenOnce() {
        let out = Self.writer.output(previous: nil, current: Self.frame(text: "東京 x"), changes: [], cursor: (x: 0, y: 0))
        #expect(out.contains("\u{1B}[0;4;36m東京 x\u{1B}]8;;\u{1B}\\"))
    }

    /// Colours follow what the terminal takes: 256 colours, 24 bits, or none (NO_COLOR).
    @Test func stylesBecomeTheSGRTheTerminalTakes() {
        let style = Style(foreground: .rgb(255, 0, 0), background: .indexed(12), attributes: [.bold, .reverse])
        #expect(HyperlinkWriter(useColor: true, colors: 256, directColor: false).sgr(style) == "\u{1B}[0;1;7;38;5;196;104m")
        #expect(HyperlinkWriter(useColor: true, colors: 1 << 24, directColor: true).sgr(style) == "\u{1B}[0;1;7;38;2;255;0;0;104m")
        #expect(HyperlinkWriter(useColor: false, colors: 0, directColor: false).sgr(style) == "\u{1B}[0;1;7m")
    }
}
