import Foundation
import Testing
@testable import TelexArticles

@Suite struct ModelTests {
    let doc = ArticleDocument(
        metadata: ArticleMetadata(title: "T", published: Date(timeIntervalSince1970: 0)),
        blocks: [
            .heading(level: 2, [.text("Head")]),
            .paragraph([.text("One "), .link(url: "https://a.example/", [.emphasis([.text("two")])]), .lineBreak, .text("three")]),
            .figure(imageURL: "https://img.example/x.jpg", caption: [.text("A caption (AP)")]),
            .quote([.paragraph([.link(url: "https://q.example/", [.text("quoted")])])]),
            .list(ordered: false, items: [[.paragraph([.text("a")])], [.paragraph([.text("b")])]]),
            .rule,
        ],
        related: [RelatedLink(title: "Other story", url: "https://r.example/")],
        confidence: 0.9)

    @Test func plainTextSeparatesParagraphsWithBlankLinesAndKeepsCaptions() {
        #expect(doc.plainText == "Head\n\nOne two\nthree\n\nA caption (AP)\n\nquoted\n\na\n\nb")
    }

    @Test func linksAreInReadingOrderWithRelatedLast() {
        #expect(doc.links.map(\.url) == ["https://a.example/", "https://q.example/", "https://r.example/"])
        #expect(doc.links.map(\.text) == ["two", "quoted", "Other story"])
        #expect(doc.links.map(\.isRelated) == [false, false, true])
    }

    @Test func plainTextLeavesSoftHyphensOutUnlessAsked() {
        let d = ArticleDocument(blocks: [.paragraph([.text("Donau\u{AD}dampf 12\u{A0}%")])])
        #expect(d.plainText == "Donaudampf 12\u{A0}%")
        #expect(d.plainParagraphs(keepingSoftHyphens: true) == ["Donau\u{AD}dampf 12\u{A0}%"])
    }

    @Test func theFirstParagraphsAloneCanBeAsked() {
        let d = ArticleDocument(blocks: [.paragraph([.text("a")]), .rule, .list(ordered: false, items: [[.paragraph([.text("b")])], [.paragraph([.text("c")])]]),
                                         .paragraph([.text("d")])])
        #expect(d.plainParagraphs(keepingSoftHyphens: false, limit: 2) == ["a", "b"])
        #expect(d.plainParagraphs(keepingSoftHyphens: false, limit: 3) == ["a", "b", "c"])
        #expect(d.plainParagraphs(keepingSoftHyphens: false, limit: 9) == ["a", "b", "c", "d"])
    }

    @Test func imagesListFiguresWithTheirCaptions() {
        #expect(doc.images.map(\.url) == ["https://img.example/x.jpg"])
        #expect(doc.images.map(\.caption) == ["A caption (AP)"])
    }
}
