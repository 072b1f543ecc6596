import ArgumentParser
import Foundation
import Logging
import TelexConfig
import TelexFetch
import TelexModel
import TelexStore
import TelexTestServer

/// `scripts/bench/retention.sh` drives this: many simulated days of a daemon's life. Each day the
/// fixture site publishes new items (with article pages), one pass fetches them on a simulated clock
/// (retention runs after it), and the simulated user reads everything. Prints the cache's size on disk
/// every `--every` days: with retention wired, it stops growing once the first items are older than
/// `retention_days`.
/// It lives in telex-fixture-server because it changes the site's feeds from one simulated day to the
/// next, in the server's own process.
struct BenchRetention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-retention", abstract: "Cache size over simulated days (retention; scripts/bench/retention.sh).")

    @Option(help: "The cache directory (created; removed first).") var dir: String
    @Option(help: "Simulated days.") var days = 120
    @Option(help: "Feeds.") var feeds = 10
    @Option(help: "New items per feed and day.") var items = 10
    @Option(name: .customLong("retention-days"), help: "settings.retention_days.") var retentionDays = 30
    @Option(help: "Print the size every N days.") var every = 10
    @Flag(name: .customLong("no-prune"), help: "Skip retention (the growth it prevents).") var noPrune = false

    /// A clock the benchmark moves a day at a time.
    final class SimulatedClock: FetchClock, @unchecked Sendable {
        private let lock = NSLock()
        private var current: Date
        init(_ start: Date) { current = start }
        var now: Date { lock.withLock { current } }
        func advance(days: Int) { lock.withLock { current = current.addingTimeInterval(Double(days) * 86_400) } }
        func sleep(for seconds: Double) async throws { try await Task.sleep(for: .milliseconds(Int(seconds * 1000))) }
    }

    func run() async throws {
        try? FileManager.default.removeItem(atPath: dir)
        let server = FixtureServer()
        let base = try await server.start().absoluteString
        // Article pages (and their related stories) on demand, as the fetch benchmark's site serves them.
        BenchmarkSite.install(on: server, feeds: 0, items: 0)
        var settings = Settings()
        settings.retentionDays = retentionDays
        settings.articlesPerFeed = items
        settings.prefetchPerArticle = 1
        settings.jobs = 16
        settings.perHost = 16
        let config = Configuration(settings: settings, sections: [SectionConfig(name: "Bench", feeds: (0..<feeds).map {
            FeedConfig(url: "\(base)/feeds/\($0).xml", article: .always)
        })], source: "bench")
        let store = try Store.open(directory: dir)
        let clock = SimulatedClock(Date(timeIntervalSince1970: 1_760_000_000))
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let service = FetchService(store: store, configuration: config, http: FetchService.liveHTTP(settings), clock: clock,
                                   logger: logger)
        try service.syncConfiguration()
        var options = PassOptions(selection: .all, force: true, articles: true)
        options.maintenance = !noPrune
        print("\(days) simulated days: \(feeds) feeds x \(items) new items a day with their pages, all read the same day; "
              + "retention_days \(retentionDays)\(noPrune ? " (retention off)" : "")")
        var sizes: [(Int, Int)] = []
        for day in 0..<days {
            for f in 0..<feeds { server.setRoute("/feeds/\(f).xml", .resource(Self.feed(f, day: day, items: items, base: base, now: clock.now))) }
            let pass = options
            _ = try await service.runPass(pass)
            _ = try store.markAllRead(.all)
            if noPrune { try store.checkpoint() }
            if (day + 1) % every == 0 {
                let size = Self.size(dir)
                sizes.append((day + 1, size))
                print(String(format: "  day %4d: %7.2f MB on disk, %6d items, %6d unread", day + 1, Double(size) / 1_048_576,
                             try store.count(.all), try store.count(.unread)))
            }
            clock.advance(days: 1)
        }
        // Flat: the last size against the size one retention period after the start (plus its settling).
        if let plateau = sizes.first(where: { $0.0 >= retentionDays + every }), let last = sizes.last, plateau.0 < last.0 {
            print(String(format: "  growth from day %d to day %d: %+.1f%% (bound: under +10%% with retention)", plateau.0, last.0,
                         100 * (Double(last.1) / Double(plateau.1) - 1)))
        }
        await server.stop()
    }

    static func feed(_ f: Int, day: Int, items: Int, base: String, now: Date) -> FixtureResource {
        let df = DateFormatter()
        df.locale = Locale(identifier: "en_US_POSIX"); df.timeZone = TimeZone(identifier: "GMT")
        df.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var out = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed \(f)</title>\n"
        for i in 0..<items {
            let link = "\(base)/a/\(day)-\(f)/\(i).html"
            out += "<item><title>Day \(day) feed \(f) story \(i)</title><link>\(link)</link><guid>\(link)</guid>"
                + "<pubDate>\(df.string(from: now.addingTimeInterval(Double(-i * 600))))</pubDate>"
                + "<description>A short summary of story \(i) of day \(day).</description></item>\n"
        }
        return FixtureResource(text: out + "</channel></rss>\n", contentType: "application/rss+xml", etag: "\"\(f)-\(day)\"")
    }

    /// Bytes on disk of the cache files.
    static func size(_ dir: String) -> Int {
        ["cache.sqlite", "cache.sqlite-wal"].reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.size] as? Int) ?? 0)
        }
    }
}
