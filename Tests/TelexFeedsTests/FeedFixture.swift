import Foundation
import TelexTestSupport
@testable import TelexFeeds

/// Parses tests/fixtures/feeds/NAME.
func parseFixture(_ name: String, url: String? = nil, contentType: String? = nil) throws -> ParsedFeed {
    try FeedParser.parse(try Fixtures.bytes("feeds/" + name), documentURL: url, contentType: contentType)
}

func iso(_ date: Date?) -> String? {
    guard let date else { return nil }
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: date)
}
