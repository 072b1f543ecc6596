import Testing
@testable import TelexArticles

/// The byte-level fast paths extraction's speed rests on give the same answers as the plain rules.
@Suite struct ScanningTests {
    /// (needles, haystack, whether one occurs)
    static let needleCases: [([String], String, Bool)] = [
        (["comment", "share"], "post-comments widget", true),
        (["comment", "share"], "post-content", false),
        (["comment", "com-"], "com", false),                  // a needle longer than what is left
        (["comment"], "", false),
        (["ad-", "-ad-"], "sidebar-ad-slot", true),           // several needles with one first byte
        (["tag"], "hashtag", true),                           // at the very end
        (["関連", "分享"], "widget 分享 bar", true),             // first bytes of multi-byte characters
        (["関連"], "関東", false),                              // same first bytes, different character
        (["\u{FF}x"], "\u{FF}", false),
    ]

    @Test(arguments: needleCases)
    func needleSetsFindTheirNeedles(needles: [String], haystack: String, expected: Bool) {
        #expect(FastText.containsAny(ArraySlice(haystack.utf8), FastText.needles(needles)) == expected)
    }

    @Test func attributeRepairSkipsScriptsCommentsAndUppercaseEndTags() {
        func repaired(_ s: String) -> String? { AttributeNames.repaired(Array(s.utf8)).map { String(decoding: $0, as: UTF8.self) } }
        // Markup inside a script or a comment is not markup, whatever case its end tag is in.
        #expect(repaired("<script>if (a <b @x=1) {}</SCRIPT><p>t</p>") == nil)
        #expect(repaired("<!-- <b @click=\"x\"> --><p>t</p>") == nil)
        #expect(repaired("<STYLE>a<b @x{}</Style><i @click=\"go\">t</i>") == "<STYLE>a<b @x{}</Style><i _click=\"go\">t</i>")
        // An unclosed script hides the rest of the page from the repair, as from the parser.
        #expect(repaired("<script>x <b @y=1>") == nil)
        #expect(repaired("<") == nil)
    }

    /// (href, resolved against https://news.example/2026/story.html)
    static let urlCases: [(String, String?)] = [
        ("https://x.example/caf%C3%A9?q=1", "https://x.example/caf%C3%A9?q=1"),  // escapes taken as they are
        ("/a%2Fb", "https://news.example/a%2Fb"),
        ("/a%zz", "https://news.example/a%25zz"),                                // not an escape: encoded
        ("#comments", nil),
        ("  #top", nil),
        ("other.html", "https://news.example/2026/other.html"),
    ]

    @Test(arguments: urlCases)
    func linksResolveTheSameOnTheFastPath(href: String, expected: String?) {
        #expect(URLResolver(base: "https://news.example/2026/story.html").link(href) == expected)
    }

    /// (HTML of a body's content, whether its first element could be a reaction bar)
    static let reactionCases: [(String, Bool)] = [
        ("<div>👍 12 ❤️ 3</div>", true),
        ("<div>Like 12</div>", false),
        ("<div>12 / 3</div>", false),                          // all ASCII: no pictograph
        ("<div>❤️ 3<span hidden>Likes</span></div>", true),   // removed text is not read
        ("<div>❤️ 3<script>var likes</script></div>", true),
    ]

    @Test(arguments: reactionCases)
    func reactionBarsArePrefilteredOnTheirBytes(html: String, expected: Bool) {
        var tree = HTMLParser.parseFragment(html)
        let body = tree.first(.body)!
        HiddenContent.remove(in: &tree, scope: body, stats: TextStatistics(tree))
        let div = tree.first(.div, in: body)!
        #expect(ShareWidgets.mayBeReactionBar(tree, div) == expected)
        if expected { #expect(ShareWidgets.isReactionBar(tree.textContent(div))) }
    }

    /// (HTML of a block, whether its start could be a marker)
    static let markerHeadCases: [(String, Bool)] = [
        ("<p>READ <a href=\"/x\">Headline</a></p>", true),
        ("<p>  Read\n more: <a href=\"/x\">Headline</a></p>", true),
        ("<p><strong>Lire</strong> aussi : Titre</p>", true),
        ("<p>The council said</p>", false),
        ("<p>R e</p>", false),
        ("<p>À lire aussi</p>", true),                          // non-ASCII starts are let through
        ("<p>Re</p>", true),                                   // too short to judge
    ]

    @Test(arguments: markerHeadCases)
    func markerLinesArePrefilteredOnTheirFirstBytes(html: String, expected: Bool) {
        let tree = HTMLParser.parseFragment(html)
        #expect(RelatedStories.mayStartWithMarker(tree, tree.first(.p)!) == expected)
    }
}
