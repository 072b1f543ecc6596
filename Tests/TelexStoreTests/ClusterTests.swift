import Foundation
import Testing
import GRDB
import TelexModel
@testable import TelexStore

/// "Also covered by": items of different outlets about one event (`ClusterSignature`, `ClusterIndex`), joined
/// when written, shown once in lists with their coverage.
@Suite struct ClusterSignatureTests {
    @Test func wordsAreFoldedStopWordsAndPluralsDropped() {
        let a = ClusterSignature(title: "Élections : les électeurs en colère", text: "")
        let b = ClusterSignature(title: "ELECTION electeur colere", text: "")
        #expect(Set(a.title) == Set(b.title))
        #expect(a.title.count == 3)
    }

    @Test func japaneseIsComparedByPairsOfCharacters() {
        let signature = ClusterSignature(title: "九州で地震", text: "")
        #expect(signature.title == ["九州", "州で", "で地", "地震"].map { ClusterSignature.hash(Substring($0)) })
    }

    @Test func numbersOfTheTitleCountAsText() {
        let signature = ClusterSignature(title: "Item 12", text: "")
        #expect(signature.title.count == 1)
        #expect(signature.text == [ClusterSignature.hash("12")])
    }

    @Test func theStoredFormRoundTripsAndADamagedOneIsRefused() {
        let signature = ClusterSignature(title: "Earthquake strikes southern Japan", text: "Tsunami warning issued for Kyushu")
        #expect(ClusterSignature(blob: signature.blob) == signature)
        #expect(ClusterSignature(blob: Data([9, 1, 2, 3, 4])) == nil)
        #expect(ClusterSignature(blob: Data([0, 1, 2])) == nil)
        #expect(ClusterSignature(blob: Data()) == nil)
    }
}

@Suite struct ClusterTests {
    static let sections = [
        SectionSpec(name: "World", feeds: [FeedSpec(url: "https://lemonde.example/feed", title: "Le Monde"),
                                           FeedSpec(url: "https://bbc.example/feed", title: "BBC")]),
        SectionSpec(name: "Asia", feeds: [FeedSpec(url: "https://nhk.example/feed", title: "NHK")]),
    ]

    /// Writes items to a feed: (stable id, title, summary, hours before the fetch).
    @discardableResult
    static func add(_ store: Store, _ feed: FeedID, _ items: [(String, String, String, Double)],
                    at: Date = StoreFixture.baseDate, lang: String? = nil) throws -> Int {
        let records = items.map {
            ItemRecord(stableID: $0.0, link: "https://\(feed.rawValue).example/\($0.0)", title: $0.1,
                       published: at.addingTimeInterval(-3600 * $0.3), summaryHTML: $0.2, language: lang)
        }
        return try store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: at, succeededAt: at),
                                                      items: records)], indexing: .inline)
    }

    static let quake = [
        ("Magnitude 7.1 earthquake strikes southern Japan, tsunami warning issued",
         "A powerful earthquake struck off Kyushu on Tuesday, the meteorological agency said, issuing a tsunami warning for Miyazaki."),
        ("Japan earthquake: tsunami warning after 7.1 quake off Kyushu",
         "A 7.1 magnitude earthquake has struck off the coast of Kyushu in southern Japan, prompting a tsunami warning for Miyazaki."),
        ("Strong earthquake shakes southern Japan, tsunami warning for Miyazaki",
         "The quake, of magnitude 7.1, struck off Kyushu; residents of Miyazaki were told to move to higher ground."),
    ]

    func fixture() throws -> (StoreFixture, monde: FeedID, bbc: FeedID, nhk: FeedID) {
        let fixture = try StoreFixture(config: Self.sections)
        let monde = try fixture.feedID("https://lemonde.example/feed")
        let bbc = try fixture.feedID("https://bbc.example/feed")
        let nhk = try fixture.feedID("https://nhk.example/feed")
        try Self.add(fixture.store, monde, [("monde-quake", Self.quake[0].0, Self.quake[0].1, 3),
                                            ("monde-drill", "Earthquake drill held in Tokyo schools", "Pupils practised.", 4)])
        try Self.add(fixture.store, bbc, [("bbc-quake", Self.quake[1].0, Self.quake[1].1, 1),
                                          ("bbc-bank", "Japan's central bank holds interest rates", "The Bank of Japan kept rates.", 2)])
        try Self.add(fixture.store, nhk, [("nhk-quake", Self.quake[2].0, Self.quake[2].1, 2)])
        return (fixture, monde, bbc, nhk)
    }

    func clusters(_ store: Store) throws -> [String: Int64?] {
        try store.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT stable_id, cluster_id FROM item").map {
                ($0["stable_id"] as String, $0["cluster_id"] as Int64?)
            })
        }
    }

    @Test func outletsCoveringOneEventAreOneClusterAndOtherStoriesStayAlone() throws {
        let (fixture, _, _, _) = try fixture()
        let clusters = try clusters(fixture.store)
        #expect(clusters["monde-quake"]! != nil)
        #expect(clusters["bbc-quake"]! == clusters["monde-quake"]!)
        #expect(clusters["nhk-quake"]! == clusters["monde-quake"]!)
        #expect(clusters["monde-drill"]! == nil)
        #expect(clusters["bbc-bank"]! == nil)
    }

    @Test func listsShowAClusterOnceAtItsNewestItemWithItsCoverage() throws {
        let (fixture, monde, _, _) = try fixture()
        let all = try fixture.allHeadlines(.all)
        #expect(all.map(\.title) == [Self.quake[1].0, "Japan's central bank holds interest rates", "Earthquake drill held in Tokyo schools"])
        #expect(all[0].coverage.map(\.source) == ["NHK", "Le Monde"])
        #expect(all[0].outletCount == 3)
        // A section shows its newest item of the cluster; the coverage names the other section's outlet too.
        let world = try fixture.allHeadlines(.section(try fixture.sectionID("World")))
        #expect(world.first?.title == Self.quake[1].0)
        #expect(world.first?.coverage.map(\.source) == ["NHK", "Le Monde"])
        // The unread list: the newest unread item stands for the cluster once the newest is read.
        try fixture.store.setRead([all[0].id], true)
        let unread = try fixture.allHeadlines(.unread)
        #expect(unread.first?.title == Self.quake[2].0)
        #expect(unread.count == 3)
        // A feed's own list shows its items.
        #expect(try fixture.allHeadlines(.feed(monde)).count == 2)
        // The cluster opened: every outlet's item, newest first.
        #expect(try fixture.store.clusterHeadlines(of: all[0].id).map(\.source) == ["BBC", "NHK", "Le Monde"])
        // The reading view's item carries its coverage too, and so does a list of named items (Continue reading).
        #expect(try fixture.store.item(all[0].id)?.headline.coverage.count == 2)
        #expect(try fixture.store.headlines(.items([all[0].id]), after: nil, limit: 10).first?.coverage.count == 2)
    }

    @Test func groupingTurnedOffListsEveryItem() throws {
        let (fixture, _, _, _) = try fixture()
        fixture.store.groupsStories = false
        #expect(try fixture.allHeadlines(.all).count == 5)
        #expect(try fixture.allHeadlines(.all).first?.coverage.count == 2)
    }

    @Test func oneOutletsItemsOtherLanguagesAndItemsDaysApartAreNotJoined() throws {
        let fixture = try StoreFixture(config: Self.sections)
        let monde = try fixture.feedID("https://lemonde.example/feed")
        let bbc = try fixture.feedID("https://bbc.example/feed")
        let nhk = try fixture.feedID("https://nhk.example/feed")
        // The same outlet twice: a follow-up is not another outlet's coverage.
        try Self.add(fixture.store, monde, [("a", Self.quake[0].0, Self.quake[0].1, 3), ("b", Self.quake[1].0, Self.quake[1].1, 1)],
                     lang: "en")
        // Five days later: another event.
        try Self.add(fixture.store, bbc, [("c", Self.quake[1].0, Self.quake[1].1, 1)], at: StoreFixture.baseDate.addingTimeInterval(5 * 86_400))
        // Another language declared on both sides.
        try Self.add(fixture.store, nhk, [("d", Self.quake[2].0, Self.quake[2].1, 1)], lang: "ja")
        #expect(try clusters(fixture.store).values.allSatisfy { $0 == nil })
    }

    @Test func anotherProcesssItemsAreJoinedAndItsClustersKept() throws {
        let (fixture, _, _, nhk) = try fixture()
        // A second store on the same file (another process: the reader's fetch while `telex serve` runs).
        let other = try Store.open(directory: fixture.directory.path)
        try Self.add(other, nhk, [("nhk-quake-2", "Tsunami warning lifted after southern Japan earthquake",
                                   "Kyushu and Miyazaki residents return after the 7.1 quake.", 0.5)])
        let late = try fixture.feedID("https://lemonde.example/feed")
        try Self.add(fixture.store, late, [("monde-quake-2", "Southern Japan earthquake: tsunami warning lifted in Miyazaki",
                                            "The 7.1 quake off Kyushu caused no major damage.", 0.2)])
        let clusters = try clusters(fixture.store)
        #expect(clusters["nhk-quake-2"]! == clusters["monde-quake"]!)
        #expect(clusters["monde-quake-2"]! == clusters["monde-quake"]!)
    }

    @Test func signaturesLeaveWithTheirItemsAndWithTheWindow() throws {
        let (fixture, _, _, _) = try fixture()
        let count = { try fixture.store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM item_signature") ?? -1 } }
        #expect(try count() == 5)
        try fixture.store.prune(retentionDays: 90, now: StoreFixture.baseDate.addingTimeInterval(7 * 86_400))
        #expect(try count() == 0)
    }

    @Test func aClusterSpansTheWindowFromItsFirstItemNotAChainOfDays() throws {
        let fixture = try StoreFixture(config: Self.sections)
        let monde = try fixture.feedID("https://lemonde.example/feed")
        let bbc = try fixture.feedID("https://bbc.example/feed")
        let nhk = try fixture.feedID("https://nhk.example/feed")
        let day = 86_400.0
        try Self.add(fixture.store, monde, [("a", Self.quake[0].0, Self.quake[0].1, 0)])
        try Self.add(fixture.store, bbc, [("b", Self.quake[1].0, Self.quake[1].1, 0)], at: StoreFixture.baseDate.addingTimeInterval(2.5 * day))
        // Like b, two and a half days later: five days after the cluster's first item.
        try Self.add(fixture.store, nhk, [("c", Self.quake[2].0, Self.quake[2].1, 0)], at: StoreFixture.baseDate.addingTimeInterval(5 * day))
        let clusters = try clusters(fixture.store)
        #expect(clusters["a"]! != nil && clusters["b"]! == clusters["a"]!)
        #expect(clusters["c"]! == nil)
    }

    @Test func aRolledBackWriteLeavesNothingInMemoryToMatch() throws {
        let fixture = try StoreFixture(config: Self.sections)
        let monde = try fixture.feedID("https://lemonde.example/feed")
        let bbc = try fixture.feedID("https://bbc.example/feed")
        struct Failure: Error {}
        let record = ItemRecord(stableID: "gone", link: "https://monde.example/gone", title: Self.quake[0].0,
                                published: StoreFixture.baseDate, summaryHTML: Self.quake[0].1)
        #expect(throws: (any Error).self) {
            try fixture.store.write { db in
                _ = try fixture.store.upsert(db, PreparedItem(record), feedID: monde.rawValue, sectionID: nil,
                                             firstSeen: StoreTime.milliseconds(StoreFixture.baseDate))
                throw Failure()
            }
        }
        #expect(fixture.store.clusters.withLock { $0.count } == 0)
        try Self.add(fixture.store, bbc, [("b", Self.quake[1].0, Self.quake[1].1, 0)])
        #expect(try clusters(fixture.store)["b"]! == nil)
    }

    @Test func itemsOlderThanTheWindowAreNotClustered() throws {
        let fixture = try StoreFixture(config: Self.sections)
        let monde = try fixture.feedID("https://lemonde.example/feed")
        let bbc = try fixture.feedID("https://bbc.example/feed")
        try Self.add(fixture.store, monde, [("a", Self.quake[0].0, Self.quake[0].1, 24 * 10)])
        try Self.add(fixture.store, bbc, [("b", Self.quake[1].0, Self.quake[1].1, 24 * 10)])
        #expect(try clusters(fixture.store).values.allSatisfy { $0 == nil })
        #expect(try fixture.store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM item_signature") } == 0)
    }
}

/// The threshold's evidence: a labelled set of news items from several outlets and languages, pairs marked same
/// event or not (Fixtures/clusters-labelled.json; how it was made: its README). The items are written in the order
/// they were published into a `ClusterIndex`, as the writer does, and every labelled pair of one language is
/// scored: same cluster or not. Pairs of two languages are reported apart (clustering compares one language).
@Suite struct ClusterLabelledSetTests {
    struct LabelledSet: Decodable {
        struct Item: Decodable { var id, outlet: String; var lang: String?; var title: String; var summary: String?; var published: String }
        struct Pair: Decodable { var a, b: String; var same: Bool; var crossLanguage: Bool }
        var items: [Item]
        var pairs: [Pair]
    }

    static func load() throws -> LabelledSet {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/clusters-labelled.json")
        return try JSONDecoder().decode(LabelledSet.self, from: Data(contentsOf: url))
    }

    struct Score: CustomStringConvertible {
        var truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0
        var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
        var description: String {
            String(format: "precision %.3f recall %.3f (tp %d fp %d fn %d tn %d)", precision, recall, truePositives, falsePositives,
                   falseNegatives, trueNegatives)
        }
    }

    /// Clusters the set's items at `threshold` and scores the pairs (`crossLanguage`: those pairs only, else the others).
    static func score(_ set: LabelledSet, threshold: Double, crossLanguage: Bool = false) -> Score {
        let dates = ISO8601DateFormatter()
        let items = set.items.map { item in
            (item, StoreTime.milliseconds(dates.date(from: item.published) ?? .distantPast))
        }.sorted { $0.1 < $1.1 }
        let index = ClusterIndex()
        var outlets: [String: Int64] = [:]
        var numberOf: [String: Int64] = [:]
        var clusterOf: [Int64: Int64] = [:]
        for (number, (item, time)) in items.enumerated() {
            let id = Int64(number + 1)
            numberOf[item.id] = id
            let feed = outlets[item.outlet] ?? Int64(outlets.count + 1)
            outlets[item.outlet] = feed
            let signature = ClusterSignature(title: PlainText.fromHTML(item.title, limit: 2_000),
                                             text: Substring(PlainText.fromHTML(item.summary ?? "", limit: 2_000)))
            guard signature.title.count >= 2 else { continue }
            let entry = ClusterIndex.Entry(feed: feed, time: time, lang: item.lang.flatMap(Language.primary), signature: signature)
            if let match = index.bestMatch(for: entry, threshold: threshold) {
                let root = clusterOf[match.id] ?? match.id
                clusterOf[match.id] = root
                clusterOf[id] = root
            }
            index.add(id: id, entry)
        }
        var score = Score()
        for pair in set.pairs where pair.crossLanguage == crossLanguage {
            let a = numberOf[pair.a].flatMap { clusterOf[$0] }, b = numberOf[pair.b].flatMap { clusterOf[$0] }
            let joined = a != nil && a == b
            switch (pair.same, joined) {
            case (true, true): score.truePositives += 1
            case (false, true): score.falsePositives += 1
            case (true, false): score.falseNegatives += 1
            case (false, false): score.trueNegatives += 1
            }
        }
        return score
    }

    @Test func theThresholdKeepsPrecisionAtLeast95PercentOnTheLabelledSet() throws {
        let set = try Self.load()
        #expect(set.items.count >= 300 && set.pairs.count >= 400)
        for threshold in stride(from: 0.15, through: 0.41, by: 0.025) {
            print(String(format: "clusters: threshold %.2f: ", threshold) + Self.score(set, threshold: threshold).description)
        }
        let score = Self.score(set, threshold: ClusterIndex.threshold)
        print("clusters: labelled set, one language, at the threshold \(ClusterIndex.threshold): \(score)")
        print("clusters: labelled set, pairs of two languages: \(Self.score(set, threshold: ClusterIndex.threshold, crossLanguage: true))")
        #expect(score.precision >= 0.95)
        #expect(score.recall >= 0.5)
    }
}
