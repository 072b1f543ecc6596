import Foundation
import TelexArticles
import TelexModel
import TelexScreen
import Testing
@testable import TelexUI

@Suite("Reading view: history and find")
struct ReaderHistoryAndFindTests {
    /// Opens the first page, scrolls, puts the cursor on link 2 and follows it to "Second".
    func stateOnSecondPage() -> AppState {
        var s = ReaderFixtures.state()
        s.press(.character("j"), .character("j"), .character("j"), .character("2"))
        s.press(.enter)
        _ = reduce(&s, .pageLoaded(url: "https://example.com/p10", ReaderFixtures.document(title: "Second")))
        return s
    }

    @Test func backRestoresTheScrollAndTheLinkCursor() {
        var s = ReaderFixtures.state()
        s.press(.character("j"), .character("j"), .character("j"), .character("2"))
        let scroll = s.reader!.scroll
        s.press(.enter)
        _ = reduce(&s, .pageLoaded(url: "https://example.com/p10", ReaderFixtures.document(title: "Second")))
        s.press(.character("j"), .tab)
        for back in [Key.backspace, .character("h"), .left] {
            var t = s
            t.press(back)
            #expect(t.reader!.page.title == "A story")
            #expect(t.reader!.scroll == scroll)
            #expect(t.reader!.linkCursor == 1)
            #expect(t.reader!.forward.count == 1)
        }
    }

    @Test func forwardRestoresTheLaterPageAsItWasLeft() {
        var s = stateOnSecondPage()
        s.press(.character("j"), .character("j"), .tab)
        let (scroll, cursor) = (s.reader!.scroll, s.reader!.linkCursor)
        s.press(.backspace)
        for forward in [Key.character("l"), .right] {
            var t = s
            t.press(forward)
            #expect(t.reader!.page.title == "Second")
            #expect(t.reader!.scroll == scroll)
            #expect(t.reader!.linkCursor == cursor)
            #expect(t.reader!.back.count == 1 && t.reader!.forward.isEmpty)
        }
    }

    @Test func followingALinkClearsTheForwardStack() {
        var s = stateOnSecondPage()
        s.press(.backspace)
        #expect(s.reader!.forward.count == 1)
        s.press(.character("1"), .enter)
        _ = reduce(&s, .pageLoaded(url: "https://example.com/p2", ReaderFixtures.document(title: "Third")))
        #expect(s.reader!.forward.isEmpty)
        #expect(s.reader!.back.map(\.page.title) == ["A story"])
    }

    @Test func backFromTheFirstPageReturnsToTheList() {
        var s = stateOnSecondPage()
        s.press(.backspace)
        #expect(s.reader != nil)
        s.press(.backspace)
        #expect(s.reader == nil)
    }

    @Test func backWhileFetchingCancelsTheFetch() {
        var s = ReaderFixtures.state()
        s.press(.tab, .enter)
        #expect(s.press(.backspace) == [.cancelFetch])
        #expect(s.reader == nil)
    }

    @Test func forwardWithNothingAheadSaysSo() {
        var s = ReaderFixtures.state()
        s.press(.character("l"))
        #expect(s.message?.text == "No page to go forward to")
    }

    @Test func theHistoryOverlayListsPagesOldestFirstWithTheCurrentOneMarked() {
        var s = stateOnSecondPage()
        s.press(.backspace, .character("H"))
        let screen = RootView.render(s).lines.joined(separator: "\n")
        #expect(screen.contains("History"))
        #expect(screen.contains("▸ A story"))
        #expect(screen.contains("  Second"))
        s.press(.escape)
        #expect(s.reader!.overlay == nil)
    }

    @Test func findJumpsToTheFirstMatchAndNMovesBetweenMatches() {
        var s = ReaderFixtures.state()
        s.press(.character("/"))
        for c in "paragraph 2" { s.press(.character(c)) }
        #expect(RootView.render(s).lines.last?.hasPrefix(" /paragraph 2") == true)
        s.press(.enter)
        // "Paragraph 2", "Paragraph 20" ... "Paragraph 29": eleven matches.
        #expect(s.reader!.find?.matches.count == 11)
        #expect(s.reader!.find?.current == 0)
        s.press(.character("n"))
        #expect(s.reader!.find?.current == 1)
        let line = s.reader!.find!.currentMatch!.line
        #expect((s.reader!.scroll..<(s.reader!.scroll + s.reader!.viewHeight)).contains(line))
        s.press(.character("N"), .character("N"))
        #expect(s.reader!.find?.current == 10)
        // While a find is active n does not leave the article.
        #expect(s.press(.character("n")) == [])
        s.press(.escape)
        #expect(s.reader!.find == nil)
        s.press(.character("n"))
        #expect(s.message?.text == "The list has moved on: q returns to it")
    }

    @Test func findWithNoMatchSaysSo() {
        var s = ReaderFixtures.state()
        s.press(.character("/"), .character("z"), .character("q"), .enter)
        #expect(s.reader!.find == nil)
        #expect(s.message?.text == "Not found: zq")
    }

    @Test func findIsCaseInsensitiveAndMeasuresColumnsInDisplayWidth() {
        let doc = ArticleDocument(metadata: ArticleMetadata(title: "T"), blocks: [.paragraph([.text("日本語のニュース NEWS news")])])
        let layout = ArticleLayout.layout(doc, width: 40, showLinkNumbers: true)
        let f = FindState.search("news", in: layout, near: 0)!
        #expect(f.matches.map(\.startColumn) == [17, 22])
        #expect(f.matches.allSatisfy { $0.endColumn - $0.startColumn == 4 })
        #expect(FindState.search("ニュース", in: layout, near: 0)!.matches.first.map { [$0.startColumn, $0.endColumn] } == [8, 16])
    }
}
