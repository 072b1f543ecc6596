import Foundation
import Testing
@testable import TelexArticles

/// No-break spaces and soft hyphens marked by a page survive extraction, the stored form and
/// layout: the line breaker can only honour what reaches it.
@Suite struct TypographyPreservedTests {
    static let page = """
        <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Séance</title></head><body>
        <nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
        <article><h1>La séance est levée</h1>
        <p>Le ministre a répondu&nbsp;: «&nbsp;Nous verrons&nbsp;!&nbsp;» Combien&#8239;? Personne ne le sait&#x202F;; \
        la hausse atteint 12&nbsp;% sur 3&#8199;000&nbsp;€, et la Donau&shy;dampf&shy;schiff&shy;fahrt reprend lundi. \
        Les députés ont longuement débattu de la réforme avant de se séparer sans vote, a rapporté notre correspondant.</p>
        <p>La suite des débats est prévue pour la semaine prochaine, selon le calendrier publié par la présidence de \
        l&rsquo;Assemblée, qui a rappelé que le texte devait être adopté avant la fin de la session ordinaire.</p>
        </article><footer>© Le Journal</footer></body></html>
        """

    static let firstParagraph = "Le ministre a répondu\u{A0}: «\u{A0}Nous verrons\u{A0}!\u{A0}» Combien\u{202F}? Personne ne le sait\u{202F}; "
        + "la hausse atteint 12\u{A0}% sur 3\u{2007}000\u{A0}€, et la Donau\u{AD}dampf\u{AD}schiff\u{AD}fahrt reprend lundi. "
        + "Les députés ont longuement débattu de la réforme avant de se séparer sans vote, a rapporté notre correspondant."

    @Test func extractionKeepsNoBreakSpacesAndSoftHyphens() throws {
        let doc = ArticleExtractor.extract(html: Array(Self.page.utf8), pageURL: "https://journal.example/seance")
        #expect(doc.plainParagraphs(keepingSoftHyphens: true).first == Self.firstParagraph)
        // Search and scorers see whole words.
        #expect(doc.plainText.contains("Donaudampfschifffahrt"))
        // The stored form keeps them too.
        #expect(try ArticleDocumentCodec.decode(ArticleDocumentCodec.encode(doc)) == doc)
    }

    @Test func theStoredPageIsLaidOutWithItsNoBreakSpacesHeld() throws {
        let stored = try ArticleDocumentCodec.decode(ArticleDocumentCodec.encode(
            ArticleExtractor.extract(html: Array(Self.page.utf8), pageURL: "https://journal.example/seance")))
        let lines = ArticleLayout.layout(stored, width: 28, showLinkNumbers: false).lines.map(\.text)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Le ministre") })
        #expect(Array(lines[start..<(start + 7)]) == [
            "Le ministre a répondu\u{A0}:",
            "«\u{A0}Nous verrons\u{A0}!\u{A0}» Combien\u{202F}?",
            "Personne ne le sait\u{202F}; la",
            "hausse atteint 12\u{A0}% sur",
            "3\u{2007}000\u{A0}€, et la Donaudampf-",
            "schifffahrt reprend lundi.",
            "Les députés ont longuement",
        ])
    }
}
