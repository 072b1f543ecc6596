import Foundation
import TelexModel
import TelexScreen
import Testing
@testable import TelexUI

/// A count before `G` or `g` names the row or line (`5G`, as in vi and less); without one they go
/// to the last and first.
@Suite struct CountJumpTests {
    @Test(arguments: [
        ([Key.character("5"), .character("G")], 4), ([.character("5"), .character("g")], 4), ([.character("G")], 29),
        ([.character("G"), .character("1"), .character("G")], 0), ([.character("9"), .character("9"), .character("G")], 29),
        ([.character("2"), .character("0"), .character("G"), .character("j")], 20),
    ] as [([Key], Int)])
    func aCountBeforeGSelectsThatHeadline(_ keys: [Key], _ row: Int) {
        var d = Driver(rows: manyRows(30))
        d.press(.tab)
        for k in keys { d.press(k) }
        #expect(d.state.headlines.viewport.selected == row)
        #expect(d.state.pendingCount == nil)
    }

    /// Rows come in keyset pages: a row past the loaded window is not guessed at.
    @Test func aRowNotLoadedIsSaidSo() {
        var d = Driver(rows: manyRows(500))
        d.press(.tab)
        let before = d.state.headlines.viewport.selected
        for c in "400G" { d.press(.character(c)) }
        #expect(d.state.headlines.viewport.selected == before)
        #expect(d.screen.last?.contains("Row 400 is not loaded") == true)
    }

    @Test func aCountBeforeGPutsThatLineOfTheArticleAtTheTop() {
        var s = ReaderFixtures.state(width: 80, height: 24)
        _ = s.press(.character("7"), .character("G"))
        #expect(s.reader?.scroll == 6)
        // The jump can be taken back with ', as every jump.
        _ = s.press(.character("'"))
        #expect(s.reader?.scroll == 0)
        _ = s.press(.character("G"))
        #expect(s.reader?.scroll == s.reader?.maxScroll)
        _ = s.press(.character("3"), .character("g"))
        #expect(s.reader?.scroll == 2)
        #expect(s.reader?.linkCursor == nil)
    }
}

/// feeds.json `keys` and `colors` changed while the reader runs.
@Suite struct LookChangedTests {
    @Test func theNewKeymapAndThemeApplyAndAHalfTypedCountIsDropped() {
        var d = Driver(rows: manyRows(10))
        d.press(.tab, .character("3"))
        let (keymap, problems) = Keymap.standard.applying([KeymapEdit(context: "lists", keys: "x", command: "down")])
        #expect(problems.isEmpty)
        var theme = ThemeChoice()
        theme.name = .highContrast
        d.send(.lookChanged(keymap, theme))
        #expect(d.state.pendingCount == nil && d.state.themeChoice == theme)
        d.press(.character("x"))
        #expect(d.state.headlines.viewport.selected == 1)
    }
}
