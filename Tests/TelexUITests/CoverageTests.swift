import Foundation
import TelexArticles
import TelexModel
import TelexScreen
import Testing
@testable import TelexUI

/// "Also covered by" (issue 18): a story whose event other outlets cover shows once with their count, the preview
/// names them, `c` (or a click on the count) lists them all, and the reading view follows to their versions.
@Suite struct CoverageTests {
    /// BBC's story (3) of an event Le Monde (7) and NPR (8) also cover; an unrelated story (2).
    static func quake(_ title: String = "Earthquake strikes southern Japan") -> Headline {
        var h = headline(3, title, source: "BBC", age: 60)
        h.coverage = [Coverage(id: ItemID(7), feedID: FeedID(2), source: "Le Monde", title: "Séisme dans le sud du Japon",
                               sortTime: testNow.addingTimeInterval(-120)),
                      Coverage(id: ItemID(8), feedID: FeedID(3), source: "NPR", title: "Japan quake triggers tsunami warning",
                               sortTime: testNow.addingTimeInterval(-180))]
        return h
    }

    static func others() -> [Headline] {
        var monde = headline(7, "Séisme dans le sud du Japon", source: "Le Monde", age: 120, feed: 2)
        monde.coverage = [Coverage(id: ItemID(3), feedID: FeedID(1), source: "BBC", title: "Earthquake strikes southern Japan",
                                   sortTime: testNow.addingTimeInterval(-60))]
        let npr = headline(8, "Japan quake triggers tsunami warning", source: "NPR", age: 180, feed: 3)
        return [monde, npr]
    }

    /// The section's list (the quake, then an unrelated story), focus on the headlines; the cluster's other items are
    /// readable (the driver answers their loads).
    static func driver(width: Int = 120, title: String = "Earthquake strikes southern Japan") -> Driver {
        var d = Driver(width: width, height: 24, rows: [quake(title), headline(2, "Budget vote", source: "Le Monde", age: 600, feed: 2)],
                       details: others().map { ItemDetail(headline: $0, summaryHTML: "<p>Body of \($0.title)</p>") })
        d.press(.tab)
        return d
    }

    /// `c` on the quake, and the cluster the runner reads.
    static func openCoverage(_ d: inout Driver) {
        d.press(.character("c"))
        #expect(d.effects.last == .loadCluster(ItemID(3)))
        d.send(.clusterLoaded(ItemID(3), [quake()] + others()))
    }

    @Test func theCountAfterTheSourceCountsEveryOtherOutletCopiesAndCoverageAlike() {
        var h = Self.quake()
        h.alsoIn = ["Reuters"]
        var d = Driver(width: 120, height: 20, rows: [h])
        d.press(.tab)
        var buffer = ScreenBuffer(width: 80, height: 6)
        HeadlinesView.render(d.state, in: Rect(x: 0, y: 0, width: 80, height: 6), theme: Theme.make(color: false), into: &buffer)
        let row = buffer.lines.first { $0.contains("Earthquake") } ?? ""
        #expect(row.contains("BBC +3"), "\(row)")
        #expect(h.outletCount == 4)
        // Narrow (three panes): after the title.
        #expect(d.screen.contains { $0.contains("Earthquake strikes southern Japan +3") }, "\(d.screen.joined(separator: "\n"))")
    }

    @Test func thePreviewSaysWhoElseCoversTheStory() {
        let d = Self.driver()
        #expect(d.screen.contains { $0.contains("Also covered by: Le Monde, NPR") }, "\(d.screen.joined(separator: "\n"))")
        #expect(!d.screen.contains { $0.contains("Also in:") })
    }

    @Test func cListsTheClusterInPlaceOfTheListAndBackReturnsToIt() {
        var d = Self.driver()
        d.press(.down)
        d.press(.up)
        Self.openCoverage(&d)
        #expect(d.state.headlines.scope == .items([ItemID(3), ItemID(7), ItemID(8)]))
        #expect(d.state.headlines.rows.map(\.source) == ["BBC", "Le Monde", "NPR"])
        #expect(d.selectedID == 3)
        #expect(d.screen.contains { $0.contains("Coverage: Earthquake strikes southern Japan") }, "\(d.screen.joined(separator: "\n"))")
        // The sections reload after any change in the cache: the coverage stays.
        d.send(.sectionsLoaded(twoSections, savedCount: 0))
        #expect(d.state.coverageShown != nil)
        // Enter reads one; back returns to the coverage, back again to the section's list, on the story.
        d.press(.down, .enter)
        #expect(d.state.reader?.page.itemID == ItemID(7))
        d.press(.character("q"))
        #expect(d.state.reader == nil)
        #expect(d.state.coverageShown != nil && d.selectedID == 7)
        d.press(.character("q"))
        #expect(d.state.coverage == nil)
        #expect(d.state.headlines.scope == .section(SectionID(1)))
        #expect(d.selectedID == 3)
        #expect(d.state.focus == .headlines)
        #expect(d.screen.contains { $0.contains("World") })
    }

    @Test func aChangeInTheCacheReadsTheCoverageAgainAsACluster() {
        var d = Self.driver()
        Self.openCoverage(&d)
        d.press(.down)
        d.effects = []
        d.send(.cacheChanged)
        #expect(d.effects.contains(.loadCluster(ItemID(3))))
        #expect(!d.effects.contains { if case .io(.loadHeadlines) = $0 { true } else { false } })
        // A fourth outlet joined: listed, the cursor still on Le Monde's story.
        let dpa = headline(9, "Erdbeben im Süden Japans", source: "DPA", age: 30, feed: 4)
        d.send(.clusterLoaded(ItemID(3), [dpa, Self.quake()] + Self.others()))
        #expect(d.state.headlines.rows.map(\.source) == ["DPA", "BBC", "Le Monde", "NPR"])
        #expect(d.selectedID == 7)
        #expect(d.state.coverageShown?.scope == .items([ItemID(9), ItemID(3), ItemID(7), ItemID(8)]))
        d.press(.character("q"))
        #expect(d.state.headlines.scope == .section(SectionID(1)) && d.selectedID == 3)
    }

    @Test func aStoryNoOtherOutletCoversSaysSoAndAnotherSectionLeavesTheCoverage() {
        var d = Self.driver()
        d.press(.down)
        d.press(.character("c"))
        #expect(d.state.message?.text == "No other outlet covers this story")
        #expect(!d.effects.contains(.loadCluster(ItemID(2))))
        d.press(.up)
        Self.openCoverage(&d)
        // The coverage is not kept as your place: its list is, on its story.
        #expect(d.state.currentPlace.scope == .section(SectionID(1)))
        #expect(d.state.currentPlace.selected == ItemID(3))
        d.press(.character("h"), .character("j"))
        #expect(d.state.coverage == nil)
        #expect(d.state.headlines.scope == .section(SectionID(2)))
    }

    /// After a title that fits, after one cut short, after the source (two panes): the count is where it is drawn.
    @Test(arguments: [(120, "Earthquake strikes southern Japan", "Japan +2"),
                      (120, "Earthquake of magnitude 7.1 strikes southern Japan, tsunami warning issued", "… +2"),
                      (90, "Earthquake strikes southern Japan", "BBC +2")])
    func aClickOnTheCountOpensTheCoverage(width: Int, title: String, shown: String) throws {
        var d = Self.driver(width: width, title: title)
        d.press(.down)  // The cursor elsewhere: the click selects the row too.
        let lines = d.screen
        let y = try #require(lines.firstIndex { $0.contains("Earthquake") && $0.contains(" +2") })
        #expect(lines[y].contains(shown), "\(lines[y])")
        let x = try #require(Array(lines[y]).firstIndex(of: "+"))
        d.send(.key(.mouse(MouseEvent(kind: .click, x: x, y: y))))
        #expect(d.selectedID == 3)
        #expect(d.effects.last == .loadCluster(ItemID(3)))
        // On the title, a click only selects.
        d.effects = []
        d.send(.key(.mouse(MouseEvent(kind: .click, x: x - 6, y: y))))
        #expect(!d.effects.contains(.loadCluster(ItemID(3))))
    }

    @Test func theReadingViewListsTheOtherOutletsVersionsAsLinksThatOpenThem() throws {
        var d = Self.driver()
        d.press(.enter)
        let reader = try #require(d.state.reader)
        let text = reader.layout.lines.map(\.text)
        #expect(text.contains("Also covered by"), "\(text)")
        #expect(text.contains { $0.contains("Le Monde: Séisme dans le sud du Japon") })
        #expect(reader.layout.links.compactMap(\.item) == [ItemID(7), ItemID(8)])
        // The first link of the page is Le Monde's version: Tab, then Enter reads it from the cache.
        d.press(.tab)
        #expect(d.state.reader?.activeLink?.item == ItemID(7))
        #expect(RootView.render(d.state).lines.last?.contains("Le Monde: Séisme dans le sud du Japon") == true)
        d.effects = []
        d.press(.enter)
        #expect(d.effects.first == .loadItem(ItemID(7)))
        #expect(d.effects.contains(.setRead([ItemID(7)], true)))
        #expect(d.state.reader?.page.itemID == ItemID(7))
        #expect(d.state.reader?.back.count == 1)
        // Its own list names BBC's version; back returns to BBC's, forward goes to Le Monde's again.
        #expect(d.state.reader?.layout.links.compactMap(\.item) == [ItemID(3)])
        d.press(.backspace)
        #expect(d.state.reader?.page.itemID == ItemID(3))
        d.press(.character("l"))
        #expect(d.state.reader?.page.itemID == ItemID(7))
    }
}
