import Testing
@testable import TelexArticles

@Suite struct CleanerTests {
    func blocks(_ html: String, base: String? = "https://news.example/a/b.html") -> [Block] {
        HTMLCleaner.document(fromFragment: html, baseURL: base).blocks
    }

    @Test(arguments: [
        ("<p>Hello <b>bold</b> and <i>it</i></p>", Block.paragraph([.text("Hello "), .strong([.text("bold")]), .text(" and "), .emphasis([.text("it")])])),
        ("<p>  lots   of\n\n space  </p>", .paragraph([.text("lots of space")])),
        ("<h3>Title</h3>", .heading(level: 3, [.text("Title")])),
        ("<p>a<br>b</p>", .paragraph([.text("a"), .lineBreak, .text("b")])),
        ("<p>use <code>let x</code> here</p>", .paragraph([.text("use "), .code("let x"), .text(" here")])),
        ("<pre>  x = 1\n  y = 2</pre>", .preformatted("  x = 1\n  y = 2")),
        ("<hr>", .rule),
        ("<blockquote><p>q</p></blockquote>", .quote([.paragraph([.text("q")])])),
        ("<ol><li>one</li><li>two</li></ol>", .list(ordered: true, items: [[.paragraph([.text("one")])], [.paragraph([.text("two")])]])),
        ("<figure><img src=\"/i.jpg\"><figcaption>Cap <em>tion</em></figcaption></figure>", .figure(imageURL: "https://news.example/i.jpg", caption: [.text("Cap "), .emphasis([.text("tion")])])),
        ("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>", .table(header: [[.text("A")], [.text("B")]], rows: [[[.text("1")], [.text("2")]]])),
    ])
    func elementsBecomeBlocks(html: String, expected: Block) {
        #expect(blocks(html) == [expected])
    }

    @Test(arguments: [
        ("/x", "https://news.example/x"),
        ("c.html", "https://news.example/a/c.html"),
        ("//cdn.example/y", "https://cdn.example/y"),
        ("mailto:a@b.example", "mailto:a@b.example"),
        ("https://other.example/p?q=1#f", "https://other.example/p?q=1#f"),
    ])
    func linksResolveAgainstTheBase(href: String, url: String) {
        #expect(blocks("<p><a href=\"\(href)\">t</a></p>") == [.paragraph([.link(url: url, [.text("t")])])])
    }

    @Test(arguments: ["javascript:alert(1)", "data:text/html,x", "#top", "ftp://x.example/f", ""])
    func unsafeOrLocalLinksBecomeText(href: String) {
        #expect(blocks("<p><a href=\"\(href)\">t</a></p>") == [.paragraph([.text("t")])])
    }

    @Test func scriptsStylesAndHiddenContentDisappear() {
        let b = blocks("<p>a<script>evil()</script><style>p{}</style><span hidden>h</span><span style='display: none'>n</span>b</p>")
        #expect(b == [.paragraph([.text("ab")])])
    }

    @Test func controlCharactersAreRemovedFromText() {
        let b = blocks("<p>x&#27;[31my\u{7}z&#x202E;w</p>")
        #expect(b == [.paragraph([.text("x[31myzw")])])
    }

    @Test func spacesAroundInlineElementsStayOutside() {
        #expect(blocks("<p>see <a href='/l'> the link </a> now</p>") == [.paragraph([.text("see "), .link(url: "https://news.example/l", [.text("the link")]), .text(" now")])])
    }

    @Test func relatedLinesInFeedContentMoveToRelated() {
        let doc = HTMLCleaner.document(fromFragment: "<p>Story text here.</p><p>READ <a href='/r'>Other headline today</a></p><p>More text.</p>", baseURL: "https://n.example/")
        #expect(doc.related == [RelatedLink(title: "Other headline today", url: "https://n.example/r")])
        #expect(doc.plainText == "Story text here.\n\nMore text.")
    }

    @Test func deeplyNestedMarkupKeepsItsText() {
        // 240 levels: deeper than the converter's recursion cap, within libxml2's 256-level limit.
        let html = String(repeating: "<div><span>", count: 120) + "deep" + String(repeating: "</span></div>", count: 120)
        #expect(HTMLCleaner.document(fromFragment: html, baseURL: nil).plainText.contains("deep"))
    }

    @Test func absurdlyDeepMarkupDoesNotCrash() {
        // libxml2 stops at 256 levels (without XML_PARSE_HUGE, which we never pass): what lies deeper is dropped.
        let html = "<p>top</p>" + String(repeating: "<div><span>", count: 10000) + "deep"
        #expect(HTMLCleaner.document(fromFragment: html, baseURL: nil).plainText.hasPrefix("top"))
    }

    @Test func emptyAndBrokenInputGiveEmptyDocuments() {
        #expect(blocks("").isEmpty)
        #expect(blocks("<<<>>>").allSatisfy { if case .paragraph = $0 { return true } else { return false } })
        #expect(blocks("<p><b><i>unclosed").count == 1)
    }
}
