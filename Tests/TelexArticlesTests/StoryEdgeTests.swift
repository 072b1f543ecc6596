import Foundation
import Testing
import TelexTestSupport
@testable import TelexArticles

/// Chrome at the edges of a story: the section label above the headline, and the labels inside
/// related-widget links.
@Suite struct StoryEdgeTests {
    static let story = (1...6).map { "<p>Paragraph \($0) of the story tells what happened, where, when, and why it matters to readers, at some length.</p>" }.joined()

    func page(header: String, body: String = story, after: String = "") -> String {
        """
        <!doctype html><html lang="en"><head><title>Ferry service resumes after storm - Example News</title>
        <meta property="og:title" content="Ferry service resumes after storm"></head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <main><article><header>\(header)</header><div class="entry-content">\(body)</div></article>\(after)</main></body></html>
        """
    }

    func extract(_ html: String) -> ArticleDocument {
        ArticleExtractor.extract(html: Array(html.utf8), pageURL: "https://news.example/2026/11/ferry.html")
    }

    @Test(arguments: [
        #"<span class="cat-links"><a href="/section/world.html" rel="category tag">World</a></span><h1>Ferry service resumes after storm</h1>"#,
        #"<p class="article__kicker">Asia-Pacific</p><h1 class="article__headline">Ferry service resumes after storm</h1>"#,
        #"<div class="eyebrow"><a href="/business">Business</a> | <a href="/markets">Markets</a></div><h1>Ferry service resumes after storm</h1>"#,
        #"<a class="section" href="/world">World</a><h2>Ferry service resumes: the harbour reopens</h2>"#,
    ])
    func aLabelAboveTheHeadlineIsNotStory(header: String) {
        let doc = extract(page(header: header))
        #expect(doc.plainText.hasPrefix("Paragraph 1 of the story"), "\(doc.plainText.prefix(80))")
        #expect(!doc.links.contains { $0.text == "World" || $0.text == "Business" })
    }

    @Test func shortParagraphsInsideTheStoryStay() {
        let body = Self.story + #"<p><a href="https://video.example/ferry">Watch the video</a></p><h2>What comes next</h2><p>Update</p>"# + Self.story
        let doc = extract(page(header: "<h1>Ferry service resumes after storm</h1>", body: body))
        #expect(doc.plainText.contains("Watch the video"))
        #expect(doc.plainText.contains("\n\nUpdate\n\n"))
        #expect(doc.plainText.hasPrefix("Paragraph 1"))
    }

    @Test func aStandfirstAboveTheHeadlineStays() {
        let standfirst = Block.paragraph([.text("Crews worked through the night to clear the harbour, officials said on Monday.")])
        let story = Block.paragraph([.text("Paragraph one.")])
        let blocks: [Block] = [.paragraph([.link(url: "https://news.example/world", [.text("World")])]), standfirst,
                               .heading(level: 1, [.text("Ferry service resumes after storm")]), story]
        #expect(StoryEdges.tidy(blocks, title: "Ferry service resumes after storm") == [standfirst, story])
    }

    @Test func relatedWidgetTitlesLeaveOutTheItemsLabels() {
        let widget = """
        <aside class="jp-relatedposts"><h2>Related</h2><ul>
        <li><a href="/a"><span class="related__kicker">World</span> <span class="related__title">North Korea fires ballistic missile into sea</span></a></li>
        <li><a href="/b"><span class="kicker">Business</span> Central bank holds rates and signals patience</a></li>
        <li><a href="/c"><time datetime="2026-11-24">24 Nov</time> Storm leaves thousands without power</a></li>
        <li><a href="/d"><h3>Marathon course record falls in Valencia</h3><p class="excerpt-meta">3 comments</p></a></li>
        <li><a href="/e">Harbour tunnel opens to traffic after a decade</a></li>
        </ul></aside>
        """
        let doc = extract(page(header: "<h1>Ferry service resumes after storm</h1>", after: widget))
        #expect(doc.related.map(\.title) == [
            "North Korea fires ballistic missile into sea", "Central bank holds rates and signals patience",
            "Storm leaves thousands without power", "Marathon course record falls in Valencia",
            "Harbour tunnel opens to traffic after a decade",
        ])
    }

    /// The sample edition (the demo's site): no section label opens a story, no related title
    /// starts with one.
    @Test func sampleEditionStoriesStartWithTheirText() throws {
        let dir = Fixtures.repositoryRoot.appendingPathComponent("Resources/SampleEdition/articles")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".html") }.sorted()
        #expect(names.count >= 30)
        let sections = ["World", "Business", "Sports", "Culture", "Europe", "Asia-Pacific"]
        for name in names {
            let bytes = Array(try Data(contentsOf: dir.appendingPathComponent(name)))
            let doc = ArticleExtractor.extract(html: bytes, pageURL: "http://telex-demo.invalid/articles/" + name)
            let firstLine = doc.plainText.split(separator: "\n").first.map(String.init) ?? ""
            #expect(!sections.contains(firstLine), "\(name) starts with \(firstLine)")
            for r in doc.related {
                #expect(!sections.contains { r.title.hasPrefix($0 + " ") }, "\(name): \(r.title)")
            }
            #expect(!doc.related.isEmpty || name.hasPrefix("kyoto"), "\(name) lost its related stories")
        }
    }
}
