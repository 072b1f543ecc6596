import Foundation
import Logging
import TelexArticles
import TelexConfig
import TelexFeeds
import TelexModel
import TelexStore

/// The fetch pipeline: feeds due or selected → conditional GET → parse (one per core) → batched
/// writes; then article pages of each feed's newest items and their related stories (one hop) for
/// offline reading; then retention. The clock, the HTTP client and the store are injected.
public final class FetchService: Sendable {
    let store: Store
    public let configuration: Configuration
    let http: any HTTPFetching
    let logger: Logger
    let clock: any FetchClock
    let jitter: Jitter
    let cpu = AsyncSemaphore(permits: ProcessInfo.processInfo.activeProcessorCount)
    /// settings `notify`: the program run after a pass that brought new items.
    public let notifier: PassNotifier?

    public init(store: Store, configuration: Configuration, http: any HTTPFetching, clock: any FetchClock = SystemClock(),
                jitter: Jitter = Jitter(), logger: Logger = Logger(label: "telex.fetch")) {
        self.store = store; self.configuration = configuration; self.http = http; self.clock = clock
        self.jitter = jitter; self.logger = logger
        notifier = PassNotifier(argv: configuration.settings.notify)
    }

    /// The limits feeds.json's settings give (with optional overrides of jobs and per-host).
    public static func limits(_ settings: Settings, jobs: Int? = nil, perHost: Int? = nil) -> HTTPLimits {
        HTTPLimits(settings: settings, jobs: jobs, perHost: perHost)
    }

    /// The live HTTP client for these settings: the one place the programs make one.
    public static func liveHTTP(_ settings: Settings, jobs: Int? = nil, perHost: Int? = nil) -> any HTTPFetching {
        CurlFetcher(limits: limits(settings, jobs: jobs, perHost: perHost))
    }

    /// Writes feeds.json's sections and feeds into the cache (the store keeps items of kept feeds).
    public func syncConfiguration() throws {
        try store.syncConfiguration(configuration.sections.map { section in
            SectionSpec(name: section.name, feeds: section.feeds.map {
                FeedSpec(url: $0.url, title: $0.title, enabled: $0.enabled, hide: configuration.hideQuery(for: $0),
                         dropHidden: $0.hidden == .drop)
            })
        }, queries: configuration.queries.map { QuerySpec(name: $0.name, query: $0.query) })
    }

    /// The newest items of a feed looked at for article pages (those without one, or whose retry is due).
    static let articleCandidateWindow = 200
    /// Article pages per write transaction: ~10-30 ms each (the page, its links, its items' search rows).
    static let articlesPerTransaction = 8
    /// Items per index transaction while a pass writes beside it: ~20 ms, the longest a commit of the pass waits.
    static let indexBatchDuringPass = 100
    /// How long a finished feed's items may wait for their batch to fill before they are committed.
    static let commitDelay = 1.0

    /// Runs one pass. `emit` gets the progress (throttled) and each feed's outcome once committed;
    /// `status` publishes the progress for other processes, `request` is the fetch request the pass answers.
    /// Cancelling the task stops requests in flight; what finished is written. Throws `PassWriteError` when
    /// the cache cannot be written (the pass stops there).
    @discardableResult
    public func runPass(_ options: PassOptions, status: FetchStatusFile? = nil, answering request: Int64 = 0,
                        emit: @escaping @Sendable (PassEvent) -> Void = { _ in }) async throws -> FetchProgress {
        let wallStart = Date()
        let now = clock.now
        let configs = Dictionary(configuration.enabledFeeds.map { ($0.feed.url, $0.feed) }, uniquingKeysWith: { a, _ in a })
        var live = FetchProgress(running: true)
        var skippedReports: [FeedReport] = []
        var toFetch: [FeedFetchInfo] = []
        for info in try store.feedsForFetching() where Self.matches(info, options.selection) {
            guard configs[info.url] != nil else { continue }
            if info.gone {
                skippedReports.append(FeedReport(url: info.url, outcome: .skipped("410 Gone: no longer fetched (remove it from feeds.json)")))
                continue
            }
            if !options.force, (info.nextDue ?? .distantPast) > now { continue }
            if FeedStateRules.mustWait(info, now: now), let until = info.retryAfter {
                skippedReports.append(FeedReport(url: info.url, outcome: .skipped("server asked to retry after \(HTTPDate.format(until))")))
                continue
            }
            toFetch.append(info)
        }
        live.feedsTotal = toFetch.count + skippedReports.count
        live.feedsDone = skippedReports.count
        live.skipped = skippedReports.count
        status?.begin(live, started: now, answering: request)
        emit(.progress(live))
        skippedReports.forEach { emit(.feed($0)) }

        var lastEmit = Date()
        func publish(force: Bool = false) {
            status?.update(live)
            let wall = Date()
            if force || wall.timeIntervalSince(lastEmit) >= 0.1 { lastEmit = wall; emit(.progress(live)) }
        }

        // The single writer bounds a pass; checkpoints run beside it (a failure to start them only costs speed).
        let checkpoints = try? store.startBackgroundCheckpoints()
        defer { checkpoints?.stop() }
        // What the pass queues for search (the items of the pages it saves; every item of a queuing pass) is
        // indexed on another thread while it runs; the caller indexes what is left when the pass ends.
        let logger = self.logger
        let indexer = options.indexAlongside
            ? BackgroundIndexer(store: store, batch: Self.indexBatchDuringPass, pause: 0, idle: 0.02) { error in
                logger.warning("search indexing during the pass stopped (the items stay queued): \(error)")
            }
            : nil
        defer { indexer?.stop() }
        let writer = BatchWriter(store: store, clock: clock, maxDelay: Self.commitDelay, indexing: options.searchIndexing)
        var writeFailure: StoreError?
        var succeeded: [(info: FeedFetchInfo, privatePages: Bool)] = []
        let byID = Dictionary(toFetch.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        func absorb(_ commit: BatchWriter.Commit?) {
            guard let commit else { return }
            live.newItems += commit.newItems
            for report in commit.reports {
                switch report.outcome {
                case .updated: live.ok += 1
                case .unchanged: live.unchanged += 1
                case .failed(let message): live.failed += 1; live.lastError = message
                case .skipped: live.skipped += 1
                }
                live.feedsDone += 1
                emit(.feed(report))
            }
            publish()
        }
        func failWrite(_ error: StoreError, _ reports: [FeedReport]) {
            // Logged once: every later write would fail the same way (a full disk).
            if writeFailure == nil { logger.error("cache write failed, the pass stops: \(error)") }
            writeFailure = writeFailure ?? error
            let message = "cache write failed: \(error)"
            for report in reports {
                live.failed += 1; live.feedsDone += 1; live.lastError = message
                emit(.feed(FeedReport(url: report.url, outcome: .failed(message))))
            }
            publish()
        }
        func write(_ body: () throws(BatchWriter.Failure) -> BatchWriter.Commit?) {
            do { absorb(try body()) } catch { failWrite(error.error, error.reports) }
        }

        let service = self
        // Hosts interleaved, so that the window of feeds in flight is not filled with feeds of one host
        // waiting for its per-host slots.
        let window = http.concurrency + ProcessInfo.processInfo.activeProcessorCount
        await forEachWindowed(HostInterleaving.feeds(toFetch), window: window, ticker: (clock, Self.commitDelay),
                              stop: { writeFailure != nil }, work: { info in
            let config = configs[info.url] ?? FeedConfig(url: info.url)
            return await service.fetchFeed(info, config: config, articles: options.articles,
                                           pagesAhead: service.pagesAhead(config, options), now: now)
        }, consume: { outcome in
            if let writeFailure {
                if case .skipped = outcome { return }
                failWrite(writeFailure, [FeedReport(url: Self.configuredURL(outcome, byID), outcome: .unchanged)])
                return
            }
            switch outcome {
            case .updated(let result, let bytes, let warning, let privatePages):
                live.bytes += bytes
                if let info = byID[result.feedID] { succeeded.append((info, privatePages)) }
                write { () throws(BatchWriter.Failure) in
                    try writer.add(result, report: FeedReport(url: Self.configuredURL(outcome, byID), outcome: .updated(items: result.items.count),
                                                              warning: warning))
                }
            case .notModified(let state, let privatePages):
                if let info = byID[state.feedID] { succeeded.append((info, privatePages)) }
                write { () throws(BatchWriter.Failure) in try writer.add(state, report: FeedReport(url: Self.configuredURL(outcome, byID), outcome: .unchanged)) }
            case .failed(let state, let message):
                write { () throws(BatchWriter.Failure) in
                    try writer.add(state, report: FeedReport(url: Self.configuredURL(outcome, byID), outcome: .failed(message)))
                }
            case .skipped(let url, let reason):
                live.skipped += 1; live.feedsDone += 1
                emit(.feed(FeedReport(url: url, outcome: .skipped(reason))))
                publish()
            }
        }, tick: {
            write { () throws(BatchWriter.Failure) in try writer.flushIfDue() }
        })
        write { () throws(BatchWriter.Failure) in try writer.flush() }

        if options.articles, writeFailure == nil, !Task.isCancelled {
            var sources = succeeded.map { ArticleSource(id: $0.info.id, mode: configs[$0.info.url]?.article ?? .auto, privatePages: $0.privatePages) }
            if options.includesAccountPages { sources += accountSources() }
            let jobs = articleJobs(for: sources, options: options, now: now)
            let prefetch = configuration.settings.prefetchPerArticle
            let claims = PageClaims()
            jobs.forEach { _ = claims.claim($0.url) }
            // Tasks fetch and extract; this one consumer saves their records a few pages per transaction
            // (and at least once a second), so no task blocks a cooperative thread waiting for the writer.
            var pendingRecords: [ArticleRecord] = []
            func savePending() {
                guard !pendingRecords.isEmpty, writeFailure == nil else { return }
                do {
                    _ = try store.saveArticles(pendingRecords)
                    live.articles += pendingRecords.count { !$0.status.isFailure }
                } catch {
                    if writeFailure == nil { logger.error("cache write failed, the pass stops: \(error)") }
                    writeFailure = writeFailure ?? (error as? StoreError ?? .database(path: store.path, detail: "\(error)"))
                    live.articleFailures += pendingRecords.count { !$0.status.isFailure }
                }
                pendingRecords = []
                publish()
            }
            await forEachWindowed(HostInterleaving.articles(jobs), window: window, ticker: (clock, Self.commitDelay),
                                  stop: { writeFailure != nil }, work: { job in
                await service.fetchArticle(job, prefetchRelated: prefetch, claims: claims, now: now)
            }, consume: { outcome in
                pendingRecords += outcome.records
                live.articleFailures += outcome.failed
                live.bytes += outcome.bytes
                if pendingRecords.count >= Self.articlesPerTransaction { savePending() } else { publish() }
            }, tick: savePending)
            savePending()
        }
        // A stopped pass (SIGTERM) ends now: retention waits for the next one.
        if options.maintenance, writeFailure == nil, !Task.isCancelled {
            maintain(now: clock.now)
        }
        live.running = false
        live.seconds = Date().timeIntervalSince(wallStart)
        status?.finish(live, complete: !Task.isCancelled)
        if live.newItems > 0, let notifier {
            let titles = (try? store.titlesFirstSeen(feeds: succeeded.map(\.info.id), since: now, limit: PassNotifier.maxTitles)) ?? []
            if let problem = notifier.notify(newItems: live.newItems, titles: titles) { logger.warning("\(problem)") }
        }
        emit(.progress(live))
        if let writeFailure { throw PassWriteError(error: "\(writeFailure)", progress: live) }
        return live
    }

    /// Retention and a checkpoint after a pass (bounded work; failures are logged, not fatal).
    func maintain(now: Date) {
        do {
            let pruned = try store.prune(retentionDays: configuration.settings.retentionDays, now: now)
            if pruned.items > 0 || pruned.articles > 0 {
                let more = pruned.more ? " (more next pass)" : ""
                logger.info("retention: removed \(pruned.items) items and \(pruned.articles) article pages\(more)")
            }
        } catch {
            logger.error("retention failed: \(error)")
        }
        try? store.checkpoint()
    }

    /// A feed whose items' pages a pass fetches.
    struct ArticleSource {
        var id: FeedID
        var mode: ArticleMode
        /// Whether its pages may be on private or loopback addresses.
        var privatePages: Bool
    }

    /// The accounts' feeds as article sources (`article: auto`). The server fetched the feed, not telex,
    /// so where it answered from is unknown: its pages may be private only when the feed's own address
    /// is (a loopback or private IP literal, or `localhost`), as the user who subscribed a private feed
    /// on their own server meant; a public feed's pages never reach a private address.
    func accountSources() -> [ArticleSource] {
        do {
            return try store.accountFeedsForArticles().map { feed in
                let host = URLComponents(string: feed.remoteURL)?.host.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) } ?? ""
                let privateFeed = AddressPolicy.isLocalName(host) || IPAddress(host).map(AddressPolicy.isInPrivateRange) == true
                return ArticleSource(id: feed.id, mode: .auto, privatePages: privateFeed)
            }
        } catch {
            logger.error("cannot read the accounts' feeds: \(error)")
            return []
        }
    }

    /// The article pages of this pass: for each feed that answered (and the accounts' feeds), its newest
    /// items without a page (or whose failed fetch is due again), up to `articles_per_feed`, whatever
    /// their age; interleaved by host. A URL is fetched once however many feeds carry it.
    func articleJobs(for sources: [ArticleSource], options: PassOptions, now: Date) -> [ArticleJob] {
        let perFeed = configuration.settings.articlesPerFeed
        var jobs: [ArticleJob] = []
        var seen = Set<String>()
        for source in sources {
            let mode = source.mode, privatePages = source.privatePages
            guard mode != .never, perFeed > 0 else { continue }
            let candidates: [ArticleCandidate]
            do {
                candidates = try store.articleCandidates(feed: source.id, window: Self.articleCandidateWindow, now: now)
            } catch {
                logger.error("cannot read the items of feed \(source.id): \(error)")
                continue
            }
            var taken = 0
            for candidate in candidates where taken < perFeed {
                guard WebURL.isHTTP(candidate.url) else { continue }
                if mode == .auto, !FeedText.isSummary(length: candidate.feedTextLength, threshold: options.shortContentCharacters) { continue }
                guard seen.insert(URLNormalizer.normalize(candidate.url)).inserted else { continue }
                jobs.append(ArticleJob(url: candidate.url, allowPrivateAddresses: privatePages, attempts: candidate.attempts))
                taken += 1
            }
        }
        return jobs
    }

    /// The pages `articleJobs` will take from a feed's items, as the writer needs to know them (`PagesAhead`).
    func pagesAhead(_ config: FeedConfig, _ options: PassOptions) -> PagesAhead? {
        guard options.articles, config.article != .never else { return nil }
        return PagesAhead(always: config.article == .always, perFeed: configuration.settings.articlesPerFeed,
                          summaryBelow: options.shortContentCharacters)
    }

    static func matches(_ info: FeedFetchInfo, _ selection: FeedSelection) -> Bool {
        switch selection {
        case .all: true
        case .section(let name): info.section.caseInsensitiveCompare(name) == .orderedSame
        case .feeds(let urls): urls.contains(info.url) || urls.contains(where: { FeedURLMatch.same($0, info.url) })
        case .ids(let ids): ids.contains(info.id)
        }
    }

    static func configuredURL(_ outcome: FeedOutcome, _ feeds: [FeedID: FeedFetchInfo]) -> String {
        let id: FeedID
        switch outcome {
        case .updated(let result, _, _, _): id = result.feedID
        case .notModified(let state, _), .failed(let state, _): id = state.feedID
        case .skipped(let url, _): return url
        }
        return feeds[id]?.url ?? "\(id)"
    }
}

/// Loose URL equality for `--feed` (trailing slash, scheme case).
public enum FeedURLMatch {
    public static func same(_ a: String, _ b: String) -> Bool {
        func norm(_ s: String) -> String {
            var t = s.trimmingCharacters(in: .whitespaces).lowercased()
            while t.hasSuffix("/") { t.removeLast() }
            return t
        }
        return norm(a) == norm(b)
    }
}

/// The http(s) test the pipeline applies to links.
enum WebURL {
    static func isHTTP(_ url: String) -> Bool {
        let lower = url.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}
