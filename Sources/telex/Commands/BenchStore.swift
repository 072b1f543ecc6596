import ArgumentParser
import Foundation
import TelexArticles
import TelexModel
import TelexStore

/// `scripts/bench/store.sh` drives this: generate a cache of N items once, time a refetch, time the reads
/// (run the read phase in a fresh process so its peak RSS is a reader's).
struct BenchStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_bench-store", abstract: "Cache benchmarks (generate, refetch, read).", shouldDisplay: false)

    enum Phase: String, ExpressibleByArgument { case generate, refetch, read, config }

    @Option(help: "generate | refetch | read | config (writes DIR/feeds.json: the reader on this cache needs its sections)") var phase: Phase
    @Option(help: "The cache directory of this benchmark.") var dir: String
    @Option(help: "Items to generate.") var items = 100_000

    static let feedCount = 300
    static let sectionCount = 12

    func run() throws {
        switch phase {
        case .generate: try generate()
        case .refetch: try refetch()
        case .read: try read()
        case .config: try writeConfiguration()
        }
    }

    // MARK: generation

    static func sections() -> [SectionSpec] {
        var feedIndex = 0
        return (0..<sectionCount).map { s in
            // The first section is the biggest: 60 feeds; the other 240 are spread over 11 sections.
            let count = s == 0 ? 60 : (240 / 11 + (s <= 240 % 11 ? 1 : 0))
            let feeds = (0..<count).map { _ -> FeedSpec in
                defer { feedIndex += 1 }
                return FeedSpec(url: "https://feed\(feedIndex).bench.example/rss", title: "Bench feed \(feedIndex)")
            }
            return SectionSpec(name: "Section \(s)", feeds: feeds)
        }
    }

    static let now = Date(timeIntervalSince1970: 1_760_000_000)

    private func generate() throws {
        let store = try Store.open(directory: dir)
        if try store.count(.all) >= items {
            print("cache of \(try store.count(.all)) items reused from \(dir) (delete it to regenerate)")
            return
        }
        try store.syncConfiguration(Self.sections())
        let feeds = try store.feedsForFetching()
        precondition(feeds.count == Self.feedCount)
        let perFeed = max(1, items / feeds.count)
        let start = Date()
        // Oldest 90% first, then marked read; the newest 10% stay unread.
        let readPart = perFeed * 9 / 10
        for (range, markRead) in [(readPart..<perFeed, true), (0..<readPart, false)] {
            // Chunks of 10 items per feed, 3,000 items per transaction, oldest first.
            for chunkEnd in stride(from: range.upperBound, to: range.lowerBound, by: -10) {
                let indices = max(range.lowerBound, chunkEnd - 10)..<chunkEnd
                var articles: [ArticleRecord] = []
                let batch = feeds.map { feed -> FeedResult in
                    let records = indices.reversed().map { BenchText.item(feed: feed.id.rawValue, index: $0, newestAt: Self.now) }
                    for (index, record) in zip(indices.reversed(), records) where BenchText.hasArticle(feed: feed.id.rawValue, index: index) {
                        articles.append(BenchText.article(link: record.link!, feed: feed.id.rawValue, index: index))
                    }
                    return FeedResult(state: FeedFetchState(feedID: feed.id, attemptedAt: Self.now, succeededAt: Self.now), items: records)
                }
                try store.applyFeedResults(batch, indexing: .inline)
                if !articles.isEmpty { _ = try store.saveArticles(articles) }
            }
            if markRead { _ = try store.markAllRead(.all) }
        }
        let seconds = Date().timeIntervalSince(start)
        // The same path as `telex fetch`: the writes index the feeds' items inline; the items whose page was saved
        // after them are queued (with the page's text) and indexed after.
        let indexStart = Date()
        let indexed = try store.indexAllPending(batch: 1_000)
        let indexSeconds = Date().timeIntervalSince(indexStart)
        try store.checkpoint()
        let size = ((try? FileManager.default.attributesOfItem(atPath: store.path)[.size]) as? Int ?? 0) / 1_048_576
        print(String(format: "generated %d items (5%% with a 5 KB article), indexed as written, in %.1f s (%.0f items/s), then indexed %d with their pages in %.1f s (%.0f items/s), %d MB",
                     perFeed * feeds.count, seconds, Double(perFeed * feeds.count) / seconds, indexed, indexSeconds,
                     Double(indexed) / max(indexSeconds, 0.001), size))
    }

    // MARK: refetch

    private func refetch() throws {
        let store = try Store.open(directory: dir)
        let feeds = try store.feedsForFetching()
        let run = Int(Date().timeIntervalSince1970)
        // 300 feeds x 30 items: 25 already cached and unchanged, 5 new; 10 feeds per transaction.
        let results = feeds.map { feed -> FeedResult in
            var records = (0..<25).map { BenchText.item(feed: feed.id.rawValue, index: $0, newestAt: Self.now) }
            records += (0..<5).map { i in
                var r = BenchText.item(feed: feed.id.rawValue, index: 1_000_000 + i, newestAt: Self.now)
                r.stableID = "refetch-\(run)-\(i)"
                return r
            }
            let at = Date()
            return FeedResult(state: FeedFetchState(feedID: feed.id, etag: "\"\(run)\"", attemptedAt: at, succeededAt: at), items: records)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var longest: UInt64 = 0
        for chunk in stride(from: 0, to: results.count, by: 10) {
            let t = DispatchTime.now().uptimeNanoseconds
            try store.applyFeedResults(Array(results[chunk..<min(chunk + 10, results.count)]))
            longest = max(longest, DispatchTime.now().uptimeNanoseconds - t)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        try store.indexAllPending()  // the read phase searches an index that is up to date
        let total = results.reduce(0) { $0 + $1.items.count }
        print(String(format: "refetch of %d feeds (%d items, 1500 new): %.0f ms, %.0f items/s, longest transaction (10 feeds) %.1f ms",
                     results.count, total, seconds * 1000, Double(total) / seconds, Double(longest) / 1e6))
    }

    /// The benchmark's sections and feeds as a feeds.json beside the cache: a reader started on this cache
    /// without it would sync the default feeds.json into it and take every benchmark feed out of its sections.
    private func writeConfiguration() throws {
        let sections: [JSONValue] = Self.sections().map { section in
            ["name": .string(section.name), "feeds": .array(section.feeds.map { ["url": .string($0.url), "title": JSONValue($0.title)] })]
        }
        var bytes: [UInt8] = []
        let writer = JSONWriter { bytes += $0 }
        writer.document(["sections": .array(sections)])
        try Data(bytes).write(to: URL(fileURLWithPath: dir).appendingPathComponent("feeds.json"))
        print("\(dir)/feeds.json: \(Self.sections().count) sections, \(Self.feedCount) feeds")
    }

    // MARK: reads

    private func read() throws {
        let openStart = DispatchTime.now().uptimeNanoseconds
        let store = try Store.open(directory: dir, readOnly: true)
        let openMS = Double(DispatchTime.now().uptimeNanoseconds - openStart) / 1e6
        print(String(format: "open (read-only): %.1f ms; cache holds %d items", openMS, try store.count(.all)))

        let sections = try store.sections()
        let biggest = sections.max { $0.total < $1.total }!
        report("unread counts of all sections (sections())", runs: 50) { _ = try store.sections() }
        report("first page (50) of the biggest section (\(biggest.total) items)", runs: 50) {
            _ = try store.headlines(.section(biggest.id), after: nil, limit: 50)
        }
        report("first page (50) of its unread items", runs: 50) {
            _ = try store.headlines(.section(biggest.id), unreadOnly: true, after: nil, limit: 50)
        }
        let deep = try store.headlines(.section(biggest.id), after: nil, limit: 5000).last!
        report("a page (50) 5000 rows down (keyset)", runs: 50) {
            _ = try store.headlines(.section(biggest.id), after: ListCursor(sortTime: deep.sortTime, id: deep.id), limit: 50)
        }
        let total = Double(max(1, try store.count(.all)))
        for (label, word) in [("rare", BenchText.word(7_000)), ("rare", BenchText.word(12_000)),
                              ("common", BenchText.word(3)), ("common", BenchText.word(0))] {
            let matches = try store.count(.search(word))
            report(String(format: "search top 50, %@ term \"%@\" (%d matches, %.2f%% of items)", label, word, matches,
                          100 * Double(matches) / total), runs: 20) {
                _ = try store.search(word, limit: 50)
            }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(String(format: "reader peak RSS: %.1f MB", Double(usage.ru_maxrss) / 1024))
    }

    private func report(_ label: String, runs: Int, _ body: () throws -> Void) {
        var times: [Double] = []
        for _ in 0..<runs {
            let t = DispatchTime.now().uptimeNanoseconds
            do { try body() } catch { print("\(label): \(error)"); return }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
        }
        let first = times[0]
        times.sort()
        print(String(format: "%@: first %.2f ms, p50 %.2f ms, p95 %.2f ms", label, first, times[times.count / 2],
                     times[min(times.count - 1, Int(Double(times.count) * 0.95))]))
    }
}

/// Deterministic, realistic-looking text: a 20,000-word vocabulary drawn with a Zipf-like law.
enum BenchText {
    static let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "gu", "be", "fi", "ho", "ja",
                            "co", "le", "ma", "nu", "ri", "so", "ta", "ve", "wa", "xi", "yo", "qu", "en", "ar", "ol", "is"]

    static func word(_ rank: Int) -> String {
        var n = rank, w = ""
        repeat { w += syllables[n % syllables.count]; n /= syllables.count } while n > 0
        return rank < 40 ? w : w + syllables[rank % 7]
    }

    static let vocabulary: [String] = (0..<20_000).map(word)

    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        /// A rank with probability about 1/rank (log-uniform).
        mutating func zipf() -> Int { min(vocabulary.count - 1, Int(exp(unit() * log(Double(vocabulary.count)))) - 1) }
    }

    static func text(_ rng: inout Random, bytes: Int) -> String {
        var out = ""
        while out.utf8.count < bytes { out += vocabulary[rng.zipf()]; out += rng.next() % 12 == 0 ? ". " : " " }
        return out
    }

    static func item(feed: Int64, index: Int, newestAt: Date) -> ItemRecord {
        var rng = Random(state: UInt64(feed) &* 1_000_003 &+ UInt64(index))
        var title = text(&rng, bytes: 60)
        // One item in ten covers the event of the previous feed's item of the same rank in other words (its title's
        // words but the last, and one of its own): clusters across outlets (docs/cache-schema.md, "Clusters").
        if index % 10 == 7 && feed > 1 {
            var other = Random(state: UInt64(feed - 1) &* 1_000_003 &+ UInt64(index))
            title = text(&other, bytes: 60).split(separator: " ").dropLast().joined(separator: " ") + " " + vocabulary[rng.zipf()]
        }
        let summary = "<p>" + text(&rng, bytes: 500) + "</p>"
        // Items of a feed come about every 40 minutes, newest first; feeds are offset from each other.
        let published = newestAt.addingTimeInterval(-Double(index) * 2_400 - Double(feed) * 7)
        // One item in ten is a story the previous feed carries too (same page, its link with a tracking
        // parameter): cross-feed duplicates, which lists show once (docs/cache-schema.md, "Stories").
        let link = index % 10 == 3 && feed > 1 ? "https://feed\(feed - 2).bench.example/\(index)?utm_source=feed\(feed)"
            : "https://feed\(feed - 1).bench.example/\(index)"
        return ItemRecord(stableID: "bench-\(feed)-\(index)", link: link,
                          title: title, author: "Author \(index % 17)", published: published, summaryHTML: summary)
    }

    static func hasArticle(feed: Int64, index: Int) -> Bool { (Int(feed) * 31 + index) % 20 == 0 }

    static func article(link: String, feed: Int64, index: Int) -> ArticleRecord {
        var rng = Random(state: UInt64(feed) &* 7_000_003 &+ UInt64(index) &+ 99)
        let text = self.text(&rng, bytes: 5_000)
        let json = ArticleDocumentCodec.encode(ArticleDocument(metadata: ArticleMetadata(title: "Article"), blocks: [.paragraph([.text(text)])]))
        return ArticleRecord(requestedURL: link, fetchedAt: BenchStore.now, title: "Article", documentJSON: json, plainText: text)
    }
}
