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
