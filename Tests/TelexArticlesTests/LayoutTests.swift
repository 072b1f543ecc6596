import Testing
import TelexScreen
@testable import TelexArticles

@Suite struct LayoutTests {
    func lines(_ blocks: [Block], width: Int, numbers: Bool = false, meta: ArticleMetadata = ArticleMetadata()) -> LaidOutArticle {
        ArticleLayout.layout(ArticleDocument(metadata: meta, blocks: blocks), width: width, showLinkNumbers: numbers)
    }

    @Test(arguments: [
        ("the quick brown fox jumps over the lazy dog", 10),
        ("élément été à côté déjà œuvre naïveté façade", 12),
        ("日本語の文章はスペースなしで折り返されなければならない", 11),
        ("thumbs 👍🏽 family 👨‍👩‍👧 flag 🇫🇷 ok 👍🏽👍🏽👍🏽", 9),
        ("e\u{301}e\u{301}e\u{301} cafe\u{301} re\u{301}sume\u{301} nai\u{308}ve", 8),
        ("see https://example.com/a/very/long/path/that/never/ends/and/goes/on/forever.html now", 16),
    ])
    func everyLineFitsTheWidth(text: String, width: Int) {
        let laid = lines([.paragraph([.text(text)])], width: width)
        #expect(laid.lines.count > 1, "should wrap")
        for line in laid.lines {
            #expect(DisplayWidth.of(line.text) <= max(width, 12), "\(line.text)")
        }
        // Nothing is lost: the clusters reassemble into the text (spaces aside). Emoji sequences
        // may be drawn as their first scalar plus padding, so they are left out of this check.
        if !text.unicodeScalars.contains(where: { $0.value >= 0x1F000 }) {
            let joined = laid.lines.map(\.text).joined().filter { !$0.isWhitespace }
            #expect(joined == text.filter { !$0.isWhitespace })
        }
    }

    @Test func wideCharactersTakeTwoColumnsAndCombiningMarksNone() {
        let laid = lines([.paragraph([.text("日本語 e\u{301}")])], width: 40)
        #expect(laid.lines.count == 1)
        #expect(DisplayWidth.of(laid.lines[0].text) == 8)
    }

    @Test func linksAreLocatedOnTheirLinesWithNumbers() {
        let para: [Inline] = [.text("Read the "), .link(url: "https://a.example/report", [.text("full report here")]), .text(" and "),
                              .link(url: "https://b.example/", [.strong([.text("this")])]), .text(".")]
        let laid = lines([.paragraph(para)], width: 14, numbers: true)
        #expect(laid.links.map(\.number) == [1, 2])
        #expect(laid.links.map(\.url) == ["https://a.example/report", "https://b.example/"])
        // The columns of each link's positions cover exactly its text and number, however it wrapped.
        for (link, text) in zip(laid.links, ["full report here[1]", "this[2]"]) {
            var covered = ""
            for p in link.positions {
                let line = laid.lines[p.line]
                var column = 0
                for span in line.spans {
                    let w = DisplayWidth.of(span.text)
                    if column >= p.startColumn && column + w <= p.endColumn { covered += span.text }
                    column += w
                }
            }
            #expect(covered.filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace }, "link \(link.number): \(link.positions)")
        }
        #expect(laid.lines.map(\.text).joined(separator: " ").contains("[1]"))
        #expect(laid.lines.flatMap(\.spans).contains { $0.role == .linkNumber && $0.linkIndex == 1 && $0.text == "[2]" })
    }

    @Test func linkNumbersAreHiddenOnRequest() {
        let laid = lines([.paragraph([.link(url: "https://a.example/", [.text("link")])])], width: 40, numbers: false)
        #expect(laid.lines.map(\.text) == ["link"])
        #expect(laid.links[0].positions == [LinkPosition(line: 0, startColumn: 0, endColumn: 4)])
    }

    @Test func listsHangTheirContinuationLines() {
        let laid = lines([.list(ordered: true, items: [[.paragraph([.text("one two three four five six")])], [.paragraph([.text("seven")])]])], width: 14)
        #expect(laid.lines.map(\.text) == ["1. one two", "   three four", "   five six", "2. seven"])
        #expect(laid.lines[0].spans[0].role == .listMarker)
    }

    @Test func quotesCarryABarOnEveryLine() {
        let laid = lines([.quote([.paragraph([.text("alpha beta gamma delta")]), .paragraph([.text("second")])])], width: 14)
        #expect(laid.lines.allSatisfy { $0.text.hasPrefix("│") })
        #expect(laid.lines.count == 4)
    }

    @Test func headerShowsTitleAndMeta() {
        let meta = ArticleMetadata(title: "A title", byline: "Jane Doe", published: nil, siteName: "Site")
        let laid = lines([.heading(level: 2, [.text("Part")]), .paragraph([.text("Body")])], width: 40, meta: meta)
        #expect(laid.lines.map(\.text) == ["A title", "Jane Doe · Site", "", "Part", "", "Body"])
        #expect(laid.lines[0].spans[0].role == .title)
        #expect(laid.lines[1].spans[0].role == .meta)
        #expect(laid.lines[3].spans[0].role == .heading(2))
    }

    @Test func tablesAlignInColumnsWhenTheyFit() {
        let t = Block.table(header: [[.text("City")], [.text("Pop.")]], rows: [[[.text("Paris")], [.text("2.1M")]], [[.text("Lyon")], [.text("0.5M")]]])
        let laid = lines([t], width: 40)
        #expect(laid.lines.map(\.text) == ["City  │ Pop.", "──────┼─────", "Paris │ 2.1M", "Lyon  │ 0.5M"])
    }

    @Test func tablesTooWideFallBackToRecords() {
        let header: [[Inline]] = (1...6).map { [.text("Column\($0)")] }
        let row: [[Inline]] = (1...6).map { [.text("value\($0)")] }
        let laid = lines([.table(header: header, rows: [row, row])], width: 20)
        #expect(laid.lines.contains { $0.text == "Column3: value3" })
        #expect(laid.lines.allSatisfy { DisplayWidth.of($0.text) <= 20 })
    }

    @Test func wideTablesWrapInsideNarrowedColumns() {
        let t = Block.table(header: nil, rows: [[[.text("short")], [.text("a much longer cell that has to wrap inside its column")]]])
        let laid = lines([t], width: 30)
        #expect(laid.lines.count > 1)
        #expect(laid.lines.allSatisfy { DisplayWidth.of($0.text) <= 30 && $0.text.contains("│") })
    }

    @Test func controlCharactersNeverReachTheOutput() {
        let evil = "safe\u{1B}[31mred\u{07}\u{9B}2J\u{202E}desrever"
        let laid = ArticleLayout.layout(ArticleDocument(metadata: ArticleMetadata(title: evil), blocks: [.paragraph([.text(evil)]), .preformatted(evil + "\n\tx")],
                                                        related: [RelatedLink(title: evil, url: "https://x.example/")]), width: 60, showLinkNumbers: true)
        for line in laid.lines {
            #expect(!line.text.unicodeScalars.contains { TerminalSafe.isUnsafe($0) }, "\(line.text.debugDescription)")
        }
    }

    @Test func relatedStoriesFormANumberedListAtTheEnd() {
        let doc = ArticleDocument(blocks: [.paragraph([.link(url: "https://a.example/", [.text("in body")])])],
                                  related: [RelatedLink(title: "First story", url: "https://r.example/1"), RelatedLink(title: "Second story", url: "https://r.example/2")])
        let laid = ArticleLayout.layout(doc, width: 40, showLinkNumbers: true)
        #expect(laid.links.map(\.isRelated) == [false, true, true])
        #expect(laid.links.map(\.number) == [1, 2, 3])
        let texts = laid.lines.map(\.text)
        #expect(texts.contains("Related"))
        #expect(texts.suffix(2) == ["1. First story[2]", "2. Second story[3]"])
        #expect(laid.links[2].positions == [LinkPosition(line: laid.lines.count - 1, startColumn: 3, endColumn: 18)])
    }

    @Test func veryNarrowWidthsStillTerminate() {
        let laid = ArticleLayout.layout(ArticleDocument(blocks: [.list(ordered: false, items: [[.quote([.paragraph([.text(String(repeating: "x", count: 200))])])]])]), width: 1, showLinkNumbers: true)
        #expect(!laid.lines.isEmpty)
    }
}
