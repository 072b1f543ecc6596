import Testing
@testable import TelexScreen

@Suite struct ScreenBufferTests {
    @Test func textIsPlacedByDisplayWidth() {
        var b = ScreenBuffer(width: 10, height: 1)
        let end = b.put("中a😀", x: 0, y: 0)
        #expect(end == 5)
        #expect(b[0, 0].glyph.text == "中" && b[1, 0].isContinuation && b[2, 0].glyph.text == "a")
        #expect(b.lines == ["中a😀"])
    }

    @Test func aWideGlyphThatWouldCrossTheEdgeBecomesASpace() {
        var b = ScreenBuffer(width: 3, height: 1)
        b.put("ab中", x: 0, y: 0)
        #expect(b.line(0) == "ab ")
    }

    @Test func overwritingHalfAWideGlyphClearsTheOtherHalf() {
        var b = ScreenBuffer(width: 4, height: 1)
        b.put("中中", x: 0, y: 0)
        b.put("x", x: 1, y: 0)
        #expect(b.line(0) == " x中")
        b.put("y", x: 2, y: 0)
        #expect(b.line(0) == " xy ")
    }

    @Test func theDiffOfEqualBuffersIsEmptyAndAChangeIsOneRun() {
        var a = ScreenBuffer(width: 20, height: 3)
        a.put("hello", x: 0, y: 1)
        var b = a
        #expect(ScreenDiff.changes(from: a, to: b).isEmpty)
        b.put("J", x: 0, y: 1)
        let runs = ScreenDiff.changes(from: a, to: b)
        #expect(runs.count == 1 && runs[0].x == 0 && runs[0].y == 1 && runs[0].cells.count == 1)
    }

    @Test func aRunAlwaysStartsAtTheLeftHalfOfAWideGlyph() {
        var a = ScreenBuffer(width: 6, height: 1)
        a.put("中中", x: 0, y: 0)
        var b = a
        b.restyle(Rect(x: 3, y: 0, width: 1, height: 1)) { _ in Style(attributes: .bold) }
        let runs = ScreenDiff.changes(from: a, to: b)
        #expect(runs.first?.x == 2)
    }

    @Test func aNewSizeRedrawsEverything() {
        let a = ScreenBuffer(width: 4, height: 2)
        let b = ScreenBuffer(width: 5, height: 2)
        #expect(ScreenDiff.changes(from: a, to: b).reduce(0) { $0 + $1.cells.count } == 10)
    }
}

/// kitty's Unicode placeholders: the protocol's table of row and column diacritics, one-column cells.
@Suite struct KittyPlaceholderTests {
    @Test func theTableIsKittys() {
        #expect(KittyPlaceholder.maxIndex == 297)
        #expect(Array(KittyPlaceholder.diacritics.prefix(3)) == [0x0305, 0x030D, 0x030E])
        #expect(KittyPlaceholder.diacritics.last == 0x1D244)
        #expect(KittyPlaceholder.diacritics == KittyPlaceholder.diacritics.sorted())
        // All combining: they add no width to the cell (as glibc's wcwidth, which ncurses uses, says).
        #expect(KittyPlaceholder.diacritics.allSatisfy { DisplayWidth.of(Unicode.Scalar($0)!) == 0 })
    }

    @Test func aCellNamesItsRowAndColumn() throws {
        let g = try #require(KittyPlaceholder.glyph(row: 2, column: 0))
        #expect(Array(g.text.unicodeScalars.map(\.value)) == [0x10EEEE, 0x030E, 0x0305])
        #expect(g.width == 1 && g.padding == 0)
        #expect(KittyPlaceholder.isPlaceholder(g))
        #expect(!KittyPlaceholder.isPlaceholder(Glyph("x")))
        #expect(KittyPlaceholder.glyph(row: 297, column: 0) == nil)
        #expect(KittyPlaceholder.glyph(row: 0, column: -1) == nil)
    }

    /// Frames differ when the pictures they list differ, so the backend is asked to draw them.
    @Test func framesCompareTheirPictures() {
        var a = ScreenBuffer(width: 4, height: 2)
        let b = a
        a.show(TerminalImage(id: 16, key: "u", columns: 2, rows: 1, data: [1, 2]))
        a.show(TerminalImage(id: 16, key: "v", columns: 2, rows: 1, data: [1, 2]))
        #expect(a != b)
        #expect(a.images.map(\.key) == ["u"])
    }
}
