import Foundation
import Testing
import TelexTestSupport
@testable import TelexArticles

@Suite struct ExtractorTests {
    func page(_ name: String) throws -> (ArticleDocument, String) {
        let base = "articles/pages/" + name
        let url = (try? String(contentsOf: Fixtures.url(base + ".url"), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "https://example.com/"
        let doc = ArticleExtractor.extract(html: try Fixtures.bytes(base + ".html"), pageURL: url)
        let gold = try String(contentsOf: Fixtures.url(base + ".gold.txt"), encoding: .utf8)
        return (doc, gold)
    }

    @Test func theSeedPageKeepsTheStoryAndMovesReadLinesToRelated() throws {
        let (doc, gold) = try page("fr-7seizh-wordpress")
        #expect(doc.plainText == gold.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(doc.metadata.title == "La Russie achète des millions de missiles à la Corée du Nord pour les utiliser en Ukraine")
        #expect(doc.metadata.byline == "Armelle Le Goff")
        #expect(doc.metadata.siteName == "7seizh")
        #expect(doc.metadata.language == "fr-FR")
        #expect(doc.metadata.published == Date(timeIntervalSince1970: 1_664_352_847))  // 2022-09-28T08:14:07Z
        #expect(doc.related.map(\.url) == [
            "https://7seizh.example/2022/09/related-1/", "https://7seizh.example/2022/09/related-2/",
            "https://7seizh.example/2022/09/27/precedent/", "https://7seizh.example/2022/09/28/suivant/",
        ])
        #expect(doc.related[0].title.hasPrefix("Boris Johnson fait face"))
        #expect(!doc.related.contains { ($0.url ?? "").contains("recent") || ($0.url ?? "").contains("category") || ($0.url ?? "").contains("tag") })
        #expect(doc.images.first?.caption.hasSuffix("(Kostiantyn Liberov/AP)") == true)
        #expect(doc.confidence >= ArticleDocument.minimumConfidence)
    }

    @Test(arguments: ["fr-7seizh-wordpress", "de-zeitung-mehr-zum-thema", "en-blog-jsonld", "ja-news-cjk", "es-diario-tabla"])
    func ownPagesMatchTheirGoldText(name: String) throws {
        let (doc, gold) = try page(name)
        let score = TokenScore(got: doc.plainText, want: gold)
        #expect(score.f1 >= 0.95, "\(name): P \(score.precision) R \(score.recall)\n\(doc.plainText)")
    }

    @Test func consentWallsGetLowConfidence() throws {
        let doc = ArticleExtractor.extract(html: try Fixtures.bytes("articles/special/consent-wall.html"), pageURL: "https://news.example/story")
        #expect(doc.confidence < ArticleDocument.minimumConfidence)
    }

    @Test func bodiesOnlyInJSONLDAreUsed() throws {
        let (doc, gold) = try page("jsonld-only")
        #expect(TokenScore(got: doc.plainText, want: gold).f1 > 0.95)
        #expect(doc.confidence >= ArticleDocument.minimumConfidence)
    }

    @Test(arguments: [
        ("application/pdf", Array("%PDF-1.7 ...".utf8)),
        ("image/jpeg", [0xFF, 0xD8, 0xFF, 0x00, 0x10]),
        (nil, Array("%PDF-1.4\n<</Type/Catalog>>".utf8)),
    ] as [(String?, [UInt8])])
    func nonHTMLContentHasZeroConfidence(type: String?, bytes: [UInt8]) {
        let doc = ArticleExtractor.extract(html: bytes, pageURL: "https://x.example/f", contentType: type)
        #expect(doc.confidence == 0)
        #expect(doc.blocks.isEmpty)
    }

    @Test func hostileInputIsBoundedAndSafe() {
        let story = "<p>" + String(repeating: "word, ", count: 100) + "</p>"
        let deep = String(repeating: "<div>", count: 200) + story + story + String(repeating: "<div>", count: 20000) + "lost"
        let doc = ArticleExtractor.extract(html: Array(deep.utf8), pageURL: "https://x.example/")
        #expect(doc.plainText.contains("word"))
        let garbage = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        _ = ArticleExtractor.extract(html: garbage, pageURL: "https://x.example/")
    }

    /// Marker lines in markup: the quick test on a block's first bytes must let each of them through.
    @Test(arguments: [
        #"<p><strong>READ</strong>&nbsp; <a href="/r">Another headline that is long</a></p>"#,
        #"<p>  A lire aussi : <a href="/r">Un autre article du jour</a></p>"#,
        #"<p><em>À lire aussi</em> <a href="/r">Un autre article du jour</a></p>"#,
        #"<p>\#n Read more: <a href="/r">The other story of the day</a></p>"#,
        #"<div><span>Mehr</span> zum Thema: <a href="/r">Ein anderer Artikel heute</a></div>"#,
        #"<p>関連記事 <a href="/r">大相撲九州場所 新大関が初優勝</a></p>"#,
    ])
    func markerLinesInMarkupMoveToRelated(html: String) {
        let doc = HTMLCleaner.document(fromFragment: "<p>Story text before the line.</p>" + html, baseURL: "https://x.example/a")
        #expect(doc.related.map(\.url) == ["https://x.example/r"])
        #expect(doc.plainText == "Story text before the line.")
    }

    @Test(arguments: [
        ("READ  Another headline that is long", true),
        ("Read more: The other story", true),
        ("Lire aussi : Un autre article", true),
        ("À lire aussi Un autre article", true),
        ("Mehr zum Thema: Ein anderer Artikel", true),
        ("See also: another page", true),
        ("関連記事 大相撲九州場所　新大関が初優勝", true),
        ("関連記事：日銀、政策金利を据え置き", true),
        ("Reading is fundamental to this story", false),
        ("Ready for more", false),
    ])
    func relatedMarkersAreRecognised(text: String, isMarker: Bool) {
        #expect((RelatedStories.markerLength(text) != nil) == isMarker)
    }
}

/// Bag-of-tokens precision/recall/F1 over whitespace-separated tokens.
struct TokenScore {
    var precision: Double, recall: Double, f1: Double
    init(got: String, want: String) {
        func bag(_ s: String) -> [Substring: Int] { s.split(whereSeparator: \.isWhitespace).reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        let g = bag(got), w = bag(want)
        let gn = g.values.reduce(0, +), wn = w.values.reduce(0, +)
        if gn == 0 || wn == 0 { precision = gn == wn ? 1 : 0; recall = precision; f1 = precision; return }
        let common = g.reduce(0) { $0 + min($1.value, w[$1.key] ?? 0) }
        precision = Double(common) / Double(gn)
        recall = Double(common) / Double(wn)
        f1 = common == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }
}
