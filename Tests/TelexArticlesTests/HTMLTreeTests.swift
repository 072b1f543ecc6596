import Testing
@testable import TelexArticles

/// The compact tree libxml2's SAX events build: names, document order, what is kept.
@Suite struct HTMLTreeTests {
    @Test func tagAndAttributeNamesMapBothWays() {
        #expect(Tag.named("var") == .var)
        #expect(Tag.named("blockquote") == .blockquote)
        #expect(Tag.named("FigCaption") == .figcaption)
        #expect(Tag.named("custom-element") == ._other)
        #expect(Tag.named("") == ._other)
        #expect(Tag.h3.headingLevel == 3 && Tag.h3.isHeading && !Tag.p.isHeading)
        #expect(Attr.names.contains("data-lazy-src") && Attr.names.contains("aria-hidden") && Attr.names.contains("http-equiv"))
        #expect(Tag.allCases.count < 128)
    }

    @Test func subtreesAreRangesInDocumentOrder() throws {
        let tree = HTMLParser.parse(Array(#"<html><body><div id="A" class="Story Main"><p>One, two</p><p>Three</p></div><p>Four</p></body></html>"#.utf8))
        let body = try #require(tree.first(.body))
        let div = try #require(tree.first(.div))
        #expect(tree.descendants(of: body, tag: .p).count == 3)
        #expect(tree.descendants(of: div, tag: .p).count == 2)
        #expect(Array(tree.children(div)).count == 2)
        #expect(String(decoding: tree.hint(div), as: UTF8.self) == "story main a")
        #expect(String(decoding: tree.idHint(div), as: UTF8.self) == "a")
        #expect(tree.attribute(div, .class) == "Story Main")
        #expect(tree.textContent(body) == "One, two Three Four")
        let first = tree.descendants(of: div, tag: .p)[0]
        #expect(tree.isDescendant(first, of: div) && !tree.isDescendant(div, of: first))
    }

    @Test func removedSubtreesAndInvisibleTextAreSkipped() throws {
        var tree = HTMLParser.parse(Array("<body><p>Keep</p><div><p>Drop</p></div><style>p{}</style><p>Also</p></body>".utf8))
        tree.remove(try #require(tree.first(.div)))
        #expect(tree.textContent(try #require(tree.first(.body))) == "Keep Also")
    }

    @Test func scriptTextIsKeptOnlyForJSON() throws {
        let tree = HTMLParser.parse(Array(#"<head><script>var x = "big";</script><script type="application/ld+json">{"a":1}</script></head>"#.utf8))
        let scripts = tree.descendants(of: tree.root, tag: .script)
        #expect(scripts.count == 2)
        #expect(Array(tree.children(scripts[0])).isEmpty)
        #expect(tree.children(scripts[1]).map { tree.text($0) }.joined() == #"{"a":1}"#)
    }

    @Test func textIsMeasuredOnBytes() {
        let text = Array("  Un, deux\n\n trois，四、 ".utf8)
        let (length, commas) = text.withUnsafeBufferPointer { HTMLTree.measure($0) }
        #expect(commas == 3)
        #expect(length == "Un, deux trois，四、 ".count)
    }
}
