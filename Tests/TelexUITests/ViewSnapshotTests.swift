import Foundation
import Testing
import TelexModel
import TelexScreen
@testable import TelexUI

/// Titles that break naive column layouts: accents, umlauts, CJK, emoji (ZWJ families, flags,
/// VS16), and combining marks.
let worldTitles = [
    headline(9, "Élections : résultats région par région, à la une", source: "Le Monde", age: 120),
    headline(8, "Große Übernahme: Münchner Konzern kauft Zulieferer", source: "Börse & Märkte", age: 3_700),
    headline(7, "東京で国際会議が開幕、各国首脳が集まる東京で国際会議が開幕", source: "NHK 国際ニュース", age: 90_000),
    headline(6, "Family 👨‍👩‍👧 and flags 🇫🇷🇯🇵 and a heart ❤️ in a title", source: "Emoji Times 🎉", age: 700_000),
    headline(5, "Combining: e\u{0301}te\u{0301}, na\u{0308}ive, man\u{0303}ana and more text", source: "Revue", age: 30),
    headline(4, "Plain ASCII headline that is quite long indeed, long enough to be cut", source: "Plain", age: 5_000, read: true),
]

/// The display column of every non-continuation cell whose glyph starts with `text`'s first grapheme run.
func column(of text: String, in buffer: ScreenBuffer, row y: Int) -> Int? {
    let line = (0..<buffer.width).map { buffer[$0, y] }
    for x in 0..<buffer.width where !line[x].isContinuation {
        var s = ""
        var cx = x
        while cx < buffer.width && s.count < text.count {
            if !line[cx].isContinuation { s += line[cx].glyph.text }
            cx += 1
        }
        if s.hasPrefix(text) { return x }
    }
    return nil
}

/// The text of `graphemes` cells from (x, y).
func text(in buffer: ScreenBuffer, x: Int, y: Int, graphemes: Int) -> String {
    var s = ""
    var cx = x
    var n = 0
    while cx < buffer.width && n < graphemes {
        if !buffer[cx, y].isContinuation { s += buffer[cx, y].glyph.text; n += 1 }
        cx += 1
    }
    return s
}

@Suite struct ViewSnapshotTests {
    static let sizes = [(120, 40), (80, 24), (40, 12)]

    func driver(_ w: Int, _ h: Int) -> Driver {
        var d = Driver(width: w, height: h, rows: worldTitles)
        d.press(.tab)
        return d
    }

    @Test(arguments: sizes) func everyRowIsExactlyTheScreenWidth(_ size: (Int, Int)) {
        let d = driver(size.0, size.1)
        let buffer = RootView.render(d.state)
        #expect(buffer.lines.count == size.1)
        for y in 0..<buffer.height {
            // Sum of glyph widths (continuations excluded) must be the buffer width: no cell lost or added.
            var width = 0
            for x in 0..<buffer.width where !buffer[x, y].isContinuation { width += max(1, buffer[x, y].glyph.width) }
            #expect(width == size.0, "row \(y): \(buffer.line(y))")
        }
    }

    /// The screen columns, by size: where titles start, where sources start (when the pane is wide
    /// enough for them), the column of the ages' last character, and the pane separator.
    struct ColumnCase: Sendable {
        var size: (Int, Int); var titleX: Int; var sourceX: Int?; var ageEnd: Int; var separator: Int?
    }
    static let columnCases = [
        ColumnCase(size: (120, 40), titleX: 31, sourceX: nil, ageEnd: 76, separator: 77),
        ColumnCase(size: (80, 24), titleX: 25, sourceX: 63, ageEnd: 79, separator: nil),
        ColumnCase(size: (40, 12), titleX: 3, sourceX: nil, ageEnd: 39, separator: nil),
    ]

    @Test(arguments: columnCases) func headlineColumnsLineUpWhateverTheScript(_ c: ColumnCase) throws {
        let d = driver(c.size.0, c.size.1)
        let buffer = RootView.render(d.state)
        for (i, h) in worldTitles.enumerated() {
            let y = 2 + i
            // The title starts in the title column on every row.
            #expect(column(of: String(h.title.prefix(2)), in: buffer, row: y) == c.titleX, "row \(y): \(buffer.line(y))")
            if let sourceX = c.sourceX {
                #expect(text(in: buffer, x: sourceX, y: y, graphemes: 3) == String(h.source.prefix(3)), "row \(y): \(buffer.line(y))")
            }
            // Ages are right-aligned: their last character sits in the same column on every row.
            #expect(buffer[c.ageEnd, y].glyph.text.first?.isLetter == true, "row \(y): \(buffer.line(y))")
            if let separator = c.separator {
                #expect(buffer[separator, y].glyph.text == "│", "row \(y): \(buffer.line(y))")
            }
        }
    }

    @Test(arguments: sizes) func longTitlesAreCutAtAGraphemeWithAnEllipsis(_ size: (Int, Int)) throws {
        let d = driver(size.0, size.1)
        let lines = RootView.render(d.state).lines
        let rows = lines.filter { $0.contains("Plain ASCII") || $0.contains("東京") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains("…") })
        // No combining mark is left without its base, and no ZWJ family is split.
        #expect(!lines.joined().contains("\u{00A0}\u{0301}"))
    }

    @Test func layoutShowsThreePanesWideTwoMediumOneNarrow() {
        let wide = driver(120, 40).screen
        #expect(wide[1].contains("Sections") && wide[1].contains("World") && wide[1].contains("Preview"))
        let medium = driver(80, 24).screen
        #expect(medium[1].contains("Sections") && medium[1].contains("World") && !medium[1].contains("Preview"))
        let narrow = driver(40, 12).screen
        #expect(!narrow[1].contains("Sections") && narrow[1].contains("World"))
        #expect(narrow.count == 12 && narrow[11].contains("World"))
    }

    @Test func thePreviewShowsTitleSourceBylineDateAndParagraphs() {
        let detail = ItemDetail(headline: worldTitles[0], author: "Anaïs Dubois", published: testNow.addingTimeInterval(-120),
                                summaryHTML: "<p>Premier paragraphe &amp; suite.</p><script>evil()</script><p>Deuxième <b>paragraphe</b>.</p>")
        var d = Driver(width: 120, height: 40, rows: worldTitles, details: [detail])
        d.press(.tab)
        let text = d.screen.joined(separator: "\n")
        #expect(text.contains("Le Monde · Anaïs Dubois"))
        #expect(text.contains("2026-09-21 14:11 UTC"))
        #expect(text.contains("Premier paragraphe & suite."))
        #expect(text.contains("Deuxième paragraphe."))
        #expect(!text.contains("evil"))
    }

    @Test func aSmallScreenSnapshot() {
        let d = driver(40, 12)
        // Ages are right-aligned in the last 4 columns; titles are cut at 32 columns with an ellipsis.
        // Emoji sequences (ZWJ families, flags) draw as their first scalar padded to 2 columns,
        // the foundation's rule for sequences terminals and wcwidth disagree on (see Glyph).
        let expected = [
            " telex",
            " World",
            "●  Élections : résultats région pa…   2m",
            "●  Große Übernahme: Münchner Konze…   1h",
            "●  東京で国際会議が開幕、各国首脳…    1d",
            "●  Family 👨 and flags 🇫 🇯  and a …   8d",
            "●  Combining: e\u{0301}te\u{0301}, na\u{0308}ive, man\u{0303}ana a…  now",
            "   Plain ASCII headline that is qu…   1h",
            "",
            "",
            "",
            " World  1/6  3 unread            ?:help",
        ]
        #expect(d.screen == expected)
    }
}
