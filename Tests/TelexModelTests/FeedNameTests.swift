import Testing
import TelexModel

@Suite struct FeedNameTests {
    @Test(arguments: [
        (nil, nil, "https://www.example.org/news/rss.xml", "example.org/news/rss.xml"),
        (nil, nil, "https://feeds.example.org/", "feeds.example.org"),
        (nil, nil, "http://127.0.0.1:8080/feed?format=rss", "127.0.0.1:8080/feed?format=rss"),
        (nil, "  ", "https://a.example/f", "a.example/f"),
        (nil, "Le Monde", "https://a.example/f", "Le Monde"),
        ("Mine", "Le Monde", "https://a.example/f", "Mine"),
        (nil, nil, "not a url", "not a url"),
    ] as [(String?, String?, String, String)])
    func untitledFeedsAreNamedByHostAndPath(_ title: String?, _ feedTitle: String?, _ url: String, _ expected: String) {
        #expect(FeedName.display(title: title, feedTitle: feedTitle, url: url) == expected)
    }

    @Test func everyFeedFailedMeansNoneAnswered() {
        #expect(FetchProgress(failed: 3).everyFeedFailed)
        #expect(!FetchProgress(unchanged: 1, failed: 3).everyFeedFailed)
        #expect(!FetchProgress(ok: 1, failed: 3).everyFeedFailed)
        #expect(!FetchProgress(skipped: 2).everyFeedFailed)
    }
}
