import Foundation
import Logging
@testable import TelexFetch
import TelexConfig
import TelexModel
import TelexStore
import TelexTestServer
import TelexTestSupport

/// A clock that moves only when the test says: due times, backoff and batch commits without waiting.
final class ManualClock: FetchClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var sleepers: [(deadline: Date, id: UUID, continuation: CheckedContinuation<Void, Error>)] = []

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    var now: Date { lock.withLock { current } }

    /// How many tasks sleep on this clock now.
    var sleeping: Int { lock.withLock { sleepers.count } }

    func sleep(for seconds: Double) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                lock.lock()
                if Task.isCancelled {
                    lock.unlock()
                    continuation.resume(throwing: CancellationError())
                    return
                }
                sleepers.append((current.addingTimeInterval(seconds), id, continuation))
                lock.unlock()
            }
        } onCancel: {
            lock.lock()
            let index = sleepers.firstIndex { $0.id == id }
            let sleeper = index.map { sleepers.remove(at: $0) }
            lock.unlock()
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock on and wakes the sleepers whose time has come.
    func advance(by seconds: Double) {
        lock.lock()
        current = current.addingTimeInterval(seconds)
        let due = sleepers.filter { $0.deadline <= current }
        sleepers.removeAll { $0.deadline <= current }
        lock.unlock()
        due.forEach { $0.continuation.resume() }
    }

    func set(_ date: Date) { advance(by: date.timeIntervalSince(now)) }
}

/// Collects what the tests look at, from any task.
final class Recorder<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func append(_ item: T) { lock.withLock { items.append(item) } }
    var all: [T] { lock.withLock { items } }
}

/// Counts log messages by level (the full-disk error must be logged once).
struct CountingLogHandler: LogHandler {
    let recorder: Recorder<(Logger.Level, String)>
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        recorder.append((event.level, "\(event.message)"))
    }
}

/// The fetch pipeline against the fixture server on 127.0.0.1 and a real cache in a temporary directory.
final class PipelineHarness: @unchecked Sendable {
    let server: FixtureServer
    private(set) var base: URL
    let store: Store
    let directory: URL
    var config: Configuration
    let clock: any FetchClock
    let reports = Recorder<FeedReport>()
    let logs = Recorder<(Logger.Level, String)>()

    init(routes: [String: FixtureRoute] = [:], server: FixtureServer? = nil, feeds: [String], article: ArticleMode = .never,
         clock: any FetchClock = SystemClock(), settings: (inout Settings) -> Void = { _ in }) async throws {
        let server = server ?? FixtureServer(routes: routes)
        let base = try await server.start()
        self.base = base
        self.server = server
        directory = try Fixtures.temporaryDirectory("telex-fetch")
        store = try Store.open(directory: directory.path)
        self.clock = clock
        var s = Settings()
        s.timeout = 5
        settings(&s)
        config = Configuration(settings: s, sections: [SectionConfig(name: "News", feeds: feeds.map {
            FeedConfig(url: base.absoluteString + $0, article: article)
        })], source: "test")
    }

    func url(_ path: String) -> String { base.absoluteString + path }

    var cacheDirectory: String { directory.path }

    /// The service with the live client for the configuration's settings, or `http` (small limits, an
    /// injected resolver).
    func service(http: (any HTTPFetching)? = nil) -> FetchService {
        var logger = Logger(label: "test") { _ in CountingLogHandler(recorder: self.logs) }
        logger.logLevel = .trace
        return FetchService(store: store, configuration: config, http: http ?? FetchService.liveHTTP(config.settings), clock: clock,
                            jitter: .none, logger: logger)
    }

    @discardableResult
    func pass(articles: Bool = false, force: Bool = true, maintenance: Bool = false, http: (any HTTPFetching)? = nil,
              indexing: SearchIndexing = .queued, indexAlongside: Bool = false,
              events: (@Sendable (PassEvent) -> Void)? = nil) async throws -> FetchProgress {
        let service = service(http: http)
        try service.syncConfiguration()
        var options = PassOptions(force: force, articles: articles)
        options.maintenance = maintenance
        options.searchIndexing = indexing
        options.indexAlongside = indexAlongside
        return try await service.runPass(options) { [reports] event in
            if case .feed(let report) = event { reports.append(report) }
            events?(event)
        }
    }

    func info(_ path: String) throws -> FeedFetchInfo? { try store.feedsForFetching().first { $0.url == url(path) } }

    /// Restarts the server on the same port (a test stops it to prove pages read offline).
    func restart() async throws {
        let port = UInt16(base.port ?? 0)
        base = try await server.start(port: port)
    }

    func close() async {
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Waits (polling every 10 ms, up to a minute) until `condition` holds: for events a test cannot await.
func eventually(_ what: String, _ condition: () throws -> Bool) async throws {
    for _ in 0..<6_000 {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    throw WaitError(what: what)
}

struct WaitError: Error, CustomStringConvertible {
    var what: String
    var description: String { "never happened: \(what)" }
}
