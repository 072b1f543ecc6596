import Foundation
import Testing
@testable import TelexFetch
import TelexConfig
import TelexImages
import TelexModel
import TelexStore
import TelexTestServer
import TelexTestSupport

/// Pictures come with their article: the lead image and the story's, bounded in count and bytes, only
/// images (by the bytes, not the name), fetched through the one HTTP client and its address policy,
/// kept offline as small PNGs named by their hash, and pruned with the last article that shows them.
@Suite(.timeLimit(.minutes(1))) struct ImagePassTests {
    static func image(_ name: String, type: String = "image/jpeg") throws -> FixtureRoute {
        .resource(FixtureResource(body: try Fixtures.bytes("images/" + name), contentType: type))
    }

    /// A story page with a lead image (og:image) and figures.
    static func page(_ title: String, lead: String?, figures: [(src: String, caption: String)]) -> FixtureRoute {
        let paragraph = "<p>" + String(repeating: "A long paragraph of the story about \(title), with words, commas, and sentences. ", count: 4) + "</p>"
        var body = ""
        for (n, f) in figures.enumerated() {
            body += paragraph + "<figure><img src=\"\(f.src)\" alt=\"Alt \(n)\" width=\"600\" height=\"400\"><figcaption>\(f.caption)</figcaption></figure>"
        }
        body += String(repeating: paragraph, count: 4)
        let meta = lead.map { "<meta property=\"og:image\" content=\"\($0)\">" } ?? ""
        let html = "<!doctype html><html><head><title>\(title)</title>\(meta)</head><body><article><h1>\(title)</h1>\(body)</article></body></html>"
        return .resource(FixtureResource(text: html, contentType: "text/html; charset=utf-8"))
    }

    static func harness(_ settings: @escaping (inout Settings) -> Void = { _ in }) async throws -> PipelineHarness {
        try await PipelineHarness(feeds: ["/feed.xml"], article: .always) { $0.prefetchPerArticle = 0; settings(&$0) }
    }

    static func articleID(_ h: PipelineHarness, _ path: String) throws -> ArticleID {
        try #require(try h.store.article(forURL: h.url(path))).id
    }

    @Test func aStorysPicturesAreKeptOfflineAsPNGsNamedByTheirHash() async throws {
        let h = try await Self.harness()
        defer { Task { await h.close() } }
        h.server.setRoute("/feed.xml", SiteBuilder.feed("News", [SiteBuilder.Item(id: "1", title: "Story", link: h.url("/story.html"))]))
        h.server.setRoute("/story.html", Self.page("Story", lead: h.url("/lead.jpg"), figures: [
            ("/photo.webp", "A photo"), ("/chart.png", "A chart"), ("/fake.jpg", "Not a picture"), ("/page.png", "A web page"),
            ("/bomb.png", "A bomb"), ("/missing.png", "Gone"), ("/truncated.jpg", "Cut short"),
        ]))
        h.server.setRoute("/lead.jpg", try Self.image("photo.jpg"))
        h.server.setRoute("/photo.webp", try Self.image("photo.webp", type: "image/webp"))
        h.server.setRoute("/chart.png", try Self.image("chart.png", type: "image/png"))
        // HTML served as a JPEG: the bytes decide.
        h.server.setRoute("/fake.jpg", try Self.image("not-an-image.jpg"))
        h.server.setRoute("/page.png", .resource(FixtureResource(text: "<html>hi</html>", contentType: "text/html")))
        h.server.setRoute("/bomb.png", try Self.image("bomb.png", type: "image/png"))
        h.server.setRoute("/truncated.jpg", try Self.image("truncated.jpg"))
        let summary = try await h.pass(articles: true)
        #expect(summary.articles == 1)
        await h.server.stop()

        let images = try h.store.images(article: Self.articleID(h, "/story.html"))
        #expect(images.map(\.url) == ["/lead.jpg", "/photo.webp", "/chart.png", "/fake.jpg", "/page.png", "/bomb.png",
                                      "/missing.png", "/truncated.jpg"].map(h.url))
        #expect(images.map(\.error) == [nil, nil, nil, "not an image (JPEG, PNG, GIF or WebP)", "not an image (text/html)",
                                        "image too large (20000×20000 pixels)", "HTTP 404", "damaged or unsupported JPEG file"])
        // Kept: small PNGs, readable with the server gone, named by the SHA-256 of their bytes.
        for stored in images.prefix(3) {
            let path = try #require(stored.path)
            let png = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(ImageFormat.sniff(png) == .png)
            #expect(path.hasSuffix("/images/" + ImageThumbnail.sha256Hex(png).prefix(2) + "/" + ImageThumbnail.sha256Hex(png) + ".png"))
            let decoded = try ImageDecoder.decode(png)
            #expect(decoded.width == stored.width && decoded.height == stored.height)
            #expect(max(decoded.width, decoded.height) <= ImageLimits.thumbnail.fitSide)
        }
        #expect(images[0].width == 480 && images[0].height == 300)
        #expect(images.dropFirst(3).allSatisfy { $0.path == nil })
        // The same files by the page's address, for a page followed from a story; none for an unknown page.
        let byURL = try h.store.pictureFiles(articleURL: h.url("/story.html"))
        #expect(byURL == Dictionary(uniqueKeysWithValues: images.prefix(3).map { ($0.url, $0.path!) }))
        #expect(try h.store.pictureFiles(articleURL: h.url("/other.html")).isEmpty)
    }

    /// A related story prefetched for offline reading is a cached article like the story: its pictures come with it.
    @Test func aPrefetchedRelatedStoryKeepsItsPictures() async throws {
        let h = try await Self.harness { $0.prefetchPerArticle = 1 }
        defer { Task { await h.close() } }
        h.server.setRoute("/feed.xml", SiteBuilder.feed("News", [SiteBuilder.Item(id: "1", title: "Story", link: h.url("/story.html"))]))
        h.server.setRoute("/story.html", SiteBuilder.article("Story", related: [("More on the story", h.url("/more.html"))]))
        h.server.setRoute("/more.html", Self.page("More on the story", lead: nil, figures: [("/photo.webp", "A photo")]))
        h.server.setRoute("/photo.webp", try Self.image("photo.webp", type: "image/webp"))
        let summary = try await h.pass(articles: true)
        #expect(summary.articles == 2)
        await h.server.stop()
        #expect(try h.store.pictureFiles(articleURL: h.url("/more.html")).keys.sorted() == [h.url("/photo.webp")])
    }

    /// At most eight pictures per story; one already in the cache is not fetched again for another story
    /// (identical pictures from several URLs are one file); a picture over the byte limit is cut off and recorded.
    @Test func countBytesAndSharedPicturesAreBounded() async throws {
        let h = try await Self.harness()
        defer { Task { await h.close() } }
        h.server.setRoute("/feed.xml", SiteBuilder.feed("News", [SiteBuilder.Item(id: "1", title: "Many", link: h.url("/many.html"))]))
        h.server.setRoute("/many.html", Self.page("Many", lead: nil, figures: (0..<12).map { ("/p\($0).png", "Picture \($0)") }))
        h.server.setRoute("/shared.html", Self.page("Shared", lead: h.url("/p0.png"), figures: [("/big.jpg", "Big")]))
        for n in 0..<12 { h.server.setRoute("/p\(n).png", try Self.image("chart.png", type: "image/png")) }
        h.server.setRoute("/big.jpg", .resource(FixtureResource(body: [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: 6 << 20),
                                                               contentType: "image/jpeg")))
        _ = try await h.pass(articles: true)
        h.server.setRoute("/feed.xml", SiteBuilder.feed("News", [
            SiteBuilder.Item(id: "1", title: "Many", link: h.url("/many.html")),
            SiteBuilder.Item(id: "2", title: "Shared", link: h.url("/shared.html")),
        ], etag: "\"2\""))
        _ = try await h.pass(articles: true)
        let many = try h.store.images(article: Self.articleID(h, "/many.html"))
        #expect(many.map(\.url) == (0..<8).map { h.url("/p\($0).png") })
        #expect((8..<12).allSatisfy { h.server.requestCount("/p\($0).png") == 0 })
        #expect(h.server.requestCount("/p0.png") == 1)
        // Twelve identical pictures: one file.
        #expect(Set(many.compactMap(\.path)).count == 1)
        let shared = try h.store.images(article: Self.articleID(h, "/shared.html"))
        #expect(shared.map(\.url) == [h.url("/p0.png"), h.url("/big.jpg")])
        #expect(shared[0].path == many[0].path)
        #expect(shared[1].error == "response larger than 5 MiB (cut)")
    }

    @Test func imagesOffFetchesNoPictures() async throws {
        let h = try await Self.harness { $0.images = .off }
        defer { Task { await h.close() } }
        h.server.setRoute("/feed.xml", SiteBuilder.feed("News", [SiteBuilder.Item(id: "1", title: "Story", link: h.url("/story.html"))]))
        h.server.setRoute("/story.html", Self.page("Story", lead: h.url("/lead.jpg"), figures: [("/chart.png", "A chart")]))
        h.server.setRoute("/lead.jpg", try Self.image("photo.jpg"))
        _ = try await h.pass(articles: true)
        #expect(try h.store.images(article: Self.articleID(h, "/story.html")).isEmpty)
        #expect(h.server.requestCount("/lead.jpg") == 0)
    }

    /// Retention: a picture goes with the last article that shows it, and its file with it.
    @Test func picturesArePrunedWithTheLastArticleShowingThem() async throws {
        let clock = ManualClock()
        let h = try await PipelineHarness(feeds: ["/feed.xml"], article: .always, clock: clock) { $0.prefetchPerArticle = 0; $0.retentionDays = 1 }
        defer { Task { await h.close() } }
        h.server.setRoute("/feed.xml", SiteBuilder.feed("News", [
            SiteBuilder.Item(id: "1", title: "Old", link: h.url("/old.html")),
            SiteBuilder.Item(id: "2", title: "Kept", link: h.url("/kept.html")),
        ]))
        h.server.setRoute("/old.html", Self.page("Old", lead: h.url("/only-old.jpg"), figures: [("/both.png", "Both")]))
        h.server.setRoute("/kept.html", Self.page("Kept", lead: nil, figures: [("/both.png", "Both")]))
        h.server.setRoute("/only-old.jpg", try Self.image("photo.jpg"))
        h.server.setRoute("/both.png", try Self.image("chart.png", type: "image/png"))
        _ = try await h.pass(articles: true)
        let old = try h.store.images(article: Self.articleID(h, "/old.html"))
        let onlyOld = try #require(old[0].path), both = try #require(old[1].path)
        #expect(FileManager.default.fileExists(atPath: onlyOld) && FileManager.default.fileExists(atPath: both))
        let ids = Dictionary(uniqueKeysWithValues: try h.store.headlines(.all, after: nil, limit: 10).map { ($0.title, $0.id) })
        try h.store.setRead([ids["Old"]!], true)
        clock.advance(by: 2 * 86_400)
        _ = try await h.pass(articles: true, maintenance: true)
        #expect(try h.store.article(forURL: h.url("/old.html")) == nil)
        #expect(!FileManager.default.fileExists(atPath: onlyOld))
        #expect(FileManager.default.fileExists(atPath: both))
        #expect(try h.store.hasImage(url: h.url("/only-old.jpg")) == false)
        #expect(try h.store.images(article: Self.articleID(h, "/kept.html")).first?.path == both)
    }
}
