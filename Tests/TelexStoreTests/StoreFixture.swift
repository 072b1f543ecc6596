import Foundation
import Testing
import TelexModel
import TelexTestSupport
@testable import TelexStore

/// A fresh cache in a temporary directory with two sections and three feeds. When the test is done
/// with it, it checks the cache's invariants (counters, and the one-to-one of items and search rows).
final class StoreFixture {
    let directory: URL
    let store: Store
    /// Off for the few tests that leave the cache in a state the invariants do not cover on purpose.
    var checksInvariantsAtEnd = true
    static let baseDate = Date(timeIntervalSince1970: 1_750_000_000)

    static let config = [
        SectionSpec(name: "World", feeds: [FeedSpec(url: "https://a.example/feed", title: "Alpha"),
                                           FeedSpec(url: "https://b.example/feed")]),
        SectionSpec(name: "Tech", feeds: [FeedSpec(url: "https://c.example/feed", title: "Gamma")]),
    ]

    init(config: [SectionSpec] = StoreFixture.config) throws {
        directory = try Fixtures.temporaryDirectory("telex-store").appendingPathComponent("cache")
        store = try Store.open(directory: directory.path)
        try store.syncConfiguration(config)
    }

    deinit {
        if checksInvariantsAtEnd { checkInvariants("at the end of the test") }
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    /// Records an issue for every feed whose counters disagree with its items and every item whose
    /// search row is missing, stale or orphaned.
    func checkInvariants(_ when: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let counters = try store.counterMismatches()
            #expect(counters.isEmpty, "counters \(when): \(counters)", sourceLocation: sourceLocation)
            let index = try store.indexMismatches()
            #expect(index.isEmpty, "search index \(when): \(index)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not check the invariants \(when): \(error)", sourceLocation: sourceLocation)
        }
    }

    func feedID(_ url: String) throws -> FeedID {
        for section in try store.sections() { for feed in section.feeds where feed.url == url { return feed.id } }
        throw FixtureError.noFeed(url)
    }

    func sectionID(_ name: String) throws -> SectionID {
        guard let s = try store.sections().first(where: { $0.name == name }) else { throw FixtureError.noFeed(name) }
        return s.id
    }

    /// Writes `count` items to a feed, published an hour apart going back from baseDate.
    @discardableResult
    func addItems(_ url: String, count: Int, prefix: String = "item", at: Date = StoreFixture.baseDate,
                  summary: (Int) -> String = { "Summary of story \($0)" }, indexing: SearchIndexing = .queued,
                  pagesAhead: PagesAhead? = nil) throws -> FeedID {
        let feed = try feedID(url)
        let items = (0..<count).map { i in
            ItemRecord(stableID: "\(prefix)-\(i)", link: "https://\(URL(string: url)!.host!)/\(prefix)/\(i)",
                       title: "\(prefix) \(i)", published: StoreFixture.baseDate.addingTimeInterval(Double(-3600 * i)),
                       summaryHTML: summary(i))
        }
        try store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: at, succeededAt: at), items: items,
                                               pagesAhead: pagesAhead)], indexing: indexing)
        return feed
    }

    func allHeadlines(_ scope: ListScope, unreadOnly: Bool = false, page: Int = 7) throws -> [Headline] {
        var all: [Headline] = []
        var cursor: ListCursor? = nil
        while true {
            let next = try store.headlines(scope, unreadOnly: unreadOnly, after: cursor, limit: page)
            all += next
            guard let last = next.last, next.count == page else { return all }
            cursor = ListCursor(sortTime: last.sortTime, id: last.id)
        }
    }
}

enum FixtureError: Error { case noFeed(String) }
