import Foundation
import TelexArticles
import TelexModel
import TelexScreen
import Testing
@testable import TelexUI

@Suite("Your place: Continue reading, the history across restarts, cached related stories")
struct YourPlaceTests {
    static let long = ReaderFixtures.detail(id: 27)

    @Test func anArticleLeftHalfReadIsListedUnderContinueReadingUntilItIsFinished() throws {
        var d = Driver(rows: manyRows(30), details: [Self.long])
        #expect(!d.screen.joined().contains("Continue reading"))
        d.press(.enter, .down, .down, .down, .enter, .ctrl("d"), .character("q"))
        #expect(d.state.continueReading == [ItemID(27)])
        #expect(d.screen.joined().contains("Continue reading"))
        // It lists the article; opening it lands where it was left.
        let row = try #require(d.state.sectionRows.firstIndex { if case .continueReading = $0 { true } else { false } })
        d.press(.character("h"))
        while d.state.sectionsViewport.selected < row { d.press(.character("j")) }
        #expect(d.state.headlines.scope == .items([ItemID(27)]))
        #expect(d.state.headlines.rows.map(\.id) == [ItemID(27)])
        // Read to the end, it leaves the list.
        d.press(.enter, .enter, .character("G"), .character("q"))
        #expect(d.state.continueReading.isEmpty)
        #expect(!d.state.sectionRows.contains { if case .continueReading = $0 { true } else { false } })
    }

    @Test func continueReadingIsMostRecentlyLeftFirstAndKeptInThePlace() {
        var place = ReaderPlace(positions: [ItemID(1): 0.5, ItemID(2): 0.3, ItemID(3): 1.0, ItemID(4): 0.0, ItemID(5): 0.4])
        place.recent = [ItemID(2), ItemID(1)]
        // Recent first (latest last in `recent`), then the rest by id, newest first; finished and unopened ones out.
        #expect(place.continueReading == [ItemID(1), ItemID(2), ItemID(5)])
    }

    @Test func theHistoryComesBackAfterARestartAndEachPageLoadsWhenVisited() throws {
        var first = Driver(rows: manyRows(30), details: [Self.long])
        first.press(.character("j"), .enter, .down, .down, .down, .enter, .tab)
        let url = try #require(first.state.reader?.activeLink?.url)
        first.press(.enter)
        #expect(first.effects.last == .followLink(url))
        let followed = ReaderFixtures.document(title: "The followed page", paragraphs: 60)
        first.send(.pageLoaded(url: url, followed))
        first.press(.ctrl("d"), .ctrl("d"))
        let scroll = try #require(first.state.reader?.scroll)
        #expect(scroll > 0)
        first.press(.character("Q"))
        let place = first.state.currentPlace
        #expect(place.open == ItemID(27))
        #expect(place.history.map(\.item) == [ItemID(27), nil])
        #expect(place.history.map(\.url) == ["https://example.com/story", url])
        #expect(place.historyIndex == 1)

        var second = Driver(rows: manyRows(30), details: [Self.long], place: place)
        // The page shown at quit, loading; the first page behind it.
        #expect(second.state.reader?.page.url == url)
        #expect(second.state.reader?.page.placeholderShare != nil)
        #expect(second.effects.last == .followLink(url))
        second.send(.pageLoaded(url: url, followed))
        #expect(second.state.reader?.page.placeholderShare == nil)
        #expect(second.state.reader?.page.title == "The followed page")
        #expect(second.state.reader?.scroll == scroll)
        #expect(second.state.reader?.back.count == 1)
        second.press(.backspace)
        #expect(second.state.reader?.page.itemID == ItemID(27))
        #expect(second.state.reader?.forward.count == 1)
        // Forward again: the page is loaded now, no fetch.
        let before = second.effects.count
        second.press(.character("l"))
        #expect(second.state.reader?.page.title == "The followed page")
        #expect(second.effects.count == before)
    }

    @Test func aHistoryPageThatIsAListItemLoadsAsOne() {
        var place = ReaderPlace(scope: .section(SectionID(1)), selected: ItemID(30), open: ItemID(30))
        place.history = [ReaderPlace.Entry(item: ItemID(30), url: nil, title: "first", share: 0),
                         ReaderPlace.Entry(item: ItemID(29), url: nil, title: "second", share: 0)]
        place.historyIndex = 0
        var d = Driver(rows: manyRows(30), place: place)
        #expect(d.state.reader?.page.itemID == ItemID(30))
        #expect(d.state.reader?.forward.count == 1)
        d.press(.character("l"))
        #expect(d.effects.last == .loadItem(ItemID(29)))
        #expect(d.state.reader?.page.itemID == ItemID(29))
        #expect(d.state.reader?.page.placeholderShare == nil)
        #expect(d.state.reader?.page.title == "Headline 29")
    }

    @Test func cachedRelatedStoriesSaySo() {
        let doc = ReaderFixtures.document(paragraphs: 2, linkAt: [], related: [
            RelatedLink(title: "Offline story", url: "https://example.com/r1"), RelatedLink(title: "Online story", url: "https://example.com/r2"),
        ]).markingCached(["https://example.com/r1"])
        let lines = ArticleLayout.layout(doc, width: 60, showLinkNumbers: true).lines.map(\.text)
        #expect(lines.contains { $0.contains("Offline story") && $0.hasSuffix("· cached") })
        #expect(lines.contains { $0.contains("Online story") && !$0.contains("cached") })
    }
}
