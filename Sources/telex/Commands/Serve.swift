import ArgumentParser
import Dispatch
import Foundation
import Logging
import TelexConfig
import TelexFetch
import TelexModel
import TelexStore
import TelexSync

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the fetch daemon: fetch each feed when due, answer fetch requests, until stopped.",
        discussion: """
        One instance per cache (an flock on <cache>/fetch.lock holding the PID); a second one says who holds it. \
        SIGTERM/SIGINT stop requests in flight within a second, write what finished, and exit 0; feeds.json is \
        reloaded when it changes (and on SIGHUP). Logs to stderr and --log FILE (created 0600). \
        See docs/fetch.md for systemd and cron.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Also append the log to this file.", valueName: "file"))
    var log: String?

    @OptionGroup var fetching: FetchOptions

    func run() throws {
        let initialConfig = try global.loadConfiguration()
        let cache = global.cacheDirectory
        // The log file first: a path that cannot be written is an error now, not a silent loss later.
        let logFile: FileHandle?
        do { logFile = try log.map(FileLogHandler.open) } catch {
            Output.error("\(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        let lock: FetchLock
        do {
            switch try FetchLock.acquire(cacheDirectory: cache, role: .serve) {
            case .acquired(let l): lock = l
            case .heldBy(let holder):
                Output.error("the cache \(cache) is already being fetched by " + (holder.pid.map { "pid \($0)" } ?? "another process")
                             + " (see \(FetchLock.path(cacheDirectory: cache)))")
                throw ExitCode(ExitStatus.runtime)
            }
        } catch let exit as ExitCode { throw exit } catch {
            Output.error("cannot use the cache: \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        defer { lock.release() }
        LoggingSystem.bootstrap { label in
            var handlers: [LogHandler] = [StreamLogHandler.standardError(label: label)]
            if let logFile { handlers.append(FileLogHandler(label: label, handle: logFile)) }
            return MultiplexLogHandler(handlers)
        }
        let logger = Logger(label: "telex.serve")
        let store: Store
        do { store = try Store.open(directory: cache) } catch {
            logger.critical("cannot open the cache: \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        let signals = SignalFlags(reload: true)
        let (jobs, perHost) = (fetching.jobs, fetching.perHost)
        let scheduler: FetchScheduler
        do {
            scheduler = try FetchScheduler(
                store: store, cacheDirectory: cache,
                configuration: ConfigurationWatch(current: initialConfig, explicitPath: global.config, paths: global.paths),
                options: FetchScheduler.Options(jobs: jobs, perHost: perHost, articles: !fetching.noArticles),
                makeHTTP: { FetchService.liveHTTP($0) }, logger: logger)
        } catch {
            logger.critical("cannot write the cache: \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        logger.info("telex serve \(TelexVersion.string) started (pid \(getpid()), cache \(cache), \(initialConfig.enabledFeeds.count) feeds)")
        // Aggregator accounts sync beside the fetch loop (docs/sync.md).
        let syncLogger = Logger(label: "telex.sync")
        let syncs = SyncSchedule(store: store, cacheDirectory: cache, makeHTTP: { FetchService.liveHTTP($0) },
                                 log: { syncLogger.info("\($0)") })
        let watch = ConfigurationWatch(current: initialConfig, explicitPath: global.config, paths: global.paths)
        AsyncBridge.wait {
            let task = Task { await scheduler.run(reloadRequested: { signals.takeReload() }) }
            let syncTask = Task { await syncs.run(configuration: watch) }
            // A stop signal cancels the loops: requests in flight end, finished feeds are written.
            signals.onStop { task.cancel(); syncTask.cancel() }
            await task.value
            syncTask.cancel()
            await syncTask.value
        }
    }
}

/// SIGTERM/SIGINT run the `onStop` actions (and set `stopping`); SIGHUP sets a reload flag. Dispatch
/// sources run the handlers outside signal context, so they may take a lock.
final class SignalFlags: @unchecked Sendable {
    private let lock = NSLock()
    private var stop = false
    private var reload = false
    private var actions: [@Sendable () -> Void] = []
    private var sources: [DispatchSourceSignal] = []

    init(reload handleReload: Bool) {
        var signals: [(Int32, Bool)] = [(SIGTERM, true), (SIGINT, true)]
        if handleReload { signals.append((SIGHUP, false)) }
        for (sig, isStop) in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                if isStop { self.stop = true } else { self.reload = true }
                let run = isStop ? self.actions : []
                self.lock.unlock()
                run.forEach { $0() }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Runs `action` on SIGTERM or SIGINT (at once when one already came).
    func onStop(_ action: @escaping @Sendable () -> Void) {
        lock.lock()
        actions.append(action)
        let already = stop
        lock.unlock()
        if already { action() }
    }

    var stopping: Bool { lock.lock(); defer { lock.unlock() }; return stop }
    func takeReload() -> Bool { lock.lock(); defer { lock.unlock() }; let r = reload; reload = false; return r }
}

/// Appends log lines to a file (`telex serve --log FILE`), created 0600 (the log names the feeds one reads).
struct FileLogHandler: LogHandler {
    struct OpenError: Error, CustomStringConvertible {
        var description: String
    }

    let label: String
    let handle: FileHandle
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String, handle: FileHandle) { self.label = label; self.handle = handle }

    /// Opens (creating 0600) `path` for appending, or says why it cannot be.
    static func open(_ path: String) throws -> FileHandle {
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            throw OpenError(description: "cannot write the log \(path): the directory \(directory) does not exist")
        }
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw OpenError(description: "cannot write the log \(path): \(String(cString: strerror(errno)))")
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        handle.write(Data("\(stamp) \(event.level) \(label): \(event.message)\n".utf8))
    }
}
