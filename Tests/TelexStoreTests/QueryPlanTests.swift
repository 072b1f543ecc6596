import Foundation
import Testing
import TelexModel
@testable import TelexStore

/// Every query a front end runs must be an index search: at a million items a SCAN of items or a
/// TEMP B-TREE sort costs seconds. Scans of the small configuration tables (section, feed: one row per
/// configured feed) are allowed, as are FTS5 virtual-table lookups, which EXPLAIN shows as "SCAN ... VIRTUAL TABLE".
@Suite("Query plans")
struct QueryPlanTests {
    /// `item_signature` holds the last days' items only (pruned after every pass: docs/cache-schema.md, "Clusters").
    static let smallTables = ["section", "feed", "item_signature"]

    @Test func noUIQueryScansABigTableOrSortsInATemporaryBTree() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 50)
        try fixture.store.executeForTesting("ANALYZE")
        try expectIndexSearches(fixture)
    }

    /// With `hide` rules and hidden items (docs/feeds-json.md, "Filters"): the lists and counts are the same
    /// statements (hidden items are not in `item`), and the writer's statements of filters are index searches too.
    @Test func filtersKeepEveryPlanAnIndexSearch() throws {
        let feeds = (0..<4).map { FeedSpec(url: "https://\($0).example/feed", hide: "/[13579]$/ or feed:nothing") }
        let fixture = try StoreFixture(config: [SectionSpec(name: "World", feeds: feeds)])
        for feed in feeds { try fixture.addItems(feed.url, count: 40) }
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM hidden_item") == 80)
        try fixture.store.executeForTesting("ANALYZE")
        try expectIndexSearches(fixture)
    }

    func expectIndexSearches(_ fixture: StoreFixture) throws {
        let plans = try fixture.store.uiQueryPlans()
        #expect(plans.count > 50)
        for (name, plan) in plans {
            for line in plan {
                #expect(!line.contains("TEMP B-TREE"), "\(name): \(plan)")
                if line.hasPrefix("SCAN") {
                    let table = line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
                    let allowed = Self.smallTables.contains(table) || line.contains("VIRTUAL TABLE")
                    #expect(allowed, "\(name): \(plan)")
                }
            }
        }
    }
}
