import Foundation
import Testing
@testable import TelexFetch
import TelexConfig
import TelexModel
import TelexStore
import TelexTestServer
import TelexTestSupport

/// The SSRF guard through a whole pass: a feed is judged on the address it answered from. A feed on
/// a public name may not make telex fetch a page on the private side; a feed that answered from the
/// private side (a home server) may. The resolver maps made-up names to 127.0.0.2 ("public") and
/// 127.0.0.1 (private).
@Suite(.serialized) struct PipelineSecurityTests {
    static let secret = SiteBuilder.article("Secret page")

    func pass(feedURL: String, sides: TwoSides, resolver: ScriptedResolver) async throws -> Store {
        let directory = try Fixtures.temporaryDirectory("telex-ssrf")
        let store = try Store.open(directory: directory.path)
        let config = Configuration(sections: [SectionConfig(name: "News", feeds: [FeedConfig(url: feedURL, article: .always)])], source: "test")
        let service = FetchService(store: store, configuration: config,
                                   http: CurlFetcher(limits: testLimits(), resolver: resolver, policy: testPolicy))
        try service.syncConfiguration()
        _ = try await service.runPass(PassOptions(force: true, articles: true))
        return store
    }

    @Test func aPublicFeedCannotMakeTelexFetchAPrivatePage() async throws {
        let sides = try await TwoSides.start(public: [:], private: ["/secret.html": Self.secret])
        let page = "http://intranet.example:\(sides.port)/secret.html"
        sides.publicSide.setRoute("/feed.xml", SiteBuilder.feed("Public", [SiteBuilder.Item(id: "1", title: "Look", link: page)]))
        let resolver = ScriptedResolver(["news.example": loopback2, "intranet.example": loopback1])
        let store = try await pass(feedURL: "http://news.example:\(sides.port)/feed.xml", sides: sides, resolver: resolver)
        await sides.stop()
        #expect(sides.privateSide.requestCount("/secret.html") == 0)
        let record = try #require(try store.article(forURL: page))
        #expect(record.status == .failed)
        #expect(record.error == "intranet.example is a private or loopback address (not fetched from a public page)")
    }

    /// The configured name is public, but the feed redirects to the private side and answers from
    /// there: its pages are on the user's own network, and are fetched.
    @Test func aFeedThatAnsweredFromAPrivateAddressMayFetchPrivatePages() async throws {
        let sides = try await TwoSides.start(public: [:], private: ["/secret.html": Self.secret])
        let page = "http://intranet.example:\(sides.port)/secret.html"
        sides.privateSide.setRoute("/feed.xml", SiteBuilder.feed("Home", [SiteBuilder.Item(id: "1", title: "Look", link: page)]))
        sides.publicSide.setRoute("/feed.xml", .redirect(to: "http://intranet.example:\(sides.port)/feed.xml", permanent: false))
        let resolver = ScriptedResolver(["news.example": loopback2, "intranet.example": loopback1])
        let store = try await pass(feedURL: "http://news.example:\(sides.port)/feed.xml", sides: sides, resolver: resolver)
        await sides.stop()
        #expect(sides.privateSide.requestCount("/secret.html") == 1)
        #expect(try store.article(forURL: page)?.status == .ok)
    }
}
