import TelexTestSupport
import Testing
@testable import TelexScreen

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{301}", 1), ("ß", 1), ("中", 2), ("ｱ", 1), ("한", 2), ("😀", 2),
        ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇫🇷", 2), ("❤️", 2), ("\u{200B}", 1),
    ])
    func clustersTakeTheColumnsTheyAreDrawnWith(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(Character(text)) == width)
    }

    @Test func combiningMarksStayWithTheirBase() {
        let g = Glyph(Character("e\u{301}"))
        #expect(g.text == "e\u{301}" && g.width == 1 && g.padding == 0)
    }

    @Test func emojiSequencesAreDrawnAsTheirFirstScalarPlusPadding() {
        // ncurses advances by wcwidth of the first scalar; the rest of a ZWJ sequence would
        // desynchronise it, so only the first scalar is drawn and padding keeps the columns.
        let family = Glyph(Character("👨‍👩‍👧"))
        #expect(family.text == "👨" && family.width == 2 && family.padding == 0)
        let flag = Glyph(Character("🇫🇷"))
        #expect(flag.text == "🇫" && flag.width == 2 && flag.padding == 1)
        let heart = Glyph(Character("❤️"))
        #expect(heart.text == "❤" && heart.width == 2 && heart.padding == 1)
    }

    @Test func controlCharactersNeverReachACell() {
        for bad in ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}", "\u{2066}"] {
            #expect(Glyph(Character(bad)) == .replacement, "\(bad.unicodeScalars.first!.value)")
        }
    }

    @Test func stringWidthsAddUp() {
        #expect(DisplayWidth.of("Économie 国際 😀") == 8 + 1 + 4 + 1 + 2)
    }
}

@Suite struct TerminalSafeTests {
    @Test func escapeSequencesAndBidiOverridesAreRemoved() {
        let hostile = "Title\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07} \u{202E}txet\u{202C} end\r\nnext"
        let clean = TerminalSafe.clean(hostile)
        #expect(TerminalBytes.acting(in: clean) == [])
        #expect(clean == "Title[2J]52;c;ZXZpbA== txet end  next")
    }

    /// Every scalar a terminal acts on, one at a time between two letters: removed (whitespace
    /// controls become a space), whatever the sanitiser's own list says.
    @Test(arguments: Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F)
          + [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
             0xFFF9, 0xFFFA, 0xFFFB])
    func everyActingScalarIsRemoved(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let text = "a" + String(Character(scalar)) + "b"
        #expect(TerminalBytes.acting(in: text).count == 1, "the checker itself knows U+\(String(value, radix: 16))")
        let spaced: Set<UInt32> = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x2028, 0x2029]
        #expect(TerminalSafe.clean(text) == (spaced.contains(value) ? "a b" : "ab"))
    }

    @Test func cleanTextIsReturnedUnchanged() {
        let text = "Lire aussi : « L’été » 東京 👍🏽"
        #expect(TerminalSafe.clean(text) == text)
    }

    @Test func newlinesCanBeKept() {
        #expect(TerminalSafe.clean("a\nb\u{1B}", keepNewlines: true) == "a\nb")
    }
}

@Suite struct TextFittingTests {
    @Test(arguments: [
        ("Hello world", 5, "Hell…"), ("Hello", 5, "Hello"), ("国際ニュース", 5, "国際…"), ("国際ニュース", 4, "国…"),
        ("Économie", 3, "Éc…"), ("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}…"), ("abc", 0, ""),
    ])
    func truncationCutsAtGraphemeBoundariesWithAnEllipsis(_ text: String, _ width: Int, _ expected: String) {
        let t = TextFitting.truncate(text, to: width)
        #expect(t == expected)
        #expect(DisplayWidth.of(t) <= width)
    }

    @Test func fitPadsToTheExactWidth() {
        for text in ["国際ニュース", "abc", "😀x", "Börse & Märkte"] {
            for w in 1...12 { #expect(DisplayWidth.of(TextFitting.fit(text, to: w)) == w, "\(text) at \(w)") }
        }
    }
}
