import Foundation
import TelexArticles
import TelexModel
import TelexScreen
import Testing
@testable import TelexUI

@Suite("Reading view: opening, links, numbers")
struct ReaderNavigationTests {
    @Test func openingAnUnreadItemMarksItReadAndShowsTheExtractedArticle() {
        var s = AppState(width: 80, height: 12)
        let effects = reduce(&s, .openInReader(ReaderFixtures.item()))
        #expect(effects == [.setRead([ItemID(1)], true)])
        #expect(s.reader?.page.note == nil)
        #expect(s.reader?.page.isRead == true)
        #expect(s.reader?.layout.lines.first?.text == "A story")
    }

    @Test func openingAReadItemAsksForNothing() {
        var s = AppState(width: 80, height: 12)
        #expect(reduce(&s, .openInReader(ReaderFixtures.item(ReaderFixtures.detail(isRead: true)))) == [])
    }

    @Test func withoutAnExtractedArticleTheFeedTextShowsWithANote() {
        let s = ReaderFixtures.state(detail: ReaderFixtures.detail(document: nil, summary: "<p>Feed <b>text</b> here</p>"))
        let lines = s.reader!.layout.lines.map(\.text)
        #expect(lines.first == DocumentNote.articleNotCached.text)
        #expect(s.reader!.page.note == .articleNotCached)
        #expect(lines.contains("A story"))
        #expect(lines.contains("Feed text here"))
        #expect(lines.contains { $0.contains("Feed Author") && $0.contains("Example Feed") })
    }

    @Test func aLowConfidenceExtractionShowsTheFeedSummaryThenThePageWithANote() {
        var doc = ReaderFixtures.document(paragraphs: 3, linkAt: [1])
        doc.confidence = 0.1
        let s = ReaderFixtures.state(detail: ReaderFixtures.detail(document: doc, summary: "<p>Summary</p>"))
        #expect(s.reader!.page.note == .pageUncertain)
        let lines = s.reader!.layout.lines.map(\.text)
        #expect(lines.first == DocumentNote.pageUncertain.text)
        let summary = lines.firstIndex(of: "Summary"), page = lines.firstIndex(of: "Paragraph 0 is plain text.")
        #expect(summary != nil && page != nil && summary! < page!)
        // The page's links and related stories come with its text.
        #expect(s.reader!.layout.links.map(\.url) == ["https://example.com/p1", "https://example.com/r1"])
    }

    @Test func aLowConfidenceExtractionUnderAWholeFeedStoryShowsTheFeedAloneWithoutANote() {
        var doc = ReaderFixtures.document()
        doc.confidence = 0.1
        let story = "<p>" + String(repeating: "A whole story in the feed. ", count: 40) + "</p>"
        let s = ReaderFixtures.state(detail: ReaderFixtures.detail(document: doc, summary: story))
        #expect(s.reader!.page.note == nil)
        #expect(!s.reader!.layout.lines.contains { $0.text.contains("Paragraph 0") })
        // The related stories of the page still show under the feed's text.
        #expect(s.reader!.layout.links.map(\.url) == ["https://example.com/r1"])
    }

    @Test func tabStartsAtTheFirstLinkOnScreenAndWalksInReadingOrder() {
        var s = ReaderFixtures.state()
        // Scroll past link 1 (paragraph 2) so the first link on screen is paragraph 10's.
        let line10 = s.reader!.layout.links[1].positions[0].line
        s.reader!.scroll = line10 - 2
        s.press(.tab)
        #expect(s.reader!.linkCursor == 1)
        s.press(.tab)
        #expect(s.reader!.linkCursor == 2)
        // Scrolled to keep it visible.
        let line20 = s.reader!.layout.links[2].positions[0].line
        #expect((s.reader!.scroll..<(s.reader!.scroll + s.reader!.viewHeight)).contains(line20))
        s.press(.backTab, .backTab)
        #expect(s.reader!.linkCursor == 0)
        #expect(s.reader!.scroll <= s.reader!.layout.links[0].positions[0].line)
    }

    @Test func tabWrapsAroundFromTheLastLinkToTheFirst() {
        var s = ReaderFixtures.state()
        s.press(.end, .backTab)
        #expect(s.reader!.linkCursor == 3)  // The related story is the last link.
        #expect(s.reader!.layout.links[3].isRelated)
        s.press(.tab)
        #expect(s.reader!.linkCursor == 0)
        // Scrolled back up just enough for the link's line to be the top one.
        #expect(s.reader!.scroll == s.reader!.layout.links[0].positions[0].line)
    }

    @Test func tabAfterScrollingAwayRestartsFromTheScreen() {
        var s = ReaderFixtures.state()
        s.press(.tab)
        #expect(s.reader!.linkCursor == 0)
        s.press(.end)
        s.press(.tab)
        #expect(s.reader!.linkCursor == 3)
    }

    @Test func theStatusLineShowsTheRealURLOfTheLinkUnderTheCursor() {
        var s = ReaderFixtures.state()
        s.press(.tab)
        let screen = RootView.render(s)
        #expect(screen.lines.last?.contains("[1] https://example.com/p2") == true)
    }

    @Test(arguments: [(Key.character("2"), 1), (Key.character("4"), 3), (Key.character("1"), 0)])
    func aDigitSelectsThatLink(key: Key, index: Int) {
        var s = ReaderFixtures.state()
        s.press(key)
        #expect(s.reader!.linkCursor == index)
        #expect(s.reader!.activeLink?.number == index + 1)
    }

    @Test func aDigitWithNoSuchLinkSaysSo() {
        var s = ReaderFixtures.state()
        s.press(.character("9"))
        #expect(s.reader!.linkCursor == nil)
        #expect(s.message == "No link 9")
    }

    @Test func hashThenNumberThenEnterSelectsAMultiDigitLink() {
        var s = ReaderFixtures.state(detail: ReaderFixtures.detail(document: ReaderFixtures.document(paragraphs: 14, linkAt: Array(0..<14))))
        s.press(.character("#"))
        #expect(s.reader!.showLinkNumbers == false)
        s.press(.character("1"), .character("2"))
        #expect(s.reader!.showLinkNumbers == true)
        #expect(s.reader!.linkCursor == nil)
        s.press(.enter)
        #expect(s.reader!.linkCursor == 11)
        #expect(s.reader!.numberEntry == nil)
    }

    @Test func hashAloneTogglesTheLinkNumbers() {
        var s = ReaderFixtures.state()
        #expect(s.reader!.layout.lines.contains { $0.text.contains("link 2[1]") })
        s.press(.character("#"), .character("j"))
        #expect(s.reader!.showLinkNumbers == false)
        #expect(!s.reader!.layout.lines.contains { $0.text.contains("[1]") })
        #expect(s.reader!.scroll == 1)  // The key after `#` did its own job.
    }

    @Test func enterFollowsTheLinkUnderTheCursorAndThePageOpensWhenLoaded() {
        var s = ReaderFixtures.state()
        #expect(s.press(.tab, .enter) == [.followLink("https://example.com/p2")])
        #expect(s.reader!.pendingURL == "https://example.com/p2")
        #expect(RootView.render(s).lines.last?.contains("Fetching https://example.com/p2") == true)
        _ = reduce(&s, .pageLoaded(url: "https://example.com/p2", ReaderFixtures.document(title: "Second")))
        #expect(s.reader!.page.title == "Second")
        #expect(s.reader!.page.itemID == nil)
        #expect(s.reader!.back.count == 1)
        #expect(s.reader!.scroll == 0 && s.reader!.linkCursor == nil)
    }

    @Test func enterWithoutALinkOnScreenFollowsNothing() {
        var s = ReaderFixtures.state()
        #expect(s.press(.enter) == [])
        s.press(.tab, .end)
        #expect(s.press(.enter) == [])
    }

    @Test func escapeCancelsAFetchAndALatePageIsIgnored() {
        var s = ReaderFixtures.state()
        s.press(.tab, .enter)
        #expect(s.press(.escape) == [.cancelFetch])
        _ = reduce(&s, .pageLoaded(url: "https://example.com/p2", ReaderFixtures.document(title: "Late")))
        #expect(s.reader!.page.title == "A story")
        #expect(s.reader!.back.isEmpty)
    }

    @Test func aLinkThatIsNotAnArticleIsOfferedToTheBrowser() {
        var s = ReaderFixtures.state()
        s.press(.tab, .enter)
        _ = reduce(&s, .linkNotAnArticle("https://example.com/p2"))
        #expect(s.reader!.pendingURL == nil)
        #expect(s.message?.contains("browser") == true)
        #expect(s.press(.character("o")) == [.openInBrowser("https://example.com/p2")])
    }

    @Test func listingTheLinksAndFollowingOneFromTheList() {
        var s = ReaderFixtures.state()
        s.press(.character("L"))
        #expect(s.reader!.overlay == .links(selected: 0))
        let screen = RootView.render(s).lines.joined(separator: "\n")
        #expect(screen.contains("[4] Related one (related) — https://example.com/r1"))
        #expect(s.press(.down, .down, .enter) == [.followLink("https://example.com/p20")])
        #expect(s.reader!.overlay == nil)
    }

    @Test func otherKeysAskTheRunnerForTheRightWork() {
        var s = ReaderFixtures.state()
        #expect(s.press(.character("o")) == [.openInBrowser("https://example.com/story")])
        #expect(s.press(.character("y")) == [.copyToClipboard("https://example.com/story")])
        #expect(s.press(.character("m")) == [.setRead([ItemID(1)], false)])
        #expect(s.press(.character("s")) == [.setSaved(ItemID(1), true)])
        // On a link, s saves the linked page for later and y copies its address.
        #expect(s.press(.tab, .character("s")) == [.saveURLForLater("https://example.com/p2")])
        #expect(s.press(.character("y")) == [.copyToClipboard("https://example.com/p2")])
        #expect(s.press(.character("Q")) == [.quit])
    }

    @Test func qReturnsToTheList() {
        var s = ReaderFixtures.state()
        s.press(.character("q"))
        #expect(s.reader == nil)
        #expect(!s.isQuitting)
    }

    @Test func scrollingKeysMoveAndClamp() {
        var s = ReaderFixtures.state()
        let h = s.reader!.viewHeight
        s.press(.character("j"), .down)
        #expect(s.reader!.scroll == 2)
        s.press(.character("k"))
        #expect(s.reader!.scroll == 1)
        s.press(.character(" "))
        #expect(s.reader!.scroll == 1 + h - 2)
        s.press(.character("b"), .character("b"))
        #expect(s.reader!.scroll == 0)
        s.press(.character("G"))
        #expect(s.reader!.scroll == s.reader!.maxScroll)
        s.press(.pageDown)
        #expect(s.reader!.scroll == s.reader!.maxScroll)
        s.press(.character("g"))
        #expect(s.reader!.scroll == 0)
    }
}
