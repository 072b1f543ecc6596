import ArgumentParser
import Dispatch
import Foundation
import Logging
import TelexConfig
import TelexFetch
import TelexModel
import TelexStore

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the fetch daemon: fetch each feed when due, answer fetch requests, until stopped.",
        discussion: """
        One instance per cache (an flock on <cache>/fetch.lock holding the PID); a second one says who holds it. \
        SIGTERM/SIGINT finish the current writes and exit; SIGHUP reloads feeds.json. Logs to stderr and --log FILE. \
        See docs/fetch.md for systemd and cron.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Also append the log to this file.", valueName: "file"))
    var log: String?

    @OptionGroup var fetching: FetchOptions

    func run() throws {
        let initialConfig = try global.loadConfiguration()
        let cache = global.cacheDirectory
        let lock: FetchLock
        do {
            switch try FetchLock.acquire(cacheDirectory: cache) {
            case .acquired(let l): lock = l
            case .heldBy(let pid):
                Output.error("the cache \(cache) is already being fetched by " + (pid.map { "pid \($0)" } ?? "another process")
                             + " (see \(FetchLock.path(cacheDirectory: cache)))")
                throw ExitCode(ExitStatus.runtime)
            }
        } catch let exit as ExitCode { throw exit } catch {
            Output.error("cannot use the cache at \(cache): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        defer { lock.release() }
        let logPath = log
        LoggingSystem.bootstrap { label in
            var handlers: [LogHandler] = [StreamLogHandler.standardError(label: label)]
            if let logPath, let file = FileLogHandler(label: label, path: logPath) { handlers.append(file) }
            return MultiplexLogHandler(handlers)
        }
        let logger = Logger(label: "telex.serve")
        let store: Store
        do { store = try Store.open(directory: cache) } catch {
            logger.critical("cannot open the cache at \(cache): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        let signals = SignalFlags()
        let explicitConfig = global.config
        let paths = global.paths
        let (jobs, perHost, articles) = (fetching.jobs, fetching.perHost, !fetching.noArticles)
        logger.info("telex serve \(TelexVersion.string) started (pid \(getpid()), cache \(cache), \(initialConfig.enabledFeeds.count) feeds)")
        try AsyncBridge.run {
            var config = initialConfig
            var service = Self.makeService(store: store, config: config, jobs: jobs, perHost: perHost, logger: logger)
            try service.syncConfiguration()
            var pendingRequests: [TelexStore.FetchRequest] = []
            while !signals.stopping {
                if signals.takeReload() {
                    do {
                        config = try ConfigurationLoader.load(explicitPath: explicitConfig, paths: paths)
                        service = Self.makeService(store: store, config: config, jobs: jobs, perHost: perHost, logger: logger)
                        try service.syncConfiguration()
                        logger.notice("reloaded \(config.source): \(config.enabledFeeds.count) feeds")
                    } catch {
                        logger.error("SIGHUP: kept the previous feeds.json: \(error)")
                    }
                }
                let requests = pendingRequests + ((try? store.takeFetchRequests()) ?? [])
                pendingRequests = []
                var options = PassOptions(selection: .all, force: false, articles: articles)
                if !requests.isEmpty {
                    options.force = true
                    if requests.allSatisfy({ $0.feeds != nil }) {
                        options.selection = .ids(Array(Set(requests.flatMap { $0.feeds ?? [] })))
                    }
                    logger.info("fetch requested by \(Set(requests.map(\.origin)).sorted().joined(separator: ", "))")
                }
                let feeds = (try? store.feedsForFetching()) ?? []
                let now = Date()
                let due = feeds.filter { !$0.gone && ($0.nextDue ?? .distantPast) <= now }
                if !requests.isEmpty || !due.isEmpty {
                    let current = service
                    let passOptions = options
                    let pass = Task { try await current.runPass(passOptions, report: { Self.log($0, logger) }) }
                    // A stop signal cancels the pass: finished feeds are written, in-flight ones are dropped.
                    while !signals.stopping, !(await Self.isDone(pass)) { try? await Task.sleep(for: .milliseconds(100)) }
                    if signals.stopping { pass.cancel() }
                    if let summary = try? await pass.value {
                        logger.notice("\(Fetch.summaryLine(summary))")
                    }
                    try? store.checkpoint()
                    continue
                }
                // Sleep until the next feed is due (at most a minute), waking for requests and signals.
                let next = feeds.compactMap { $0.gone ? nil : $0.nextDue }.min() ?? now.addingTimeInterval(60)
                let wake = min(next, now.addingTimeInterval(60))
                while !signals.stopping, !signals.reloadPending, Date() < wake {
                    try? await Task.sleep(for: .seconds(1))
                    let taken = (try? store.takeFetchRequests()) ?? []
                    if !taken.isEmpty { pendingRequests += taken; break }
                }
            }
            logger.info("telex serve stopping (signal)")
        }
    }

    static func makeService(store: Store, config: Configuration, jobs: Int?, perHost: Int?, logger: Logger) -> FetchService {
        FetchService(store: store, configuration: config,
                     http: CurlFetcher(limits: FetchService.limits(config.settings, jobs: jobs, perHost: perHost)), logger: logger)
    }

    static func isDone(_ task: Task<PassSummary, Error>) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { _ = try? await task.value; return true }
            group.addTask { try? await Task.sleep(for: .milliseconds(200)); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
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

/// SIGTERM/SIGINT set `stopping`; SIGHUP sets a reload flag. Dispatch sources run the handlers
/// outside signal context, so they may take a lock.
final class SignalFlags: @unchecked Sendable {
    private let lock = NSLock()
    private var stop = false
    private var reload = false
    private var sources: [DispatchSourceSignal] = []

    init() {
        for (sig, isStop) in [(SIGTERM, true), (SIGINT, true), (SIGHUP, false)] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                if isStop { self.stop = true } else { self.reload = true }
                self.lock.unlock()
            }
            source.resume()
            sources.append(source)
        }
    }

    var stopping: Bool { lock.lock(); defer { lock.unlock() }; return stop }
    var reloadPending: Bool { lock.lock(); defer { lock.unlock() }; return reload }
    func takeReload() -> Bool { lock.lock(); defer { lock.unlock() }; let r = reload; reload = false; return r }
}

/// Appends log lines to a file (`telex serve --log FILE`).
struct FileLogHandler: LogHandler {
    let label: String
    let handle: FileHandle
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init?(label: String, path: String) {
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        guard let h = FileHandle(forWritingAtPath: path) else { return nil }
        h.seekToEndOfFile()
        self.label = label; self.handle = h
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        handle.write(Data("\(stamp) \(level) \(label): \(message)\n".utf8))
    }
}
