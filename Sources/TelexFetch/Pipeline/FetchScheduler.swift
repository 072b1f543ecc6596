import Foundation
import Logging
import TelexConfig
import TelexModel
import TelexStore

/// The daemon's loop (`telex serve`): fetch each feed when it is due, answer fetch requests left in the
/// cache, follow feeds.json, and sleep in between. The clock, the HTTP client and the store are injected,
/// so tests drive it with a manual clock. Hold the fetch lock (role `.serve`) while it runs.
public final class FetchScheduler: @unchecked Sendable {
    public struct Options: Sendable {
        public var jobs: Int?
        public var perHost: Int?
        public var articles: Bool
        public init(jobs: Int? = nil, perHost: Int? = nil, articles: Bool = true) {
            self.jobs = jobs; self.perHost = perHost; self.articles = articles
        }
    }

    /// The longest sleep between two looks at the schedule.
    public static let maxSleep = 60.0
    /// How often a sleeping daemon looks for requests, signals and changes of feeds.json.
    public static let pollInterval = 1.0

    private let store: Store
    private let status: FetchStatusFile
    private let options: Options
    private let makeHTTP: @Sendable (Settings) -> any HTTPFetching
    private let clock: any FetchClock
    private let jitter: Jitter
    private let logger: Logger
    // Touched only by the task running `step` / `run`.
    private var watch: ConfigurationWatch
    private var service: FetchService
    private var pendingRequests: [FetchRequest] = []

    public init(store: Store, cacheDirectory: String, configuration: ConfigurationWatch, options: Options = Options(),
                makeHTTP: @escaping @Sendable (Settings) -> any HTTPFetching, clock: any FetchClock = SystemClock(),
                jitter: Jitter = Jitter(), logger: Logger = Logger(label: "telex.serve")) throws {
        self.store = store; self.options = options; self.makeHTTP = makeHTTP; self.clock = clock
        self.jitter = jitter; self.logger = logger; watch = configuration
        status = FetchStatusFile(cacheDirectory: cacheDirectory, role: .serve)
        service = FetchService(store: store, configuration: configuration.current,
                               http: makeHTTP(Self.settings(configuration.current.settings, options)),
                               clock: clock, jitter: jitter, logger: logger)
        try service.syncConfiguration()
    }

    /// The configuration in force.
    public var configuration: Configuration { watch.current }

    /// One turn: applies a changed feeds.json (or reloads it when `reload`), takes the fetch requests, and
    /// runs a pass when some are pending or feeds are due. Returns when the next feed is due (nil: none is).
    @discardableResult
    public func step(reload: Bool = false) async throws -> Date? {
        followConfiguration(force: reload)
        let requests = pendingRequests + (try store.takeFetchRequests())
        pendingRequests = []
        let now = clock.now
        let due = try store.feedsForFetching().contains { !$0.gone && ($0.nextDue ?? .distantPast) <= now }
        if !requests.isEmpty || due {
            var pass = PassOptions(selection: .all, force: false, articles: options.articles)
            if !requests.isEmpty {
                pass.force = requests.contains { $0.force }
                if requests.allSatisfy({ $0.feeds != nil }) {
                    var ids: [FeedID] = []
                    for id in requests.flatMap({ $0.feeds ?? [] }) where !ids.contains(id) { ids.append(id) }
                    pass.selection = .ids(ids)
                }
                logger.info("fetch requested by \(Set(requests.map(\.origin)).sorted().joined(separator: ", "))")
            }
            let logger = self.logger
            do {
                let summary = try await service.runPass(pass, status: status, answering: requests.map(\.id).max() ?? 0) { event in
                    if case .feed(let report) = event { Self.log(report, logger) }
                }
                logger.notice("\(PassSummaryText.line(summary))")
            } catch let failure as PassWriteError {
                logger.error("\(failure) (after \(PassSummaryText.line(failure.progress)))")
            }
        }
        return try store.feedsForFetching().compactMap { $0.gone ? nil : $0.nextDue }.min()
    }

    /// Runs until the task is cancelled (SIGTERM: requests in flight stop, what finished is written).
    /// `reloadRequested` is asked each second and says whether feeds.json must be reloaded (SIGHUP).
    public func run(reloadRequested: @escaping @Sendable () -> Bool = { false }) async {
        var reload = false
        while !Task.isCancelled {
            var next: Date?
            do {
                next = try await step(reload: reload || reloadRequested())
            } catch {
                logger.error("\(error)")
            }
            reload = false
            if Task.isCancelled { break }
            let start = clock.now
            let wake = min(next ?? start.addingTimeInterval(Self.maxSleep), start.addingTimeInterval(Self.maxSleep))
            // Sleep until then, waking each second for requests, signals and changes of feeds.json; the search
            // index catches up first, a batch at a time (docs/fetch.md, "Search index").
            while !Task.isCancelled, clock.now < wake {
                if indexSomePending() { await Task.yield() } else {
                    try? await clock.sleep(for: min(Self.pollInterval, wake.timeIntervalSince(clock.now)))
                }
                if reloadRequested() { reload = true; break }
                if followConfiguration(force: false) { break }
                if let taken = try? store.takeFetchRequests(), !taken.isEmpty { pendingRequests += taken; break }
            }
        }
        logger.info("telex serve stopping")
    }

    /// Indexes queued items for about a poll interval; true when it did some (more may wait).
    private func indexSomePending() -> Bool {
        let start = Date()
        var indexed = 0
        do {
            while Date().timeIntervalSince(start) < Self.pollInterval {
                let taken = try store.indexPending()
                if taken == 0 { break }
                indexed += taken
            }
        } catch {
            logger.error("search indexing failed: \(error)")
            return false
        }
        if indexed > 0 { logger.debug("indexed \(indexed) items for search") }
        return indexed > 0
    }

    /// Applies feeds.json when it changed (or when `force`); true when a new configuration is in force.
    @discardableResult
    private func followConfiguration(force: Bool) -> Bool {
        guard let change = force ? watch.reload() : watch.check() else { return false }
        switch change {
        case .reloaded(let configuration):
            do {
                service = FetchService(store: store, configuration: configuration,
                                       http: makeHTTP(Self.settings(configuration.settings, options)),
                                       clock: clock, jitter: jitter, logger: logger)
                try service.syncConfiguration()
                logger.notice("reloaded \(configuration.source): \(configuration.enabledFeeds.count) feeds")
                return true
            } catch {
                logger.error("cannot apply \(configuration.source): \(error)")
                return false
            }
        case .rejected(let error):
            logger.error("kept the previous feeds.json: \(error)")
            return false
        }
    }

    private static func settings(_ settings: Settings, _ options: Options) -> Settings {
        var s = settings
        if let jobs = options.jobs { s.jobs = jobs }
        if let perHost = options.perHost { s.perHost = perHost }
        return s
    }

    static func log(_ report: FeedReport, _ logger: Logger) {
        switch report.outcome {
        case .updated(let items): logger.info("ok \(report.url) (\(items) items)")
        case .unchanged: logger.debug("unchanged \(report.url)")
        case .failed(let message): logger.warning("failed \(report.url): \(message)")
        case .skipped(let reason): logger.info("skipped \(report.url): \(reason)")
        }
    }
}
