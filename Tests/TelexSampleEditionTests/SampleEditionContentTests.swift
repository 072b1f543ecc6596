import Testing
import TelexConfig
import TelexSampleEdition

@Suite("The sample edition's stories")
struct SampleEditionContentTests {
    @Test("there are thirty-three articles: thirty-two in the feeds, and the uncached one")
    func thereAreThirtyThreeArticles() {
        #expect(EditionPages.articlePaths.count == 33)
    }

    @Test("the stories are written in French, English, German, Spanish and Japanese")
    func languagesArePresent() {
        let languages = EditionPages.articlePaths.compactMap(EditionPages.language)
        #expect(languages.count == EditionPages.articlePaths.count)
        for (language, count) in [("fr", 7), ("en", 11), ("de", 5), ("es", 5), ("ja", 5)] {
            #expect(languages.filter { $0 == language }.count == count, "stories in \(language)")
        }
    }

    @Test("the seed article carries its READ lines and its photo caption")
    func seedArticleKeepsItsReadLines() {
        let seed = EditionPages.body(SampleEdition.seedArticlePath)
        #expect(seed.contains("<strong>READ</strong>&nbsp; <a href=\"/articles/boris-johnson-appels-demission.html\">Boris Johnson fait face à de nouveaux appels à la démission alors que les députés conservateurs disent que les explications du parti ne sont pas crédibles</a>"))
        #expect(seed.contains("<strong>READ</strong>&nbsp; <a href=\"\(SampleEdition.uncachedArticlePath)\">Une infirmière irlandaise de trois ans décède"))
        #expect(seed.contains("L’armée ukrainienne a opposé une résistance acharnée aux forces russes militairement supérieures (Kostiantyn Liberov/AP)</figcaption>"))
        #expect(seed.contains("<h1 class=\"entry-title\">La Russie achète des millions de missiles à la Corée du Nord pour les utiliser en Ukraine</h1>"))
    }

    @Test("each article page has the parts of a real news page", arguments: [
        "<h1", "<time", "datetime=\"2026-11-", "<figure", "<figcaption", "cookie", "<nav", "share-buttons",
        "widget_recent_entries", "widget_tag_cloud", "<footer id=\"colophon\"",
    ])
    func pagesHaveTheirParts(part: String) {
        for path in EditionPages.articlePaths {
            #expect(EditionPages.body(path).contains(part), "\(path) lacks \(part)")
        }
    }

    @Test("most pages carry JSON-LD and OpenGraph; bodies have tables, lists, quotes and headings")
    func pagesCarryMetadata() {
        let pages = EditionPages.articlePaths.map(EditionPages.body)
        let withMeta = pages.filter { $0.contains("\"@type\": \"NewsArticle\"") && $0.contains("<meta property=\"og:title\"") }
        #expect(withMeta.count * 4 >= pages.count * 3)
        #expect(withMeta.count < pages.count)
        let bodies = EditionPages.articlePaths.map(EditionPages.storyBody)
        #expect(bodies.allSatisfy { $0.contains("<p>") })
        #expect(bodies.filter { $0.contains("<table>") && $0.contains("<caption>") }.count >= 5)
        #expect(bodies.filter { $0.contains("<ul>") || $0.contains("<ol>") }.count >= 10)
        #expect(bodies.filter { $0.contains("<blockquote") }.count >= 25)
        #expect(bodies.filter { $0.contains("<h2>") }.count >= 10)
    }

    @Test("the edition stays small")
    func editionIsSmall() {
        let bytes = SampleEdition.files.values.reduce(0) { $0 + $1.body.utf8.count } + SampleEdition.feedsJSON.utf8.count
        #expect(bytes < 600_000)
        #expect(bytes > 200_000)
    }

    @Test("the demo feeds.json is a valid configuration whose feeds are the edition's feeds")
    func feedsJSONIsValid() throws {
        let text = SampleEdition.feedsJSON(baseURL: "http://127.0.0.1:8123")
        let configuration = try ConfigurationParser.parse(Array(text.utf8), source: "sample edition")
        #expect(configuration.sections.map(\.name) == ["World", "Business", "Sports", "Culture", "Europe", "Asia-Pacific"])
        let urls = configuration.sections.flatMap(\.feeds).map(\.url)
        #expect(urls == SampleEdition.feedPaths.map { "http://127.0.0.1:8123" + $0 })
        #expect(configuration.settings.prefetchPerArticle == 0)
    }
}
