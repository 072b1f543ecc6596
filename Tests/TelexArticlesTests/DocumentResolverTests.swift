import Foundation
import Testing
import TelexModel
@testable import TelexArticles

/// Which document an item shows (`DocumentResolver`): the cached article, the feed's content, or
/// both, and when the "not cached" note appears.
@Suite struct DocumentResolverTests {
    static let headline = Headline(id: ItemID(3), feedID: FeedID(1), title: "Item title", source: "The Feed", link: "https://news.example/a",
                                   sortTime: Date(timeIntervalSince1970: 1_700_000_000), isRead: false, isSaved: false)
    static let page = ArticleDocument(metadata: ArticleMetadata(title: "Page title", language: "de"),
                                      blocks: [.paragraph([.text("From the page.")])],
                                      related: [RelatedLink(title: "Other", url: "https://news.example/b")], confidence: 0.9)
    static let summary = "<p>A short summary.</p>"
    /// A whole story: more text than `FeedText.summaryCharacters`.
    static let story = "<p>" + String(repeating: "The whole story is in the feed. ", count: 25) + "</p>"

    static func detail(article: ArticleDocument?, summary: String? = nil, content: String? = nil, json: Data? = nil) -> ItemDetail {
        ItemDetail(headline: headline, author: "Feed Author", published: Date(timeIntervalSince1970: 1_699_999_000),
                   summaryHTML: summary, contentHTML: content, articleJSON: json ?? article.map(ArticleDocumentCodec.encode),
                   articleURL: "https://news.example/a")
    }

    static func unsure(_ doc: ArticleDocument, _ confidence: Double) -> ArticleDocument {
        var d = doc; d.confidence = confidence; return d
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var detail: ItemDetail
        var source: DocumentSource
        var note: DocumentNote?
        var paragraphs: [String]
        var related: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a trusted article wins over any feed text", detail: detail(article: page, summary: summary),
             source: .article, note: nil, paragraphs: ["From the page."], related: ["https://news.example/b"]),
        Case(name: "no article and a summary: the summary with the note", detail: detail(article: nil, summary: summary),
             source: .feed, note: .articleNotCached, paragraphs: ["A short summary."], related: []),
        Case(name: "no article and the whole story in the feed (article: never): no note", detail: detail(article: nil, content: story),
             source: .feed, note: nil, paragraphs: [String(repeating: "The whole story is in the feed. ", count: 25).trimmingCharacters(in: .whitespaces)], related: []),
        Case(name: "full content is preferred to the summary", detail: detail(article: nil, summary: summary, content: story),
             source: .feed, note: nil, paragraphs: [String(repeating: "The whole story is in the feed. ", count: 25).trimmingCharacters(in: .whitespaces)], related: []),
        Case(name: "an empty content element falls back to the summary", detail: detail(article: nil, summary: summary, content: ""),
             source: .feed, note: .articleNotCached, paragraphs: ["A short summary."], related: []),
        Case(name: "an unsure extraction under a summary: both, with a note", detail: detail(article: unsure(page, 0.3), summary: summary),
             source: .feedAndPage, note: .pageUncertain, paragraphs: ["A short summary.", "From the page."], related: ["https://news.example/b"]),
        Case(name: "an unsure extraction under a whole story: the feed, no note, the page's related stories", detail: detail(article: unsure(page, 0.3), content: story),
             source: .feed, note: nil, paragraphs: [String(repeating: "The whole story is in the feed. ", count: 25).trimmingCharacters(in: .whitespaces)], related: ["https://news.example/b"]),
        Case(name: "an empty extraction (a PDF) is no article", detail: detail(article: ArticleDocument(confidence: 0), summary: summary),
             source: .feed, note: .articleNotCached, paragraphs: ["A short summary."], related: []),
        Case(name: "a confident but empty extraction is no article", detail: detail(article: ArticleDocument(confidence: 0.9), summary: summary),
             source: .feed, note: .articleNotCached, paragraphs: ["A short summary."], related: []),
        Case(name: "a stored document that does not decode is no article", detail: detail(article: nil, summary: summary, json: Data("{broken".utf8)),
             source: .feed, note: .articleNotCached, paragraphs: ["A short summary."], related: []),
        Case(name: "nothing at all: an empty story with the note", detail: detail(article: nil),
             source: .feed, note: .articleNotCached, paragraphs: [], related: []),
    ]

    @Test(arguments: cases)
    func resolves(_ c: Case) {
        let resolved = DocumentResolver.resolve(c.detail)
        #expect(resolved.source == c.source)
        #expect(resolved.note == c.note)
        #expect(resolved.document.plainParagraphs == c.paragraphs)
        #expect(resolved.document.related.map(\.url) == c.related)
        #expect(resolved.detail == c.detail)
    }

    @Test func bothIsTheFeedsTextARuleThenThePage() {
        let resolved = DocumentResolver.resolve(Self.detail(article: Self.unsure(Self.page, 0.3), summary: Self.summary))
        #expect(resolved.document.blocks == [.paragraph([.text("A short summary.")]), .rule, .paragraph([.text("From the page.")])])
        // The page's language still picks the hyphenation dictionary.
        #expect(resolved.document.metadata.language == "de")
    }

    @Test func missingMetadataComesFromTheItem() {
        let feed = DocumentResolver.resolve(Self.detail(article: nil, summary: Self.summary)).document.metadata
        #expect(feed == ArticleMetadata(title: "Item title", byline: "Feed Author", published: Date(timeIntervalSince1970: 1_699_999_000), siteName: "The Feed"))
        let article = DocumentResolver.resolve(Self.detail(article: Self.page)).document.metadata
        #expect(article.title == "Page title")
        #expect(article.byline == "Feed Author")
        #expect(article.siteName == "The Feed")
    }

    @Test func theNoteTextsAreTheOnesShown() {
        #expect(DocumentNote.articleNotCached.text == "Full article not cached — showing the feed's text")
        #expect(DocumentNote.pageUncertain.text == "Page extraction uncertain — the feed's text first, then the page's")
    }

    @Test func aFollowedPageIsItsStoredDocument() {
        #expect(DocumentResolver.page(ArticleDocumentCodec.encode(Self.page)) == Self.page)
        #expect(DocumentResolver.page(Data("nope".utf8)) == nil)
    }
}
