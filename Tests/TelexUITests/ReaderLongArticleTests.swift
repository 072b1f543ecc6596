import Foundation
import TelexArticles
import TelexModel
import TelexScreen
import Testing
@testable import TelexUI

@Suite("Reading view: long articles")
struct ReaderLongArticleTests {
    /// 80x24: 22 rows of text.
    static func state() -> AppState { ReaderFixtures.state(width: 80, height: 24) }

    @Test(arguments: [
        ([Key.ctrl("d")], 11), ([.ctrl("d"), .ctrl("d"), .ctrl("u")], 11), ([.character("5"), .character("j")], 5),
        ([.character("1"), .character("2"), .character("j")], 12), ([.character("2"), .character(" ")], 40),
        ([.character("3"), .ctrl("d")], 33), ([.character("j"), .character("j"), .character("k")], 1),
    ]) func movesTakeCounts(_ keys: [Key], _ scroll: Int) {
        var s = Self.state()
        for k in keys { s.press(k) }
        #expect(s.reader?.scroll == scroll)
        #expect(s.pendingCount == nil)
    }

    @Test func aNumberSelectsThatLinkAndAMovePutsTheCursorBack() {
        var s = Self.state()
        s.press(.character("2"))
        #expect(s.reader?.linkCursor == 1)
        s.press(.character("j"))
        #expect(s.reader?.linkCursor == nil)
        #expect(s.reader?.scroll == 2)
        // A number then Enter follows that link.
        let effects = s.press(.character("1"), .enter)
        #expect(effects == [.followLink("https://example.com/p2")])
    }

    @Test func bracesJumpByParagraphAndQuoteJumpsBack() throws {
        var s = Self.state()
        let starts = s.reader!.paragraphStarts
        s.press(.character("}"))
        let first = try #require(starts.first { $0 > 0 })
        #expect(s.reader?.scroll == first)
        s.press(.character("2"), .character("}"))
        let third = starts.filter { $0 > first }[1]
        #expect(s.reader?.scroll == third)
        s.press(.character("'"))
        #expect(s.reader?.scroll == first)
        s.press(.character("'"))
        #expect(s.reader?.scroll == third)
        s.press(.character("{"))
        #expect(s.reader?.scroll == starts.last { $0 < third })
    }

    @Test func bracketsJumpByHeading() {
        var doc = ReaderFixtures.document(paragraphs: 40, linkAt: [], related: [])
        doc.blocks.insert(.heading(level: 2, [.text("Second part")]), at: 20)
        doc.blocks.insert(.heading(level: 2, [.text("First part")]), at: 5)
        var s = ReaderFixtures.state(width: 80, height: 24, detail: ReaderFixtures.detail(document: doc))
        s.press(.character("]"))
        #expect(s.reader.map { $0.layout.lines[$0.scroll].text } == "First part")
        s.press(.character("]"))
        #expect(s.reader.map { $0.layout.lines[$0.scroll].text } == "Second part")
        s.press(.character("]"))
        #expect(s.message?.text == "No heading below")
        s.press(.character("["))
        #expect(s.reader.map { $0.layout.lines[$0.scroll].text } == "First part")
    }

    @Test func gAndGAreJumpsToo() {
        var s = Self.state()
        s.press(.character("5"), .character("j"), .character("G"))
        #expect(s.reader?.scroll == s.reader?.maxScroll)
        s.press(.character("'"))
        #expect(s.reader?.scroll == 5)
    }

    @Test func ctrlZSuspendsFromTheReadingViewToo() {
        var s = Self.state()
        #expect(s.press(.ctrl("z")) == [.suspend])
    }

    /// The list's second and fourth rows are unread; the first is opened from the list.
    static func listReader(pageDownOpensNextUnread: Bool = true) -> Driver {
        var rows = manyRows(6)
        rows[1].isRead = true
        rows[2].isRead = true
        var d = Driver(rows: rows)
        d.state.pageDownOpensNextUnread = pageDownOpensNextUnread
        d.press(.enter, .enter)
        return d
    }

    @Test func spaceAtTheEndOpensTheNextUnreadStoryOfTheList() {
        var d = Self.listReader()
        let rows = d.rows
        #expect(d.state.reader?.page.itemID == rows[0].id)
        d.effects = []
        d.press(.character(" "))
        #expect(d.state.reader?.page.itemID == rows[3].id)
        #expect(d.effects.contains(.setRead([rows[3].id], true)))
        #expect(d.state.headlines.selected?.id == rows[3].id)
    }

    @Test func withTheSettingOffSpaceAtTheEndStays() {
        var d = Self.listReader(pageDownOpensNextUnread: false)
        let first = d.state.reader?.page.itemID
        d.press(.character(" "))
        #expect(d.state.reader?.page.itemID == first)
    }

    @Test func theStatusLineShowsThePositionAndTheReadingTimeLeft() {
        var s = Self.state()
        s.press(.ctrl("d"))
        let status = RootView.render(s).lines.last!
        let r = s.reader!
        #expect(r.minutesLeft == 1)
        #expect(status.hasSuffix(" \((r.scroll * 100) / r.maxScroll)% · 1 min left"))
        s.press(.character("G"))
        #expect(s.reader?.minutesLeft == 0)
        #expect(RootView.render(s).lines.last!.hasSuffix(" End"))
    }
}
