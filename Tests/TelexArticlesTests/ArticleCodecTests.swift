import Foundation
import Testing
import TelexTestSupport
@testable import TelexArticles

/// The stored form of documents (`ArticleDocumentCodec`): what main stored before the codec
/// (version 1, real documents checked in under tests/fixtures/articles/stored) still reads, and
/// the current version round-trips.
@Suite struct ArticleCodecTests {
    static func stored(_ name: String) throws -> Data { Data(try Fixtures.bytes("articles/stored/" + name)) }

    /// 2026-11-24T14:05:30.25Z, which version 1 stored as 817221930.25 seconds since 2001.
    static let germanDate = Date(timeIntervalSince1970: 1_795_529_130.25)

    /// Every block and inline kind, as main stored the German fixture page.
    static let german = ArticleDocument(
        metadata: ArticleMetadata(title: "Donaudampfschifffahrt: ein Test", byline: "Erika Mustermann", published: germanDate, language: "de-DE"),
        blocks: [
            .paragraph([.text("Die "), .emphasis([.text("Donaudampfschifffahrtsgesellschaft")]), .text(" meldet "), .strong([.text("Rekordzahlen")]),
                        .text(": 12\u{A0}% mehr Fahrgäste, sagte der Sprecher am Montag in Wien. Der Satz ist lang genug, damit die Extraktion ihn als Geschichte erkennt und nicht als Navigation verwirft.")]),
            .paragraph([.text("Mit "), .code("hnj_hyphen_hyphenate2"), .text(" lassen sich Wörter trennen."), .lineBreak,
                        .text("Eine neue Zeile nach einem Umbruch, und ein "),
                        .link(url: "http://127.0.0.1:45509/weiter.html", [.text("Link zum "), .emphasis([.text("nächsten")]), .text(" Artikel")]),
                        .text(" im Text, damit auch Links gespeichert werden.")]),
            .heading(level: 2, [.text("Zweiter Teil")]),
            .quote([.paragraph([.text("« Citation en français », dit-il ; puis : « Vraiment ? »")])]),
            .preformatted("let x = 1\n  indented line"),
            .list(ordered: false, items: [[.paragraph([.text("Erster Punkt der Liste mit etwas Text")])],
                                          [.paragraph([.text("Zweiter Punkt")]), .list(ordered: true, items: [[.paragraph([.text("verschachtelt")])]])]]),
            .rule,
            .table(header: [[.text("Stadt")], [.text("Einwohner")]],
                   rows: [[[.text("Wien")], [.text("1,9 Mio.")]], [[.text("Linz")], [.text("0,2 Mio.")]]]),
            .figure(imageURL: "http://127.0.0.1:45509/bild.jpg", caption: [.text("Ein Dampfer auf der Donau")]),
            .paragraph([.text("Noch ein Absatz mit genug Wörtern, damit der Text als Artikel gilt, und mit einem Komma, noch einem Komma, und einem dritten Komma.")]),
        ],
        related: [RelatedLink(title: "Schifffahrt auf dem Rhein wächst ebenfalls", url: "http://127.0.0.1:45509/verwandt.html")],
        confidence: 0.8)

    @Test func aVersion1DocumentWithEveryBlockKindDecodesExactly() throws {
        let data = try Self.stored("v1-de-every-block.json")
        #expect(ArticleDocumentCodec.version(of: data) == 1)
        #expect(try ArticleDocumentCodec.decode(data) == Self.german)
    }

    @Test func version1DocumentsOfTheSampleEditionDecode() throws {
        let french = try ArticleDocumentCodec.decode(try Self.stored("v1-fr-russie-missiles.json"))
        #expect(french.metadata.title == "La Russie achète des millions de missiles à la Corée du Nord pour les utiliser en Ukraine")
        #expect(french.metadata.language == "fr")
        #expect(french.metadata.byline == "Aurélie Le Goff")
        #expect(french.metadata.siteName == "7seizh")
        #expect(french.metadata.published == Date(timeIntervalSince1970: 1_795_502_520))
        #expect(french.metadata.leadImage == "http://127.0.0.1:46439/images/ukraine-resistance.jpg")
        #expect(french.confidence == 0.95)
        #expect(french.blocks.count == 20)
        #expect(french.blocks.first == .paragraph([.text("Selon des renseignements américains récemment déclassés, Moscou se tourne vers Pyongyang pour compenser ses pénuries de munitions.")]))
        #expect(french.related.map(\.url) == ["http://127.0.0.1:46439/articles/boris-johnson-appels-demission.html",
                                              "http://127.0.0.1:46439/articles/infirmiere-irlandaise-renversee.html",
                                              "http://127.0.0.1:46439/articles/pyongyang-missile-launch.html",
                                              "http://127.0.0.1:46439/articles/onu-traite-haute-mer.html"])

        let japanese = try ArticleDocumentCodec.decode(try Self.stored("v1-ja-boj-rates.json"))
        #expect(japanese.metadata.title == "日銀、政策金利を0.75％に据え置き 円安の影響を注視")
        #expect(japanese.metadata.language == "ja")
        #expect(japanese.blocks.count == 14)
        #expect(japanese.blocks[1] == .figure(imageURL: "http://127.0.0.1:46439/images/boj-honten.jpg", caption: [.text("東京・日本橋の日本銀行本店 7seizh")]))
        #expect(japanese.blocks[8] == .figure(imageURL: nil, caption: [.text("架空の数値")]))
        #expect(japanese.blocks[6] == .heading(level: 2, [.text("主な経済見通し（政策委員の中央値）")]))
        #expect(japanese.related.map(\.title) == ["Chipmakers rally as M&A talk lifts Asian markets",
                                                  "ECB holds rates and signals patience as inflation edges back towards target"])
    }

    @Test(arguments: ["v1-de-every-block.json", "v1-fr-russie-missiles.json", "v1-ja-boj-rates.json"])
    func storedDocumentsComeBackUnchangedInTheCurrentVersion(_ name: String) throws {
        let old = try ArticleDocumentCodec.decode(try Self.stored(name))
        let current = ArticleDocumentCodec.encode(old)
        #expect(ArticleDocumentCodec.version(of: current) == ArticleDocumentCodec.currentVersion)
        #expect(try ArticleDocumentCodec.decode(current) == old)
    }

    @Test func theCurrentVersionRoundTripsWhatExtractionKeeps() throws {
        var doc = Self.german
        doc.metadata.siteName = "Zeitung"
        doc.metadata.canonicalURL = "https://zeitung.example/a"
        doc.metadata.leadImage = "https://zeitung.example/a.jpg"
        doc.blocks.append(.paragraph([.text("Donau\u{AD}dampf 3\u{2007}000\u{202F}€ «\u{A0}oui\u{A0}» a\u{2060}b")]))
        doc.blocks.append(.table(header: nil, rows: [[[.text("x")]]]))
        doc.blocks.append(.figure(imageURL: nil, caption: []))
        #expect(try ArticleDocumentCodec.decode(ArticleDocumentCodec.encode(doc)) == doc)
        #expect(try ArticleDocumentCodec.decode(ArticleDocumentCodec.encode(ArticleDocument())) == ArticleDocument())
    }

    /// The current form, written out: a change to it is a new version, not an edit.
    @Test func theCurrentVersionIsThisJSON() throws {
        let doc = ArticleDocument(metadata: ArticleMetadata(title: "T", published: Date(timeIntervalSince1970: 1_764_000_000), language: "fr"),
                                  blocks: [.heading(level: 2, [.text("H")]),
                                           .paragraph([.text("a "), .emphasis([.text("b")]), .link(url: "https://x.example/", [.text("c")]), .lineBreak, .code("d")]),
                                           .figure(imageURL: "https://x.example/i.jpg", caption: [.strong([.text("e")])]), .rule],
                                  related: [RelatedLink(title: "R", url: "https://x.example/r")], confidence: 0.75)
        let json = String(decoding: ArticleDocumentCodec.encode(doc), as: UTF8.self)
        #expect(json == """
            {"blocks":[{"level":2,"text":[{"text":"H"}],"type":"heading"},\
            {"text":[{"text":"a "},{"emphasis":[{"text":"b"}]},{"content":[{"text":"c"}],"link":"https://x.example/"},{"lineBreak":true},{"code":"d"}],"type":"paragraph"},\
            {"caption":[{"strong":[{"text":"e"}]}],"image":"https://x.example/i.jpg","type":"figure"},{"type":"rule"}],\
            "confidence":0.75,"metadata":{"language":"fr","published":1764000000,"title":"T"},\
            "related":[{"title":"R","url":"https://x.example/r"}],"version":2}
            """)
        #expect(try ArticleDocumentCodec.decode(Data(json.utf8)) == doc)
    }

    @Test func version1DatesWrittenAsISOStringsAlsoDecode() throws {
        let json = #"{"metadata":{"published":"2026-11-24T14:05:30Z"},"blocks":[],"related":[],"confidence":1}"#
        #expect(try ArticleDocumentCodec.decode(Data(json.utf8)).metadata.published == Date(timeIntervalSince1970: 1_795_529_130))
    }

    @Test(arguments: [
        (#"{"version":3,"blocks":[]}"#, ArticleDocumentCodec.DecodingError.newerVersion(3)),
    ]) func documentsFromANewerTelexAreRefused(_ json: String, _ error: ArticleDocumentCodec.DecodingError) {
        #expect(throws: error) { try ArticleDocumentCodec.decode(Data(json.utf8)) }
    }

    @Test(arguments: [
        "", "not json", "[]", #"{"version":0}"#, #"{"version":2,"blocks":[{"type":"marquee"}]}"#,
        #"{"version":2,"blocks":[{"type":"paragraph","text":[{"blink":"x"}]}]}"#,
        #"{"metadata":{},"blocks":[{"paragraph":{}}],"related":[],"confidence":1}"#,
        #"{"metadata":{"published":"yesterday"},"blocks":[],"related":[],"confidence":1}"#,
    ]) func malformedDocumentsAreErrorsNotCrashes(_ json: String) {
        #expect(throws: ArticleDocumentCodec.DecodingError.self) { try ArticleDocumentCodec.decode(Data(json.utf8)) }
    }
}
