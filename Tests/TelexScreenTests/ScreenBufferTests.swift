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
