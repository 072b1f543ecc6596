import Foundation
import TelexArticles
import TelexModel
import TelexScreen
import Testing
@testable import TelexUI

@Suite("Reading view: opened from the list")
struct ReaderOpeningTests {
    /// Lists state with three headlines loaded, the cursor on the first, focus on the headlines.
    static func listState() -> AppState {
        var s = AppState(width: 100, height: 20)
        var list = HeadlineList(scope: .all)
        list.rows = (1...3).map { ReaderFixtures.headline(id: $0, title: "Story \($0)") }
        list.loaded = true
        list.reachedEnd = true
        list.total = 3
        s.headlines = list
        s.focus = .headlines
        return s
    }

    static func detail(_ id: Int64) -> ResolvedItem {
        ReaderFixtures.item(ReaderFixtures.detail(id: id, document: ReaderFixtures.document(title: "Story \(id)")))
    }

    @Test func enterOnAHeadlineLoadsItAndOpensTheReaderWhenItArrives() {
        var s = Self.listState()
        let effects = s.press(.enter)
        #expect(effects == [.loadItem(ItemID(1)), .setRead([ItemID(1)], true)])
        #expect(s.reader == nil)
        #expect(s.headlines.rows[0].isRead)
        let opened = reduce(&s, .itemLoaded(ItemID(1), Self.detail(1)))
        #expect(opened == [])  // Already marked read when Enter was pressed.
        #expect(s.reader?.page.title == "Story 1")
        #expect(RootView.render(s).lines.contains { $0.contains("Story 1") && !$0.contains("Sections") })
    }

    @Test func nAndPWalkTheListFromTheReader() {
        var s = Self.listState()
        s.press(.enter)
        _ = reduce(&s, .itemLoaded(ItemID(1), Self.detail(1)))
        #expect(s.press(.character("n")).contains(.loadItem(ItemID(2))))
        #expect(s.headlines.viewport.selected == 1)
        _ = reduce(&s, .itemLoaded(ItemID(2), Self.detail(2)))
        #expect(s.reader?.page.title == "Story 2")
        #expect(s.reader?.back.isEmpty == true)  // A new article starts a new history.
        #expect(s.press(.character("p")).contains(.loadItem(ItemID(1))))
        _ = reduce(&s, .itemLoaded(ItemID(1), Self.detail(1)))
        s.press(.character("p"))
        #expect(s.message == "This is the first article of the list")
        #expect(s.reader?.page.title == "Story 1")
    }

    @Test func qFromTheReaderReturnsToTheListWhereItWas() {
        var s = Self.listState()
        s.press(.enter)
        _ = reduce(&s, .itemLoaded(ItemID(1), Self.detail(1)))
        s.press(.character("q"))
        #expect(s.reader == nil)
        #expect(s.focus == .headlines)
        #expect(!s.isQuitting)
    }
}
