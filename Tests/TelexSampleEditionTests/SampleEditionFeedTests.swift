import Foundation
import Testing
import TelexSampleEdition

@Suite("The sample edition's feeds")
struct SampleEditionFeedTests {
    @Test("each feed is well-formed and in its declared format", arguments: [
        ("/feeds/une.xml", FeedDocument.Format.rss, 3),
        ("/feeds/world.atom", .atom, 3),
        ("/feeds/business.atom", .atom, 5),
        ("/feeds/sports.json", .jsonFeed, 6),
        ("/feeds/culture.xml", .rss, 5),
        ("/feeds/europe.xml", .rss, 5),
        ("/feeds/asia-pacific.json", .jsonFeed, 5),
    ])
    func feedIsWellFormed(path: String, format: FeedDocument.Format, items: Int) throws {
        #expect(SampleEdition.files[path]?.body.isEmpty == false)
        let feed = try EditionPages.feed(path)
        #expect(feed.format == format)
        #expect(feed.items.count == items)
    }

    @Test("the list of feed paths names exactly the feeds the edition serves")
    func feedPathsAreComplete() {
        let served = SampleEdition.files.keys.filter { $0.hasPrefix("/feeds/") }
        #expect(Set(served) == Set(SampleEdition.feedPaths))
    }

    @Test("every item links to an article page of the edition, through the placeholder host")
    func itemLinksPointAtArticles() throws {
        for path in SampleEdition.feedPaths {
            for item in try EditionPages.feed(path).items {
                #expect(item.link.hasPrefix(SampleEdition.placeholderHost + "/articles/"), "\(path): \(item.link)")
                let page = EditionPages.sitePath(item.link) ?? ""
                #expect(SampleEdition.files[page] != nil, "\(path): \(item.link) is not a file of the edition")
            }
        }
    }

    @Test("items carry a title, a short summary and a date")
    func itemsHaveSummariesAndDates() throws {
        for path in SampleEdition.feedPaths {
            for item in try EditionPages.feed(path).items {
                #expect(!item.title.isEmpty, "\(path): \(item.link)")
                #expect(!item.summary.isEmpty && item.summary.count < 300, "\(path): \(item.link)")
                #expect(item.date.contains("2026") && item.date.contains("Nov") || item.date.hasPrefix("2026-11-"), "\(path): \(item.date)")
            }
        }
    }

    @Test("no article is listed twice, and every article but the uncached one is in a feed")
    func feedsCoverTheArticles() throws {
        var listed: [String] = []
        for path in SampleEdition.feedPaths {
            listed += try EditionPages.feed(path).items.compactMap { EditionPages.sitePath($0.link) }
        }
        #expect(listed.count == Set(listed).count)
        #expect(Set(EditionPages.articlePaths).subtracting(listed) == [SampleEdition.uncachedArticlePath])
    }

    @Test("titles include emoji and decomposed combining marks")
    func titlesIncludeEmojiAndCombiningMarks() throws {
        let titles = try SampleEdition.feedPaths.flatMap { try EditionPages.feed($0).items.map(\.title) }
        let emoji = titles.filter { $0.unicodeScalars.contains { $0.properties.isEmojiPresentation } }
        let combining = titles.filter { $0.unicodeScalars.contains { (0x300...0x36F).contains($0.value) } }
        #expect(emoji.count >= 2)
        #expect(combining.count >= 2)
    }
}
