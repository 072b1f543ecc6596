import Foundation
import Logging
import TelexArticles
import TelexConfig
import TelexFeeds
import TelexModel
import TelexStore

/// The fetch pipeline: feeds due or selected → conditional GET → parse (one per core) → batched
/// writes; then article pages and their related stories (one hop) for offline reading.
public final class FetchService: Sendable {
    let store: Store
    let configuration: Configuration
    let http: any HTTPFetching
    let logger: Logger
    let cpu = AsyncSemaphore(permits: ProcessInfo.processInfo.activeProcessorCount)

    public init(store: Store, configuration: Configuration, http: any HTTPFetching, logger: Logger = Logger(label: "telex.fetch")) {
        self.store = store; self.configuration = configuration; self.http = http; self.logger = logger
    }

    /// The limits feeds.json's settings give (with optional overrides of jobs and per-host).
    public static func limits(_ settings: Settings, jobs: Int? = nil, perHost: Int? = nil) -> HTTPLimits {
        HTTPLimits(settings: settings, jobs: jobs, perHost: perHost)
    }

    /// Writes feeds.json's sections and feeds into the cache (the store keeps items of kept feeds).
    public func syncConfiguration() throws {
        try store.syncConfiguration(configuration.sections.map { section in
            SectionSpec(name: section.name, feeds: section.feeds.map { FeedSpec(url: $0.url, title: $0.title, enabled: $0.enabled) })
        })
    }

    /// Runs one pass. `report` gets each feed's outcome as it is written; `progress` a few times a second.
    public func runPass(_ options: PassOptions, report: @escaping @Sendable (FeedReport) -> Void = { _ in },
                        progress: @escaping @Sendable (FetchProgress, PassSummary) -> Void = { _, _ in }) async throws -> PassSummary {
        let started = Date()
        let now = started
        let configs = Dictionary(configuration.enabledFeeds.map { ($0.feed.url, $0.feed) }, uniquingKeysWith: { a, _ in a })
        let itemsBefore = (try? store.count(.all)) ?? 0
        var summary = PassSummary()
        var toFetch: [FeedFetchInfo] = []
        for info in try store.feedsForFetching() where Self.matches(info, options.selection) {
            guard configs[info.url] != nil else { continue }
            if info.gone {
                summary.feedsTotal += 1; summary.skipped += 1
                report(FeedReport(url: info.url, outcome: .skipped("410 Gone: no longer fetched (remove it from feeds.json)")))
                continue
            }
            if let due = info.nextDue, due > now {
                if !options.force { continue }
                if FeedStateRules.isRetryAfter(info) {
                    summary.feedsTotal += 1; summary.skipped += 1
                    report(FeedReport(url: info.url, outcome: .skipped("server asked to retry after \(HTTPDate.format(due))")))
                    continue
                }
            }
            toFetch.append(info)
        }
        summary.feedsTotal += toFetch.count
        let progressRow = ProgressThrottle(store: store)
        var live = FetchProgress(running: true, feedsDone: summary.skipped, feedsTotal: summary.feedsTotal)
        progressRow.update(live, force: true)
        progress(live, summary)

        let writer = BatchWriter(store: store)
        // The single writer bounds a pass; checkpoints run beside it (a failure to start them only costs speed).
        let checkpoints = try? store.startBackgroundCheckpoints()
        defer { checkpoints?.stop() }
        var articleJobs: [ArticleJob] = []
        let service = self
        // Hosts interleaved, so that the window of feeds in flight is not filled with feeds of one host
        // waiting for its per-host slots.
        let window = http.concurrency + ProcessInfo.processInfo.activeProcessorCount
        await forEachWindowed(FeedOrder.interleavingHosts(toFetch), window: window, work: { info in
            await service.fetchFeed(info, config: configs[info.url] ?? FeedConfig(url: info.url), options: options, now: now)
        }) { outcome in
            do {
                switch outcome {
                case .updated(let result, let jobs, let bytes, let warning):
                    try writer.add(result)
                    summary.ok += 1; summary.bytes += bytes
                    articleJobs += jobs
                    report(FeedReport(url: Self.configuredURL(result.feedID, toFetch), outcome: .updated(items: result.items.count), warning: warning))
                case .notModified(let state):
                    try writer.addNotModified(state)
                    summary.unchanged += 1
                    report(FeedReport(url: Self.configuredURL(state.feedID, toFetch), outcome: .unchanged))
                case .failed(let state, let message):
                    try writer.addFailure(state)
                    summary.failed += 1
                    live.lastError = message
                    report(FeedReport(url: Self.configuredURL(state.feedID, toFetch), outcome: .failed(message)))
                case .skipped(let url, let reason):
                    summary.skipped += 1
                    report(FeedReport(url: url, outcome: .skipped(reason)))
                }
            } catch {
                logger.error("cache write failed: \(error)")
                summary.failed += 1
            }
            live.feedsDone += 1
            live.failures = summary.failed
            progressRow.update(live)
            progress(live, summary)
        }
        try writer.flush()

        if options.articles, !articleJobs.isEmpty {
            var seen = Set<String>()
            let jobs = articleJobs.filter { seen.insert($0.url).inserted }
            let prefetch = configuration.settings.prefetchPerArticle
            let claims = PageClaims()
            jobs.forEach { _ = claims.claim($0.url) }
            // Tasks fetch and extract; this one consumer saves their records a few pages per transaction,
            // so no task blocks a cooperative thread waiting for the writer.
            var pendingRecords: [ArticleRecord] = []
            func savePending() {
                guard !pendingRecords.isEmpty else { return }
                do {
                    _ = try store.saveArticles(pendingRecords)
                    summary.articles += pendingRecords.count { $0.status != .failed }
                } catch {
                    logger.error("cache write failed: \(error)")
                    summary.articleFailures += pendingRecords.count { $0.status != .failed }
                }
                pendingRecords = []
            }
            await forEachWindowed(jobs, window: window, work: { job in
                Task.isCancelled ? ArticleOutcome() : await service.fetchArticle(job, prefetchRelated: prefetch, claims: claims)
            }) { outcome in
                pendingRecords += outcome.records
                summary.articleFailures += outcome.failed
                summary.bytes += outcome.bytes
                if pendingRecords.count >= Self.articlesPerTransaction { savePending() }
                live.articles = summary.articles
                progressRow.update(live)
                progress(live, summary)
            }
            savePending()
        }
        summary.newItems = max(0, ((try? store.count(.all)) ?? itemsBefore) - itemsBefore)
        summary.seconds = Date().timeIntervalSince(started)
        live.running = false
        progressRow.update(live, force: true)
        progress(live, summary)
        return summary
    }

    /// Article pages per write transaction: ~10-30 ms each (the page, its links, its items' search rows).
    static let articlesPerTransaction = 8

    static func matches(_ info: FeedFetchInfo, _ selection: FeedSelection) -> Bool {
        switch selection {
        case .all: true
        case .section(let name): info.section.caseInsensitiveCompare(name) == .orderedSame
        case .feeds(let urls): urls.contains(info.url) || urls.contains(where: { FeedURLMatch.same($0, info.url) })
        case .ids(let ids): ids.contains(info.id)
        }
    }

    static func configuredURL(_ id: FeedID, _ feeds: [FeedFetchInfo]) -> String {
        feeds.first(where: { $0.id == id })?.url ?? "\(id)"
    }
}

/// Loose URL equality for `--feed` (trailing slash, scheme case).
enum FeedURLMatch {
    static func same(_ a: String, _ b: String) -> Bool {
        func norm(_ s: String) -> String {
            var t = s.trimmingCharacters(in: .whitespaces).lowercased()
            while t.hasSuffix("/") { t.removeLast() }
            return t
        }
        return norm(a) == norm(b)
    }
}

/// Throttles writes of the single progress row to a few per second.
final class ProgressThrottle: @unchecked Sendable {
    private let store: Store
    private var last = Date.distantPast
    init(store: Store) { self.store = store }
    func update(_ progress: FetchProgress, force: Bool = false) {
        let now = Date()
        guard force || now.timeIntervalSince(last) >= 0.25 else { return }
        last = now
        try? store.setFetchProgress(progress)
    }
}
