import Foundation
import TelexArticles
import TelexModel
import TelexScreen
import Testing
@testable import TelexUI

@Suite("Your place, kept across restarts")
struct ReaderPlaceTests {
    static let long = ReaderFixtures.detail(id: 27)

    @Test func aSavedPlaceReopensTheSectionTheStoryAndTheArticleWhereItWasLeft() throws {
        var first = Driver(rows: manyRows(30), details: [Self.long])
        first.press(.character("j"), .enter, .down, .down, .down, .enter, .ctrl("d"))
        let scroll = try #require(first.state.reader?.scroll)
        #expect(scroll > 0)
        first.press(.character("Q"))
        let place = first.state.currentPlace
        #expect(place.scope == .section(SectionID(2)))
        #expect(place.selected == ItemID(27) && place.open == ItemID(27))

        let second = Driver(rows: manyRows(30), details: [Self.long], place: place)
        #expect(second.state.selectedSectionRow?.scope == .section(SectionID(2)))
        #expect(second.state.headlines.selected?.id == ItemID(27))
        #expect(second.state.reader?.page.itemID == ItemID(27))
        #expect(second.state.reader?.scroll == scroll)
    }

    @Test func anArticleReopensWhereItWasLeftWithinARun() {
        var d = Driver(rows: manyRows(30), details: [Self.long])
        d.press(.enter, .down, .down, .down, .enter, .ctrl("d"), .ctrl("d"))
        let scroll = d.state.reader?.scroll
        d.press(.character("q"), .up, .down, .enter)
        #expect(d.state.reader?.page.itemID == ItemID(27))
        #expect(d.state.reader?.scroll == scroll)
    }

    @Test func aPlaceWhoseSectionIsGoneStartsAsUsual() {
        let d = Driver(rows: manyRows(5), place: ReaderPlace(scope: .section(SectionID(99)), selected: ItemID(3), open: ItemID(3)))
        #expect(d.state.reader == nil)
        #expect(d.state.selectedSectionRow?.scope == .section(SectionID(1)))
        #expect(d.state.restoring == nil)
    }
}
