import Foundation
import Testing
@testable import TelexArticles

/// Pages of plain text (text/plain, or no markup at all) read like web pages: paragraphs at blank lines,
/// "READ  Headline" lines as related stories, indented runs preformatted. They used to extract to nothing.
@Suite struct PlainTextPageTests {
    static let page = """
        décembre 3, 2026

        Le conseil municipal vote le budget des transports après six heures de débat

        Le conseil municipal a adopté jeudi soir un budget des transports en hausse de 4 %, après un débat \
        qui a duré plus de six heures et vu s’opposer la majorité et les élus écologistes sur le prix du ticket.

        La maire a défendu « un effort sans précédent » pour les lignes de bus de banlieue, tandis que \
        l’opposition dénonçait un calendrier trop lent pour le tramway promis depuis 2019.

        READ  Les pistes cyclables du centre-ville seront élargies dès le printemps

        Le vote définitif aura lieu en janvier, après l’avis de la métropole & des communes voisines.
        Les associations d’usagers seront reçues <avant> cette date.

            tarif   2025   2026
            ticket  1,90   2,00

        READ  Grève des contrôleurs : le trafic perturbé lundi
        """

    @Test(arguments: ["text/plain; charset=utf-8", nil])
    func paragraphsAndRelatedLines(_ contentType: String?) {
        let doc = ArticleExtractor.extract(html: Array(Self.page.utf8), pageURL: "https://ville.example/budget.txt", contentType: contentType)
        let paragraphs = doc.blocks.compactMap { block -> String? in
            if case .paragraph(let inlines) = block { return Inline.plainText(inlines) } else { return nil }
        }
        #expect(paragraphs.contains { $0.hasPrefix("Le conseil municipal a adopté jeudi soir") && $0.hasSuffix("le prix du ticket.") })
        // Hard-wrapped lines of one paragraph are joined; markup characters are text.
        #expect(paragraphs.contains("Le vote définitif aura lieu en janvier, après l’avis de la métropole & des communes voisines. Les associations d’usagers seront reçues <avant> cette date."))
        #expect(!paragraphs.contains { $0.contains("READ") })
        #expect(doc.related.map(\.title) == ["Les pistes cyclables du centre-ville seront élargies dès le printemps",
                                             "Grève des contrôleurs : le trafic perturbé lundi"])
        #expect(doc.related.allSatisfy { $0.url == nil })
        #expect(doc.blocks.contains { if case .preformatted(let text) = $0 { return text.contains("ticket  1,90   2,00") } else { return false } })
        #expect(doc.confidence >= 0.5)  // a story of ~600 characters (ArticleExtractor.confidence)
    }

    /// Other types and binary bytes are still not read as text.
    @Test func binaryAndOtherTypesAreNotText() {
        #expect(PlainTextPage.html(Array(Self.page.utf8), contentType: "application/octet-stream") == nil)
        #expect(PlainTextPage.html([0x89, 0x50, 0x4E, 0x47, 0, 0, 1], contentType: nil) == nil)
        #expect(PlainTextPage.html(Array("%PDF-1.7 text".utf8), contentType: nil) == nil)
        let latin1 = PlainTextPage.html([0x43, 0x61, 0x66, 0xE9], contentType: "text/plain; charset=ISO-8859-1")
        #expect(latin1?.contentType == "text/html; charset=iso-8859-1")
        // A quoted label is the label; markup in it is dropped.
        #expect(PlainTextPage.html(Array("x".utf8), contentType: "text/plain; charset=\"utf-8\"")?.contentType == "text/html; charset=utf-8")
        let odd = PlainTextPage.html(Array("x".utf8), contentType: "text/plain; charset=x\"><script>")
        #expect(odd?.contentType == "text/html; charset=xscript")
        #expect(odd.map { !String(decoding: $0.bytes, as: UTF8.self).contains("<script") } == true)
        let doc = ArticleExtractor.extract(html: [0x43, 0x61, 0x66, 0xE9], pageURL: "https://x.example/", contentType: "text/plain; charset=ISO-8859-1")
        #expect(doc.blocks.first.map { if case .paragraph(let i) = $0 { return Inline.plainText(i) } else { return "" } } == "Café")
    }
}
