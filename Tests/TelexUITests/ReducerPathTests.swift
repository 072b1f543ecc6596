import Foundation
import Testing
import TelexModel
import TelexScreen
@testable import TelexUI

/// Where the panes go, pinned as numbers: the mouse and resize tests below click and measure at
/// these cells, so a layout change shows here first.
@Suite struct ScreenLayoutTests {
    @Test func wideMediumAndNarrowScreensPlaceThePanes() {
        let wide = ScreenLayout(width: 120, height: 40, focus: .sections)
        #expect(wide.title == Rect(x: 0, y: 0, width: 120, height: 1))
        #expect(wide.sections == Rect(x: 0, y: 1, width: 28, height: 38))
        #expect(wide.headlines == Rect(x: 28, y: 1, width: 50, height: 38))
        #expect(wide.preview == Rect(x: 78, y: 1, width: 42, height: 38))
        #expect(wide.status == Rect(x: 0, y: 39, width: 120, height: 1))
        let medium = ScreenLayout(width: 80, height: 24, focus: .headlines)
        #expect(medium.sections == Rect(x: 0, y: 1, width: 22, height: 22))
        #expect(medium.headlines == Rect(x: 22, y: 1, width: 58, height: 22) && medium.preview == nil)
        let mediumPreview = ScreenLayout(width: 80, height: 24, focus: .preview)
        #expect(mediumPreview.preview == Rect(x: 22, y: 1, width: 58, height: 22) && mediumPreview.headlines == nil)
        let narrow = ScreenLayout(width: 40, height: 12, focus: .headlines)
        #expect(narrow.sections == nil && narrow.preview == nil)
        #expect(narrow.headlines == Rect(x: 0, y: 1, width: 40, height: 10))
        #expect(narrow.listHeight(.headlines) == 9)
    }

    @Test func theSplitPutsHeadlinesAndPreviewTogetherAtEveryWidth() {
        // 80 columns: side by side is too narrow beside the sections, so stacked; without them, side by side.
        let medium = ScreenLayout(width: 80, height: 24, focus: .headlines, split: .sideBySide)
        #expect(medium.sections == Rect(x: 0, y: 1, width: 22, height: 22))
        #expect(medium.headlines == Rect(x: 22, y: 1, width: 58, height: 8))
        #expect(medium.preview == Rect(x: 22, y: 9, width: 58, height: 14))
        let hidden = ScreenLayout(width: 80, height: 24, focus: .headlines, split: .sideBySide, sectionsHidden: true)
        #expect(hidden.sections == nil)
        #expect(hidden.headlines == Rect(x: 0, y: 1, width: 44, height: 22))
        #expect(hidden.preview == Rect(x: 44, y: 1, width: 36, height: 22))
        let stacked = ScreenLayout(width: 120, height: 40, focus: .preview, split: .stacked)
        #expect(stacked.headlines == Rect(x: 28, y: 1, width: 92, height: 15))
        #expect(stacked.preview == Rect(x: 28, y: 16, width: 92, height: 23))
        // 40x12: one pane, or with a split the two stacked; the sections while they have the focus.
        let narrow = ScreenLayout(width: 40, height: 12, focus: .headlines, split: .stacked)
        #expect(narrow.headlines == Rect(x: 0, y: 1, width: 40, height: 4))
        #expect(narrow.preview == Rect(x: 0, y: 5, width: 40, height: 6))
        let narrowSections = ScreenLayout(width: 40, height: 12, focus: .sections, split: .stacked)
        #expect(narrowSections.sections == Rect(x: 0, y: 1, width: 40, height: 10) && narrowSections.headlines == nil)
        // Hidden sections show again while they have the focus.
        let focused = ScreenLayout(width: 120, height: 40, focus: .sections, sectionsHidden: true)
        #expect(focused.sections != nil)
        let wideHidden = ScreenLayout(width: 120, height: 40, focus: .headlines, sectionsHidden: true)
        #expect(wideHidden.sections == nil && wideHidden.headlines == Rect(x: 0, y: 1, width: 66, height: 38))
    }
}

@Suite struct ReducerFailureTests {
    /// A driver whose first page is loaded, then answers nothing by itself.
    static func waiting(rows: Int = 1_000) -> Driver {
        var d = Driver(rows: manyRows(rows))
        d.autoAnswer = false
        d.effects = []
        return d
    }

    /// Two pages are loaded at the start (the second prefetched); the fourth page down (37 rows a
    /// page at 120x40) brings the view near their end, which asks for the third.
    @Test func aFailedPageStopsTheWaitShowsWhyAndIsAskedForAgain() throws {
        var d = Self.waiting()
        d.press(.tab)
        #expect(d.state.headlines.rows.count == 200)
        for _ in 0..<4 { d.press(.pageDown) }
        let next = HeadlineQuery(scope: .section(SectionID(1)), position: .after(d.rows[199].cursor), limit: 100)
        #expect(d.effects.filter { if case .io(.loadHeadlines) = $0 { return true } else { return false } } == [.loadHeadlines(next)])
        #expect(d.state.headlines.pending == next)
        d.send(.headlinesFailed(next, "cache error: database is locked"))
        #expect(d.state.headlines.pending == nil)
        #expect(d.state.message?.text == "cache error: database is locked")
        #expect(d.state.headlines.rows.count == 200 && d.state.headlines.viewport.selected == 148)
        #expect(d.screen.last?.hasPrefix(" cache error: database is locked") == true)
        // The next move asks for the same page again.
        d.effects = []
        d.press(.character("j"))
        #expect(d.effects.first == .loadHeadlines(next))
        #expect(d.state.message?.text == nil)
    }

    @Test func aFailureForAnotherQueryLeavesThePendingOneWaiting() {
        var d = Self.waiting()
        d.press(.tab)
        for _ in 0..<4 { d.press(.pageDown) }
        let pending = d.state.headlines.pending
        let stale = HeadlineQuery(scope: .section(SectionID(2)), position: .first, limit: 100)
        d.send(.headlinesFailed(stale, "no such table"))
        #expect(d.state.headlines.pending == pending && pending != nil)
        #expect(d.state.message?.text == "no such table")
    }
}

@Suite struct ReducerResizeTests {
    @Test func shrinkingKeepsTheSelectedHeadlineInViewAndGrowingKeepsTheTop() {
        var d = Driver(rows: manyRows(100))
        d.press(.tab)
        for _ in 0..<30 { d.press(.character("j")) }
        #expect(d.state.headlines.viewport == ListViewport(selected: 30, top: 0))
        d.send(.resized(width: 40, height: 12))
        #expect(d.state.layout.headlines == Rect(x: 0, y: 1, width: 40, height: 10))
        #expect(d.state.headlines.viewport == ListViewport(selected: 30, top: 22))
        #expect(d.screen[10].contains("Headline 70"), "the selected row is the last one shown: \(d.screen)")
        #expect(d.screen[11].hasPrefix(" World  31/100"))
        d.send(.resized(width: 120, height: 40))
        #expect(d.state.headlines.viewport == ListViewport(selected: 30, top: 22))
        #expect(d.screen[2].contains("Headline 78"))
    }

    @Test func growingAsksForTheNextPageWhenTheViewNowReachesTheLoadedEnd() {
        var d = Driver(width: 80, height: 12, rows: manyRows(1_000))
        d.press(.tab)
        for _ in 0..<40 { d.press(.character("j")) }
        d.autoAnswer = false
        d.effects = []
        d.send(.resized(width: 80, height: 20))
        #expect(d.effects == [], "still far from the end of the 100 loaded rows")
        d.send(.resized(width: 120, height: 80))
        #expect(d.effects == [.loadHeadlines(HeadlineQuery(scope: .section(SectionID(1)), position: .after(d.rows[99].cursor), limit: 100))])
    }

    @Test func shrinkingScrollsTheSectionsToTheirCursor() {
        let sections = (1...30).map { SectionSummary(id: SectionID(Int64($0)), name: "S\($0)") }
        var d = Driver(width: 120, height: 40, sections: sections, rows: manyRows(3))
        for _ in 0..<25 { d.press(.character("j")) }
        #expect(d.state.sectionsViewport == ListViewport(selected: 25, top: 0))
        d.send(.resized(width: 120, height: 10))
        #expect(d.state.sectionsViewport == ListViewport(selected: 25, top: 19))
        #expect(d.screen[8].contains("S26"), "the selected section is the last one shown: \(d.screen)")
    }

    @Test func atMediumWidthThePreviewTakesTheHeadlinesPlaceWhenFocused() {
        var d = Driver(width: 120, height: 30, rows: manyRows(5))
        d.press(.tab, .tab)
        #expect(d.state.focus == .preview)
        d.send(.resized(width: 80, height: 30))
        #expect(d.state.layout.preview == Rect(x: 22, y: 1, width: 58, height: 28) && d.state.layout.headlines == nil)
        #expect(d.screen[1].contains(" Preview"))
        d.send(.resized(width: 40, height: 30))
        #expect(d.state.layout.preview == Rect(x: 0, y: 1, width: 40, height: 28) && d.state.layout.sections == nil)
    }
}

@Suite struct ReducerPreviewScrollTests {
    /// At 120x20 the preview shows 17 lines; this article has 27: its title, source, date, a
    /// blank line, then 12 one-line paragraphs with blank lines between.
    static func driver() -> Driver {
        let rows = manyRows(5)
        let body = (1...12).map { "<p>Paragraph \($0)</p>" }.joined()
        let detail = ItemDetail(headline: rows[0], summaryHTML: body)
        var d = Driver(width: 120, height: 20, rows: rows, details: [detail])
        d.press(.tab, .tab)
        return d
    }

    @Test(arguments: [
        ([Key.character("j")], 1), ([.down, .down, .down], 3), ([.character("j"), .character("k")], 0),
        ([.character("k")], 0), ([.character(" ")], 10), ([.pageDown], 10), ([.ctrl("f")], 10), ([.character("G")], 10),
        ([.end, .character("k")], 9), ([.end, .character("b")], 0), ([.end, .pageUp], 0), ([.end, .ctrl("b")], 0),
        ([.end, .character("g")], 0), ([.end, .home], 0), ([.character("j"), .character("j"), .character("j")], 3),
    ] as [([Key], Int)])
    func keysScrollThePreviewWithinItsLines(keys: [Key], scroll: Int) {
        var d = Self.driver()
        #expect(d.state.preview?.paragraphs.count == 12)
        for k in keys { d.press(k) }
        #expect(d.state.previewScroll == scroll)
    }

    @Test func theScrolledPreviewShowsItsLaterLinesAndANewSelectionStartsAtTheTop() {
        var d = Self.driver()
        d.press(.end)
        #expect(d.screen[2].dropFirst(78).hasPrefix(" Paragraph 4"))
        #expect(d.screen[18].dropFirst(78).hasPrefix(" Paragraph 12"))
        d.press(.character("h"), .character("j"))
        #expect(d.state.previewScroll == 0)
        #expect(d.screen[2].dropFirst(78).hasPrefix(" Headline 4"))
    }

    @Test func theWheelOverThePreviewScrollsItByThreeLines() {
        var d = Self.driver()
        d.press(.mouse(MouseEvent(kind: .wheelDown, x: 90, y: 10)))
        #expect(d.state.previewScroll == 3)
        for _ in 0..<5 { d.press(.mouse(MouseEvent(kind: .wheelDown, x: 90, y: 10))) }
        #expect(d.state.previewScroll == 10)
        d.press(.mouse(MouseEvent(kind: .wheelUp, x: 90, y: 10)))
        #expect(d.state.previewScroll == 7)
    }
}

@Suite struct ReducerPromptTests {
    @Test func ctrlUEmptiesThePromptAndKeepsItOpen() {
        var d = Driver(rows: [headline(2, "Paris"), headline(1, "Zinsen")])
        d.press(.character("/"))
        d.type("zinsen")
        d.press(.ctrl("u"))
        #expect(d.state.prompt == Prompt(kind: .search, text: ""))
        d.effects = []
        d.type("paris")
        d.press(.enter)
        #expect(d.effects.filter { if case .io(.search) = $0 { return true } else { return false } } == [.search("paris")])
        #expect(d.state.searchQuery == "paris" && d.state.prompt == nil)
    }

    @Test func ctrlCAndEscCloseThePromptWithoutSearching() {
        for cancel in [Key.ctrl("c"), .escape] {
            var d = Driver(rows: manyRows(3))
            d.press(.character("/"))
            d.type("abc")
            d.effects = []
            d.press(cancel)
            #expect(d.state.prompt == nil)
            #expect(d.effects == [])
            #expect(d.state.searchQuery == nil && !d.state.isQuitting && d.state.focus == .sections)
        }
    }

    @Test func controlsAreRefusedAndTheTextIsBounded() {
        var d = Driver(rows: manyRows(3))
        d.press(.character("/"), .backspace)
        #expect(d.state.prompt?.text == "")
        for c in ["\u{1B}", "\u{9B}", "\u{202E}", "\u{7}"] { d.press(.character(Character(c))) }
        #expect(d.state.prompt?.text == "")
        d.type(String(repeating: "é", count: 250))
        #expect(d.state.prompt?.text == String(repeating: "é", count: 200))
        d.press(.mouse(MouseEvent(kind: .click, x: 5, y: 5)), .resize)
        #expect(d.state.prompt?.text.count == 200 && d.state.focus == .sections)
    }
}

/// Mouse events at literal cells of the 120x40 layout (sections x 0-27, headlines 28-77, preview
/// 78-119; row 1 is the panes' header row, the list rows start at 2; row 39 is the status line).
@Suite struct ReducerMouseTableTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var events: [MouseEvent]
        var focus: Pane
        var section: Int
        var selectedID: Int64?
        var opened: ItemID?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a headline row", events: [MouseEvent(kind: .click, x: 30, y: 5)], focus: .headlines, section: 0, selectedID: 17),
        Case(name: "the first headline row", events: [MouseEvent(kind: .press, x: 77, y: 2)], focus: .headlines, section: 0, selectedID: 20),
        Case(name: "the headlines' header row", events: [MouseEvent(kind: .click, x: 40, y: 1)], focus: .headlines, section: 0, selectedID: 20),
        Case(name: "below the last headline", events: [MouseEvent(kind: .click, x: 40, y: 30)], focus: .headlines, section: 0, selectedID: 20),
        Case(name: "a section row", events: [MouseEvent(kind: .click, x: 3, y: 3)], focus: .sections, section: 1, selectedID: 20),
        Case(name: "below the last section", events: [MouseEvent(kind: .click, x: 3, y: 30)], focus: .sections, section: 0, selectedID: 20),
        Case(name: "the preview", events: [MouseEvent(kind: .click, x: 100, y: 10)], focus: .preview, section: 0, selectedID: 20),
        Case(name: "the status line", events: [MouseEvent(kind: .click, x: 10, y: 39)], focus: .sections, section: 0, selectedID: 20),
        Case(name: "the title row", events: [MouseEvent(kind: .click, x: 10, y: 0)], focus: .sections, section: 0, selectedID: 20),
        Case(name: "a release alone", events: [MouseEvent(kind: .release, x: 30, y: 5)], focus: .sections, section: 0, selectedID: 20),
        Case(name: "a double click opens", events: [MouseEvent(kind: .doubleClick, x: 30, y: 4)], focus: .headlines, section: 0,
             selectedID: 18, opened: ItemID(18)),
        Case(name: "a second click on the same row opens", events: [MouseEvent(kind: .click, x: 30, y: 6), MouseEvent(kind: .release, x: 30, y: 6),
                                                                   MouseEvent(kind: .click, x: 50, y: 6)],
             focus: .headlines, section: 0, selectedID: 16, opened: ItemID(16)),
        Case(name: "a click on another row does not open", events: [MouseEvent(kind: .click, x: 30, y: 6), MouseEvent(kind: .click, x: 30, y: 7)],
             focus: .headlines, section: 0, selectedID: 15),
        Case(name: "a double click on a section focuses its headlines", events: [MouseEvent(kind: .doubleClick, x: 3, y: 3)],
             focus: .headlines, section: 1, selectedID: 20),
        Case(name: "the wheel over the sections moves their cursor", events: [MouseEvent(kind: .wheelDown, x: 3, y: 10)],
             focus: .sections, section: 3, selectedID: 20),
    ]

    @Test(arguments: cases)
    func mouseEventsActOnThePaneUnderThePointer(_ c: Case) {
        var d = Driver(rows: manyRows(20))
        d.effects = []
        for e in c.events { d.press(.mouse(e)) }
        #expect(d.state.focus == c.focus)
        #expect(d.state.sectionsViewport.selected == c.section)
        #expect(d.selectedID == c.selectedID)
        let marked = d.effects.compactMap { e -> [ItemID]? in if case .io(.setRead(let ids, true)) = e { return ids } else { return nil } }
        #expect(marked == (c.opened.map { [[$0]] } ?? []))
        #expect(d.state.reader?.page.itemID == c.opened)
    }
}
