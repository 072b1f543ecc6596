import Foundation
import Testing
import TelexModel
import TelexScreen
@testable import TelexUI

/// Saved query sections in the sections pane: after Saved, with live unread counts, opening their list.
@Suite struct SavedQuerySectionTests {
    static let ukraine = SavedQuerySummary(id: SavedQueryID(7), name: "Ukraine", query: "ukraine or kyiv newer:7d", unread: 3)
    static let french = SavedQuerySummary(id: SavedQueryID(8), name: "French", query: "lang:fr", problem: "lang: is not available yet")

    @Test func queriesComeAfterSavedInFileOrder() {
        var d = Driver(rows: manyRows(5))
        d.send(.sectionsLoaded(twoSections, savedCount: 0, queries: [Self.ukraine, Self.french]))
        #expect(d.state.sectionRows.map(\.title) == ["World", "Tech", "All", "Unread", "Saved", "Ukraine", "French"])
        #expect(d.state.sectionRows.map(\.unreadCount) == [3, 0, 3, 3, 0, 3, 0])
    }

    @Test func selectingAQueryLoadsItsListAndANewCountKeepsTheRow() {
        var d = Driver(rows: manyRows(5))
        d.send(.sectionsLoaded(twoSections, savedCount: 0, queries: [Self.ukraine]))
        d.effects = []
        d.press(.end)
        #expect(d.state.selectedSectionRow?.scope == .query(SavedQueryID(7)))
        #expect(d.effects.first == .loadHeadlines(HeadlineQuery(scope: .query(SavedQueryID(7)), position: .first,
                                                                limit: HeadlineList.pageSize)))
        // A fetch adds matching items: the count moves, the row stays selected, the list reloads its window.
        var more = Self.ukraine
        more.unread = 9
        d.send(.cacheChanged)
        d.send(.sectionsLoaded(twoSections, savedCount: 0, queries: [more]))
        #expect(d.state.selectedSectionRow == .query(more))
        #expect(d.state.headlines.scope == .query(SavedQueryID(7)))
        // A query removed from feeds.json: the cursor stays on a row that exists.
        d.send(.sectionsLoaded(twoSections, savedCount: 0, queries: []))
        #expect(d.state.sectionRows.indices.contains(d.state.sectionsViewport.selected))
    }

    @Test func theRowShowsTheNameTheCountAndAProblem() {
        var d = Driver(width: 80, height: 24, rows: manyRows(5))
        d.send(.sectionsLoaded(twoSections, savedCount: 0, queries: [Self.ukraine, Self.french]))
        let lines = RootView.render(d.state).lines
        let ukraine = lines.first { $0.contains("? Ukraine") } ?? ""
        #expect(ukraine.range(of: #"\? Ukraine +3│"#, options: .regularExpression) != nil, "\(ukraine)")
        #expect(lines.contains { $0.contains("? French !") })
    }
}

/// One story once, as the lists show it: one row with the outlets' count, and the preview naming them.
@Suite struct StoryRowTests {
    @Test func aStoryOfSeveralOutletsIsOneRowWithTheirCountAndThePreviewNamesThem() {
        var summit = headline(3, "Summit ends with a joint statement", source: "BBC", age: 60)
        summit.alsoIn = ["Le Monde", "NPR"]
        var d = Driver(width: 120, height: 20, rows: [summit, headline(2, "Budget vote", source: "Le Monde", age: 120)])
        d.press(.tab)
        let lines = RootView.render(d.state).lines
        let row = lines.first { $0.contains("Summit ends") } ?? ""
        // Three panes: no source column, the count follows the title.
        #expect(row.contains("Summit ends with a joint statement +2"), "\(row)")
        #expect(!(lines.first { $0.contains("Budget vote") } ?? "").contains("+"))
        // Wide enough for sources, it follows the source.
        var buffer = ScreenBuffer(width: 80, height: 10)
        HeadlinesView.render(d.state, in: Rect(x: 0, y: 0, width: 80, height: 10), theme: Theme.make(color: false), into: &buffer)
        let wide = buffer.lines.first { $0.contains("Summit ends") } ?? ""
        #expect(wide.contains("BBC +2") && !wide.contains("statement +2"), "\(wide)")
        #expect(summit.outletCount == 3)
        #expect(lines.contains { $0.contains("Also in: Le Monde, NPR") }, "\(lines.joined(separator: "\n"))")
    }
}
