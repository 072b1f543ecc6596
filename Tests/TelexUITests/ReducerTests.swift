import Foundation
import Testing
import TelexModel
import TelexScreen
@testable import TelexUI

@Suite struct ReducerStartTests {
    @Test func startFocusesSectionsOnTheFirstSectionAndLoadsItsFirstPage() {
        var state = AppState(width: 120, height: 40)
        let effects = reduce(&state, .sectionsLoaded(twoSections, savedCount: 0))
        #expect(state.focus == .sections)
        #expect(state.sectionsViewport.selected == 0)
        let query = HeadlineQuery(scope: .section(SectionID(1)), position: .first, limit: HeadlineList.pageSize)
        #expect(effects == [.loadHeadlines(query)])
        #expect(state.headlines.pending == query)
    }

    @Test func theHeadlinesPaneFollowsTheSectionCursor() {
        var d = Driver(rows: manyRows(5))
        d.effects = []
        d.press(.character("j"))
        #expect(d.state.headlines.scope == .section(SectionID(2)))
        #expect(d.effects.first == .loadHeadlines(HeadlineQuery(scope: .section(SectionID(2)), position: .first, limit: HeadlineList.pageSize)))
    }

    @Test func aLaterSectionsLoadKeepsTheSelectedRow() {
        var d = Driver(rows: manyRows(5))
        d.press(.character("j"))
        d.send(.sectionsLoaded(twoSections.reversed(), savedCount: 0))
        #expect(d.state.selectedSectionRow?.scope == .section(SectionID(2)))
        #expect(d.state.sectionsViewport.selected == 0)
    }
}

@Suite struct ReducerKeyTests {
    struct Case: CustomTestStringConvertible {
        var keys: [Key]
        var focus: Pane
        var selectedID: Int64?
        var testDescription: String { "\(keys)" }
    }

    static let cases: [Case] = [
        Case(keys: [], focus: .sections, selectedID: 100),
        Case(keys: [.enter], focus: .headlines, selectedID: 100),
        Case(keys: [.character("l"), .character("j"), .character("j")], focus: .headlines, selectedID: 98),
        Case(keys: [.right, .down, .up], focus: .headlines, selectedID: 100),
        Case(keys: [.tab, .pageDown], focus: .headlines, selectedID: 100 - 37),
        Case(keys: [.tab, .character(" "), .character("b")], focus: .headlines, selectedID: 100),
        Case(keys: [.tab, .end], focus: .headlines, selectedID: 1),
        Case(keys: [.tab, .character("G"), .character("g")], focus: .headlines, selectedID: 100),
        Case(keys: [.tab, .character("G"), .home], focus: .headlines, selectedID: 100),
        Case(keys: [.tab, .tab], focus: .preview, selectedID: 100),
        Case(keys: [.tab, .tab, .tab], focus: .sections, selectedID: 100),
        Case(keys: [.backTab], focus: .preview, selectedID: 100),
        Case(keys: [.tab, .character("h")], focus: .sections, selectedID: 100),
        Case(keys: [.tab, .character("l"), .left], focus: .headlines, selectedID: 100),
        Case(keys: [.tab, .character("q")], focus: .sections, selectedID: 100),
        Case(keys: [.tab, .escape], focus: .headlines, selectedID: 100),
        Case(keys: [.tab, .character("j"), .enter], focus: .headlines, selectedID: 99),  // Enter opens the reader.
    ]

    @Test(arguments: cases) func keysMoveTheFocusAndTheSelection(_ c: Case) {
        var d = Driver(rows: manyRows(100))
        for k in c.keys { d.press(k) }
        #expect(d.state.focus == c.focus)
        #expect(d.selectedID == c.selectedID)
        #expect(!d.state.isQuitting)
    }

    @Test func qQuitsAtTheTopAndQQuitsFromAnywhere() {
        var top = Driver(rows: manyRows(3))
        top.press(.character("q"))
        #expect(top.state.isQuitting && top.effects.last == .quit)
        var deep = Driver(rows: manyRows(3))
        deep.press(.tab, .tab, .character("Q"))
        #expect(deep.state.isQuitting && deep.effects.last == .quit)
    }

    @Test func escOnlyClosesPromptsAndOverlays() {
        var d = Driver(rows: manyRows(3))
        d.press(.character("?"))
        #expect(d.state.showHelp)
        d.press(.escape)
        #expect(!d.state.showHelp)
        d.press(.character("/"))
        #expect(d.state.prompt == Prompt(kind: .search, text: ""))
        d.press(.escape)
        #expect(d.state.prompt == nil)
        d.press(.escape)
        #expect(!d.state.isQuitting && d.state.focus == .sections)
    }

    @Test func ctrlZAsksToSuspend() {
        var d = Driver(rows: manyRows(3))
        d.effects = []
        d.press(.ctrl("z"))
        #expect(d.effects == [.suspend])
    }

    @Test func sectionsExpandAndCollapseWithPlusAndMinus() {
        var d = Driver(rows: manyRows(3))
        d.press(.character("+"))
        #expect(d.state.sectionRows.count == 6)
        d.press(.character("j"))
        #expect(d.state.headlines.scope == .feed(FeedID(1)))
        d.press(.character("h"))
        #expect(d.state.sectionRows.count == 5)
        #expect(d.state.selectedSectionRow?.scope == .section(SectionID(1)))
    }
}

@Suite struct ReducerPagingTests {
    @Test func theLoadedWindowStaysBoundedWhilePagingThroughALongList() {
        var d = Driver(rows: manyRows(10_000))
        d.press(.tab)
        // A page is 37 rows at 120x40.
        for _ in 0..<200 { d.press(.pageDown) }
        #expect(d.state.headlines.rows.count == HeadlineList.maxRows)
        // Absolute positions stay true: row p has id 10,000 - p.
        #expect(d.state.headlines.viewport.selected == 7_400)
        #expect(d.selectedID == 2_600)
        // The window: the 400 rows up to the first page boundary past the view's prefetch margin.
        #expect(d.state.headlines.start == 7_100 && d.state.headlines.end == 7_500)
        for _ in 0..<200 { d.press(.pageUp) }
        #expect(d.state.headlines.viewport.selected == 0)
        #expect(d.selectedID == 10_000)
        #expect(d.state.headlines.start == 0 && d.state.headlines.end == 400)
    }

    @Test func endLoadsTheLastPageInsteadOfEverythingBefore() {
        var d = Driver(rows: manyRows(1_000))
        d.press(.tab)
        d.effects = []
        d.press(.end)
        let last = HeadlineQuery(scope: .section(SectionID(1)), position: .last, limit: HeadlineList.pageSize)
        #expect(d.effects.first == .loadHeadlines(last))
        // The last page, plus the page before it (prefetched for scrolling up), and nothing else.
        #expect(d.state.headlines.end == 1_000)
        #expect(d.state.headlines.start == 800)
        #expect(d.state.headlines.viewport.selected == 999)
        #expect(d.selectedID == 1)
        #expect(d.state.headlines.rows.map(\.id.rawValue) == Array((1...200).reversed()))
        #expect(d.effects.filter { if case .loadHeadlines = $0 { return true } else { return false } } == [
            .loadHeadlines(last),
            .loadHeadlines(HeadlineQuery(scope: .section(SectionID(1)), position: .before(d.rows[900].cursor), limit: 100)),
        ])
        d.press(.character("k"))
        #expect(d.selectedID == 2)
    }

    @Test func aStalePageForAnotherScopeIsIgnored() {
        var d = Driver(rows: manyRows(10))
        let before = d.state.headlines
        let stale = HeadlineQuery(scope: .all, position: .first, limit: HeadlineList.pageSize)
        d.send(.headlinesLoaded(stale, [headline(999)], total: 1))
        #expect(d.state.headlines == before)
    }

    @Test func newArticlesArrivingKeepTheSelectionOnTheSameArticle() {
        var d = Driver(rows: manyRows(50))
        d.press(.tab, .character("j"), .character("j"))
        #expect(d.selectedID == 48)
        d.rows.insert(contentsOf: [headline(60, age: -120), headline(59, age: -60)], at: 0)
        d.send(.cacheChanged)
        #expect(d.selectedID == 48)
        #expect(d.state.headlines.viewport.selected == 4)
        #expect(d.state.headlines.total == 52)
        #expect(d.effects.contains(.loadSections))
    }

    @Test func cacheChangedRequeriesOnlyTheLoadedWindow() {
        var d = Driver(rows: manyRows(10_000))
        d.press(.tab)
        for _ in 0..<30 { d.press(.pageDown) }
        d.effects = []
        d.send(.cacheChanged)
        let loads = d.effects.compactMap { e -> HeadlineQuery? in if case .loadHeadlines(let q) = e { return q } else { return nil } }
        // From the first loaded row (the window no longer starts at the top), as many rows as are loaded.
        let window = d.state.headlines
        #expect(window.start == 800, "the 400-row window, dropping 100-row pages from the top as it was paged down")
        #expect(loads == [HeadlineQuery(scope: .section(SectionID(1)), position: .reload(from: window.rows[0].cursor),
                                        limit: window.rows.count)])
        #expect(window.rows.count == HeadlineList.maxRows)
    }
}

@Suite struct ReducerArticleTests {
    @Test func previewingDoesNotMarkReadButOpeningDoes() {
        var d = Driver(rows: manyRows(5))
        d.effects = []
        d.press(.tab, .character("j"))
        #expect(d.effects.contains(.loadItem(ItemID(4))))
        #expect(!d.effects.contains { if case .setRead = $0 { return true } else { return false } })
        #expect(d.state.preview?.detail.headline.id == ItemID(4))
        d.press(.enter)
        #expect(d.effects.last == .setRead([ItemID(4)], true))
        #expect(d.state.headlines.selected?.isRead == true)
        #expect(d.state.reader?.page.itemID == ItemID(4))
    }

    @Test func mTogglesReadAndSSaves() {
        var d = Driver(rows: manyRows(5))
        d.press(.tab, .character("m"))
        #expect(d.effects.last == .setRead([ItemID(5)], true))
        d.press(.character("m"))
        #expect(d.effects.last == .setRead([ItemID(5)], false))
        d.press(.character("s"))
        #expect(d.effects.last == .setSaved(ItemID(5), true))
        #expect(d.state.headlines.selected?.isSaved == true)
        #expect(d.state.savedCount == 1)
    }

    @Test func markAllReadThenUndo() {
        var d = Driver(rows: manyRows(5))
        d.press(.tab, .character("A"))
        #expect(d.effects.last == .markAllRead(.section(SectionID(1))))
        #expect(d.state.headlines.rows.allSatisfy { $0.isRead })
        d.send(.markedAllRead(.section(SectionID(1)), [ItemID(5), ItemID(4)]))
        d.press(.character("u"))
        #expect(d.effects.last == .setRead([ItemID(5), ItemID(4)], false))
        #expect(d.state.headlines.rows.filter { !$0.isRead }.map(\.id.rawValue) == [5, 4])
        d.press(.character("u"))
        #expect(d.state.message == "Nothing to undo")
    }

    @Test(arguments: [
        (["j"], "n", 3 as Int64),
        (["j", "j", "j"], "N", 3 as Int64),
        ([], "N", 5 as Int64),
    ]) func nAndShiftNMoveToUnreadRows(_ moves: [String], _ key: String, _ expected: Int64) {
        var rows = manyRows(5)
        rows[1].isRead = true; rows[2].isRead = false; rows[3].isRead = false
        rows[0].isRead = true; rows[4].isRead = true
        var d = Driver(rows: rows)
        d.press(.tab)
        for m in moves { d.press(.character(Character(m))) }
        d.press(.character(Character(key)))
        #expect(d.selectedID == expected)
    }

    @Test func oOpensTheLinkInTheBrowser() {
        var d = Driver(rows: manyRows(2))
        d.press(.tab, .character("o"))
        #expect(d.effects.last == .openInBrowser("https://example.org/2"))
    }

    @Test func rAsksForARefresh() {
        var d = Driver(rows: manyRows(2))
        d.press(.character("r"))
        #expect(d.effects.last == .refresh)
    }
}

@Suite struct ReducerSearchTests {
    @Test func searchShowsResultsAsAVirtualSection() {
        var d = Driver(rows: [headline(3, "Élection à Paris"), headline(2, "Markets"), headline(1, "paris again")])
        d.press(.character("/"))
        d.type("paris")
        #expect(d.state.prompt?.text == "paris")
        d.press(.backspace)
        d.type("s")
        d.press(.enter)
        #expect(d.effects.contains(.search("paris")))
        #expect(d.state.prompt == nil)
        #expect(d.state.focus == .headlines)
        #expect(d.state.selectedSectionRow == .search(query: "paris", count: 2))
        #expect(d.state.headlines.rows.map(\.id.rawValue) == [3, 1])
        #expect(d.screen.joined().contains("Search: paris"))
    }

    @Test func anEmptySearchDoesNothing() {
        var d = Driver(rows: manyRows(2))
        d.press(.character("/"), .character(" "), .enter)
        #expect(d.state.searchQuery == nil)
        #expect(!d.effects.contains { if case .search = $0 { return true } else { return false } })
    }
}

@Suite struct ReducerMouseTests {
    @Test func aClickSelectsARowAndItsPaneAndASecondClickOpensIt() {
        var d = Driver(rows: manyRows(20))
        let rect = d.state.layout.headlines!
        let click = Key.mouse(MouseEvent(kind: .click, x: rect.x + 5, y: rect.y + 1 + 3))
        d.press(click)
        #expect(d.state.focus == .headlines)
        #expect(d.selectedID == 17)
        #expect(d.state.openedItem == nil)
        d.press(click)
        #expect(d.state.reader?.page.itemID == ItemID(17) || d.state.readerRequested == ItemID(17))
        #expect(d.effects.last == .setRead([ItemID(17)], true))
    }

    @Test func theWheelScrollsThePaneUnderThePointer() {
        var d = Driver(rows: manyRows(200))
        let rect = d.state.layout.headlines!
        d.press(.mouse(MouseEvent(kind: .wheelDown, x: rect.x + 2, y: rect.y + 5)))
        #expect(d.state.headlines.viewport.top == 3)
        #expect(d.state.focus == .sections)
        d.press(.mouse(MouseEvent(kind: .wheelUp, x: rect.x + 2, y: rect.y + 5)))
        #expect(d.state.headlines.viewport.top == 0)
    }

    @Test func theWheelMovesTheCursorWhenTheListFits() {
        var d = Driver(rows: manyRows(5))
        let sections = d.state.layout.sections!
        d.press(.mouse(MouseEvent(kind: .wheelDown, x: sections.x + 2, y: sections.y + 2)))
        #expect(d.state.sectionsViewport.selected == 3)
        #expect(d.state.headlines.scope == .unread)
    }
}

@Suite struct ReducerMiscTests {
    @Test func ticksMoveTheClockTheAgesAreComputedFrom() {
        var d = Driver(rows: [headline(1, age: 30)])
        #expect(d.screen.contains { $0.contains("Headline 1") && $0.contains("now") })
        d.send(.tick(testNow.addingTimeInterval(7_200)))
        #expect(d.screen.contains { $0.contains("Headline 1") && $0.contains("2h") })
    }

    @Test func anEmptyCacheSaysHowToFetch() {
        let empty = [SectionSummary(id: SectionID(1), name: "World")]
        let d = Driver(sections: empty, rows: [])
        let text = d.screen.joined(separator: "\n")
        #expect(text.contains("Press r to fetch now"))
        #expect(text.contains("telex fetch"))
        #expect(text.contains("telex serve"))
    }

    @Test func fetchProgressThenTheSummaryShowInTheStatusLine() {
        var d = Driver(rows: manyRows(3))
        d.send(.fetchProgressed(FetchProgress(running: true, feedsDone: 3, feedsTotal: 10, newItems: 12)))
        #expect(d.screen.last?.contains("fetching 3/10 · 12 new  ?:help") == true)
        d.send(.fetchFinished(FetchProgress(feedsDone: 10, feedsTotal: 10, ok: 7, unchanged: 1, failed: 2, newItems: 40), by: nil))
        #expect(d.screen.last?.hasPrefix(" 8 ok, 2 failed, 40 new  ") == true)
        #expect(d.screen.last?.contains("fetching") == false)
    }

    @Test func theStatusLineShowsSectionPositionAndUnread() {
        var d = Driver(rows: manyRows(5))
        d.press(.tab, .character("j"))
        #expect(d.screen.last?.contains("World  2/5  3 unread") == true)
    }
}

@Suite struct AgeTests {
    static let cases: [(Double, String)] = [(0, "now"), (59, "now"), (60, "1m"), (3_599, "59m"), (3_600, "1h"), (86_399, "23h"),
                                            (86_400, "1d"), (13 * 86_400, "13d"), (14 * 86_400, "2w"), (400 * 86_400, "1y"), (-50, "now")]
    @Test(arguments: cases)
    func agesAreCompact(_ seconds: Double, _ expected: String) {
        #expect(Age.format(testNow.addingTimeInterval(-seconds), now: testNow) == expected)
    }
}
