import Foundation
import TelexArticles
import TelexModel
import TelexScreen
import TelexTestSupport
import Testing
@testable import TelexUI

@Suite("Reading view: layout to screen")
struct ReaderViewTests {
    static let mixed = ArticleDocument(
        metadata: ArticleMetadata(title: "東京で会議 🎉 Summit", byline: "Ann", siteName: "Wire"),
        blocks: [
            .heading(level: 2, [.text("Background")]),
            .paragraph([.text("日本語の文章が続きます。これは折り返しのテストです。"), .link(url: "https://example.com/jp", [.text("リンク")]), .text(" 👍🏽 done.")]),
            .quote([.paragraph([.text("A quoted line that is long enough to wrap on narrow screens.")])]),
            .figure(imageURL: nil, caption: [.text("A caption")]),
        ],
        related: [RelatedLink(title: "関連記事 Related story", url: "https://example.com/rel")])

    static func screen(width: Int, height: Int = 30, document: ArticleDocument = mixed, color: Bool = false,
                       keys: [Key] = []) -> (ScreenBuffer, AppState) {
        var s = AppState(width: width, height: height)
        s.useColor = color
        _ = reduce(&s, .openInReader(ReaderFixtures.item(ReaderFixtures.detail(document: document, isRead: true))))
        s.press(contentsOf: keys)
        return (RootView.render(s), s)
    }

    @Test(arguments: [40, 80, 120, 200])
    func theStoryIsMeasuredAndCentredAtEveryWidth(width: Int) {
        let (screen, s) = Self.screen(width: width)
        let r = s.reader!
        let column = min(80, width - 4)
        #expect(r.columnWidth == column)
        #expect(r.leftMargin == (width - column) / 2)
        // Every text row stays inside the column; the title starts at its left edge.
        for y in 1..<(screen.height - 1) {
            for x in 0..<screen.width where screen[x, y].glyph.text != " " && !screen[x, y].isContinuation {
                #expect(x >= r.leftMargin && x < r.leftMargin + column, "row \(y) col \(x) at width \(width)")
            }
        }
        #expect(screen.line(1).dropFirst(r.leftMargin).hasPrefix("東京で会議"))
        let text = screen.lines.joined(separator: "\n")
        #expect(text.contains("Related"))
        #expect(text.contains("2. 関連記事 Related story"))
    }

    @Test(arguments: [40, 80, 120, 200])
    func wideGlyphsTakeTwoCellsAndNeverStraddleTheColumnEdge(width: Int) {
        let (screen, s) = Self.screen(width: width)
        let right = s.reader!.leftMargin + s.reader!.columnWidth
        for y in 0..<screen.height {
            for x in 0..<screen.width where screen[x, y].glyph.width == 2 {
                #expect(x + 1 < screen.width && screen[x + 1, y].isContinuation)
                if y > 0 && y < screen.height - 1 { #expect(x + 2 <= right) }
            }
        }
    }

    @Test func aNarrowScreenMatchesTheSnapshot() {
        let doc = ArticleDocument(metadata: ArticleMetadata(title: "Short title", byline: "Ann", siteName: "Wire"),
                                  blocks: [.paragraph([.text("Some text and "), .link(url: "https://x.example/a", [.text("a link")]), .text(".")]),
                                           .quote([.paragraph([.text("Quoted")])])],
                                  related: [RelatedLink(title: "More", url: "https://x.example/b")])
        let (screen, _) = Self.screen(width: 40, height: 16, document: doc)
        #expect(screen.lines == [
            " telex · Wire",
            "  Short title",
            "  Ann · 2023-11-14 22:13 UTC · Wire",
            "",
            "  Some text and a link[1].",
            "",
            "  │ Quoted",
            "",
            "  Related",
            "",
            "  2. More",
            "",
            "",
            "",
            "",
            " https://example.com/story          All",
        ])
    }

    @Test func rolesMapToStyles() {
        let (screen, s) = Self.screen(width: 80, keys: [.tab])
        let left = s.reader!.leftMargin
        func style(ofFirst text: String) -> Style? {
            for y in 0..<screen.height {
                let line = screen.line(y)
                if let r = line.range(of: text) {
                    let col = DisplayWidth.of(String(line[..<r.lowerBound]))
                    return screen[col, y].style
                }
            }
            return nil
        }
        #expect(screen[left, 1].style.attributes.contains(.bold))  // title
        #expect(style(ofFirst: "Background")?.attributes.contains(.bold) == true)
        #expect(style(ofFirst: "A quoted")?.attributes.contains(.dim) == true)
        #expect(style(ofFirst: "A caption")?.attributes.contains(.italic) == true)
        // The cursor is on link 1: reversed; link 2 is only underlined; numbers are dim.
        #expect(style(ofFirst: "リンク")?.attributes.contains(.reverse) == true)
        #expect(style(ofFirst: "関連記事")?.attributes == [.underline])
        #expect(style(ofFirst: "[1]")?.attributes == [.dim])
    }

    @Test func findMatchesAreHighlighted() {
        let (screen, s) = Self.screen(width: 80, keys: [.character("/"), .character("w"), .character("r"), .character("a"), .character("p"), .enter])
        #expect(s.reader!.find?.matches.count == 1)
        let m = s.reader!.find!.matches[0]
        let y = 1 + m.line - s.reader!.scroll
        #expect(screen[s.reader!.leftMargin + m.startColumn, y].style.attributes.contains(.reverse))
        #expect(screen.lines.last?.contains("/wrap 1/1") == true)
    }

    @Test func controlCharactersFromContentNeverReachTheScreen() {
        let doc = ArticleDocument(metadata: ArticleMetadata(title: "Evil\u{1B}[2J title"),
                                  blocks: [.paragraph([.link(url: "https://e.example/\u{1B}]52;c;x\u{07}", [.text("x\u{9B}y")])])])
        let (screen, _) = Self.screen(width: 60, height: 10, document: doc, keys: [.tab])
        for cell in screen.cells { #expect(TerminalBytes.acting(in: cell.glyph.text) == []) }
        #expect(screen.lines[1] == "  Evil[2J title")
        #expect(screen.lines.last == " [1] https://e.example/]52;c;x                          All")
    }

    @Test func resizingRelaysTheStoryOutAndKeepsTheCursor() {
        var (_, s) = Self.screen(width: 200, keys: [.tab])
        _ = reduce(&s, .resized(width: 40, height: 30))
        #expect(s.reader!.columnWidth == 36)
        #expect(s.reader!.linkCursor == 0)
        #expect(s.reader!.layout.lines.allSatisfy { DisplayWidth.of($0.text) <= 36 })
    }
    @Test func helpInTheReadingViewListsTheReadersKeys() {
        let (screen, s) = Self.screen(width: 100, height: 40, keys: [.character("?")])
        #expect(s.showHelp)
        let text = screen.lines.joined(separator: "\n")
        #expect(text.contains("follow the link"))
        #expect(text.contains("back (from the first page: the list)"))
        #expect(!text.contains("show / hide a section's feeds"))
    }

    /// A dictionary still loading off the terminal thread is not waited for; when it is loaded the
    /// page is laid out again with it, at the same scroll. ("it-VA" is used by no other test.)
    @Test func aPageIsLaidOutAgainWhenItsDictionaryArrives() throws {
        let word = "precipitevolissimevolmente"
        var doc = ReaderFixtures.document(paragraphs: 12, linkAt: [])
        doc.metadata.language = "it-VA"
        doc.blocks.append(.paragraph([.text(word)]))
        let preparation = try #require(LineBreaker.preparation(for: doc))
        var s = ReaderFixtures.state(width: 16, height: 10, detail: ReaderFixtures.detail(document: doc))
        s.reader!.scroll(by: 4)
        func wordLines() -> [String] { Array(s.reader!.layout.lines.map(\.text).drop { $0 != "precipitevo-" }.prefix(3)) }
        #expect(wordLines() == ["precipitevo-", "lissimevolm-", "ente"])  // split where full, no dictionary yet
        preparation.run()
        #expect(reduce(&s, .layoutPrepared) == [])
        #expect(wordLines() == ["precipitevo-", "lissimevol-", "mente"])  // by the Italian dictionary
        #expect(s.reader!.scroll == 4)
    }
}

extension AppState {
    mutating func press(contentsOf keys: [Key]) { for k in keys { _ = reduce(&self, .key(k)) } }
}


@Suite("Reading view: OSC 8 hyperlinks")
struct ReaderHyperlinkTests {
    /// With hyperlinks on, the cells of each visible link (its text and its number) carry its URL.
    @Test func linksCarryTheirURLWhenHyperlinksAreOn() {
        var s = AppState(width: 80, height: 30)
        s.hyperlinks = true
        _ = reduce(&s, .openInReader(ReaderFixtures.item(ReaderFixtures.detail(document: ReaderViewTests.mixed, isRead: true))))
        let screen = RootView.render(s)
        let urls = Set(screen.hyperlinks.map(\.url))
        #expect(urls == ["https://example.com/jp", "https://example.com/rel"])
        for link in screen.hyperlinks {
            let text = (link.x..<(link.x + link.width)).map { screen[$0, link.y] }.filter { !$0.isContinuation }.map(\.glyph.text).joined()
            #expect(text.contains("リンク") || text.contains("関連記事") || text.contains("Related"), "\(text)")
        }
    }

    @Test func noHyperlinksWhenOff() {
        let (screen, _) = ReaderViewTests.screen(width: 80)
        #expect(screen.hyperlinks.isEmpty)
    }
}
