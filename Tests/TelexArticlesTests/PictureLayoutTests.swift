import Testing
@testable import TelexArticles

/// Pictures in layout: a picture with a size takes that many rows where its block stands, its caption
/// (else its alternative text) under it; the lead image goes under the title unless a block shows it.
@Suite struct PictureLayoutTests {
    static let doc = ArticleDocument(
        metadata: ArticleMetadata(title: "Title", leadImage: "https://e.example/lead.jpg"),
        blocks: [
            .paragraph([.text("First.")]),
            .figure(imageURL: "https://e.example/a.png", caption: [.text("Caption A")], alt: "Alt A"),
            .figure(imageURL: "https://e.example/b.png", caption: [], alt: "Alt B"),
            .figure(imageURL: "https://e.example/c.png", caption: [], alt: "Alt C"),
        ])

    static func rows(_ laid: LaidOutArticle) -> [String] {
        laid.lines.map { line in line.picture.map { "<\($0.url.split(separator: "/").last!) \($0.row)/\($0.columns)>" } ?? line.text }
    }

    @Test func picturesTakeTheirRowsWithTheCaptionOrAltUnder() {
        let sizes = ["https://e.example/lead.jpg": PictureSize(columns: 30, rows: 2), "https://e.example/a.png": PictureSize(columns: 20, rows: 2),
                     "https://e.example/c.png": PictureSize(columns: 50, rows: 1)]
        let laid = ArticleLayout.layout(Self.doc, width: 40, showLinkNumbers: false, pictures: sizes)
        #expect(Self.rows(laid) == [
            "Title", "", "<lead.jpg 0/30>", "<lead.jpg 1/30>", "", "First.", "", "<a.png 0/20>", "<a.png 1/20>", "Caption A", "",
            // No size (not kept): the alternative text as before.
            "[Image: Alt B]", "",
            // Wider than the column: drawn at the column's width; the last line is kept though it has no text.
            "<c.png 0/40>", "Alt C",
        ])
    }

    @Test func withoutSizesNothingChanges() {
        let laid = ArticleLayout.layout(Self.doc, width: 40, showLinkNumbers: false)
        #expect(Self.rows(laid) == ["Title", "", "First.", "", "Caption A", "", "[Image: Alt B]", "", "[Image: Alt C]"])
        #expect(laid.lines.allSatisfy { $0.picture == nil })
    }

    /// A lead image the story also shows as a figure is drawn once, where the figure stands.
    @Test func aLeadImageAlsoInTheStoryIsDrawnOnce() {
        var doc = Self.doc
        doc.metadata.leadImage = "https://e.example/a.png"
        let laid = ArticleLayout.layout(doc, width: 40, showLinkNumbers: false, pictures: ["https://e.example/a.png": PictureSize(columns: 10, rows: 1)])
        #expect(Self.rows(laid).filter { $0.hasPrefix("<a.png") } == ["<a.png 0/10>"])
        #expect(Self.rows(laid).firstIndex(of: "<a.png 0/10>")! > Self.rows(laid).firstIndex(of: "First.")!)
    }
}
