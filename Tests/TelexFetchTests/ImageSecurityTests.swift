import Foundation
import Testing
@testable import TelexFetch
import TelexConfig
import TelexModel
import TelexStore
import TelexTestServer
import TelexTestSupport

/// Pictures follow the pages' address policy: a page from a public feed cannot make telex fetch a
/// picture on the private side (127.0.0.1 stands for it; "public" names resolve to 127.0.0.2).
@Suite(.serialized) struct ImageSecurityTests {
    @Test func aPublicPageCannotMakeTelexFetchAPrivatePicture() async throws {
        let sides = try await TwoSides.start(public: [:], private: [
            "/camera.jpg": .resource(FixtureResource(body: try Fixtures.bytes("images/photo.jpg"), contentType: "image/jpeg")),
        ])
        let page = "http://news.example:\(sides.port)/story.html"
        let picture = "http://intranet.example:\(sides.port)/camera.jpg"
        sides.publicSide.setRoute("/feed.xml", SiteBuilder.feed("Public", [SiteBuilder.Item(id: "1", title: "Look", link: page)]))
        sides.publicSide.setRoute("/story.html", ImagePassTests.page("Look", lead: picture, figures: []))
        let directory = try Fixtures.temporaryDirectory("telex-image-ssrf")
        let store = try Store.open(directory: directory.path)
        let config = Configuration(sections: [SectionConfig(name: "News", feeds: [
            FeedConfig(url: "http://news.example:\(sides.port)/feed.xml", article: .always)])], source: "test")
        let resolver = ScriptedResolver(["news.example": loopback2, "intranet.example": loopback1])
        let service = FetchService(store: store, configuration: config,
                                   http: CurlFetcher(limits: testLimits(), resolver: resolver, policy: testPolicy))
        try service.syncConfiguration()
        _ = try await service.runPass(PassOptions(force: true, articles: true))
        await sides.stop()
        #expect(sides.privateSide.requestCount("/camera.jpg") == 0)
        let article = try #require(try store.article(forURL: page))
        #expect(try store.images(article: article.id).map(\.error)
                == ["intranet.example is a private or loopback address (not fetched from a public page)"])
    }
}
