/// The feed formats telex reads, detected from the document itself.
public enum FeedFormat: String, Sendable, Hashable, Codable {
    case rss090 = "rss0.90", rss091 = "rss0.91", rss092 = "rss0.92", rss093 = "rss0.93", rss094 = "rss0.94"
    case rss10 = "rss1.0", rss20 = "rss2.0"
    case atom03 = "atom0.3", atom10 = "atom1.0"
    case jsonFeed10 = "json1.0", jsonFeed11 = "json1.1"
    case unknown
}
