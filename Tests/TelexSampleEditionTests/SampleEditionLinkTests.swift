import Testing
import TelexSampleEdition

@Suite("The sample edition's link graph")
struct SampleEditionLinkTests {
    @Test("every link of a story's body and related widget points at a file of the edition")
    func storyLinksResolve() {
        for path in EditionPages.articlePaths {
            let links = EditionPages.storyLinks(path)
            for link in links {
                guard let target = EditionPages.sitePath(link) else {
                    Issue.record("\(path): \(link) leaves the demo host")
                    continue
                }
                #expect(SampleEdition.files[target] != nil, "\(path): \(link) is not a file of the edition")
            }
        }
    }

    @Test("every article links to at least one other article")
    func everyArticleHasRelatedStories() {
        for path in EditionPages.articlePaths {
            let articles = EditionPages.storyLinks(path).compactMap(EditionPages.sitePath).filter { $0.hasPrefix("/articles/") && $0 != path }
            #expect(!articles.isEmpty, "\(path) has no related story")
        }
    }

    @Test("the uncached page is linked from the seed article and the PDF from a story")
    func deliberateTargetsAreLinked() {
        let seedLinks = EditionPages.storyLinks(SampleEdition.seedArticlePath).compactMap(EditionPages.sitePath)
        #expect(seedLinks.contains(SampleEdition.uncachedArticlePath))
        let pdfLinkers = EditionPages.articlePaths.filter { EditionPages.storyLinks($0).contains(SampleEdition.pdfPath) }
        #expect(pdfLinkers == ["/articles/ecb-holds-rates-patience.html"])
        #expect(SampleEdition.files[SampleEdition.pdfPath]?.contentType == "application/pdf")
        #expect(SampleEdition.files[SampleEdition.pdfPath]?.body.hasPrefix("%PDF-1.4") == true)
    }

    @Test("related links come in the three kinds: READ lines, absolute READ lines and widgets")
    func relatedLinksComeInSeveralForms() {
        let pages = EditionPages.articlePaths.map(EditionPages.body)
        #expect(pages.filter { $0.contains("<aside class=\"jp-relatedposts") || $0.contains("<aside class=\"related\"") }.count >= 20)
        #expect(pages.contains { $0.contains("class=\"read-also__link\"") })
        #expect(pages.contains { $0.contains("<strong>Mehr zum Thema</strong>") || $0.contains(">Mehr zum Thema</span>") })
        #expect(pages.contains { $0.contains("<strong>Lire aussi</strong>") })
        #expect(pages.contains { $0.contains("<a href=\"\(SampleEdition.placeholderHost)/articles/") })
    }

    @Test("the front and section pages link to the feeds' stories, never to the uncached page")
    func indexPagesLinkToListedStories() {
        let indexPaths = ["/index.html"] + SampleEdition.files.keys.filter { $0.hasPrefix("/section/") }
        #expect(indexPaths.count == 7)
        for path in indexPaths {
            let articles = EditionPages.hrefs(in: EditionPages.body(path)[...]).filter { $0.hasPrefix("/articles/") }
            #expect(!articles.isEmpty, "\(path) lists no story")
            #expect(articles.allSatisfy { SampleEdition.files[$0] != nil }, "\(path)")
            #expect(!articles.contains(SampleEdition.uncachedArticlePath), "\(path)")
        }
    }

    @Test("share buttons stay on the demo host")
    func chromeStaysOnTheDemoHost() {
        for path in EditionPages.articlePaths {
            let external = EditionPages.hrefs(in: EditionPages.body(path)[...]).filter { EditionPages.sitePath($0) == nil && !$0.hasPrefix("#") }
            #expect(external.isEmpty, "\(path): \(external)")
        }
    }
}
