import ArgumentParser
import Foundation
import Logging
import TelexConfig
import TelexFetch
import TelexModel
import TelexStore

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch every feed now (or a section or some feeds), then exit.",
        discussion: """
        Ignores intervals, max-age, ttl and backoff, but honours an unexpired Retry-After and 410 Gone. \
        When `telex serve` holds the cache's fetch lock, asks it for the pass and waits (--no-wait returns at once); \
        when another process holds it, waits for it and fetches. \
        Indexes the new items for search as it writes them, and the pages it saves beside the pass, then what is \
        left after the summary; --no-wait-index only queues them for telex serve or the reader and returns sooner \
        (new items are searchable at once all the same: search also reads the items still queued for the index). \
        Exit status: 0 when the pass ran and some feed answered, 3 when every selected feed failed, \
        1 on cache errors, 2 on configuration errors (a --section or --feed feeds.json does not hold). \
        --json prints one JSON summary on stdout instead of lines (notes about the lock go to stderr).
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Fetch only the feeds of this section.", valueName: "name"))
    var section: String?

    @Option(name: .customLong("feed"), help: ArgumentHelp("Fetch only this feed (repeatable).", valueName: "url"))
    var feeds: [String] = []

    @OptionGroup var fetching: FetchOptions

    @Flag(name: .customLong("no-wait"), help: "When a daemon holds the lock, leave it the request and return at once.")
    var noWait = false

    @Flag(name: .customLong("no-wait-index"),
          help: "Only queue the pass's items for search and return after it (telex serve or the reader index them).")
    var noWaitIndex = false

    @Flag(help: "Print a JSON summary of the pass (counters and each feed's outcome) instead of lines.")
    var json = false

    func run() throws {
        let config = try global.loadConfiguration()
        let cache = global.cacheDirectory
        try Self.checkSelection(config, section: section, feeds: feeds)
        let selection: FeedSelection = !feeds.isEmpty ? .feeds(feeds) : section.map { .section($0) } ?? .all
        let store = try Self.openCache(cache)
        let service = FetchService(store: store, configuration: config,
                                   http: FetchService.liveHTTP(config.settings, jobs: fetching.jobs, perHost: fetching.perHost),
                                   logger: Logger(label: "telex.fetch"))
        do { try service.syncConfiguration() } catch {
            Output.error("cannot write the cache at \(cache): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        var options = PassOptions(selection: selection, force: true, articles: !fetching.noArticles)
        options.maintenance = true
        options.indexAlongside = !noWaitIndex
        options.searchIndexing = noWaitIndex ? .queued : .inline
        let request = FetchNowRequest(options: options, role: .fetch, wait: !noWait)
        let printer = ProgressPrinter(terminal: Output.stdoutIsTerminal && !json, json: json)
        let noWait = self.noWait
        // SIGINT/SIGTERM stop the pass (what finished is written) or withdraw the request left to a daemon.
        let signals = SignalFlags(reload: false)
        let outcome: FetchProgress?
        let ranBy = Box<FetchLock.Holder>()
        do {
            outcome = try AsyncBridge.run {
                let finished = Box<FetchProgress>()
                let task = Task { () throws -> FetchProgress? in
                    try await FetchCoordinator.fetchNow(service: service, cacheDirectory: cache, request: request) { event in
                        switch event {
                        case .waiting(let holder, let asked):
                            printer.note(Self.waitingLine(holder, askedDaemon: asked, waiting: !noWait))
                        case .progress(let progress, _):
                            printer.progress(progress)
                        case .feed(let report):
                            printer.report(report)
                        case .finished(let progress, let runner):
                            printer.finish()
                            if !runner.isThisProcess {
                                let holder = FetchLock.Holder(pid: runner.pid, role: runner.role)
                                ranBy.value = holder
                                printer.note("\(holder) ran the pass:")
                            }
                            finished.value = progress
                        }
                    }
                    return finished.value
                }
                signals.onStop { task.cancel() }
                return try await task.value
            }
        } catch let failure as PassWriteError {
            printer.finish()
            printer.summary(failure.progress, ranBy: nil)
            Output.error("\(failure)")
            throw ExitCode(ExitStatus.runtime)
        } catch is CancellationError {
            printer.finish()
            Output.error("stopped while waiting (a request left to telex serve was withdrawn)")
            throw ExitCode(ExitStatus.runtime)
        } catch {
            printer.finish()
            Output.error("fetch failed: \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        printer.finish()
        guard let summary = outcome else {
            if signals.stopping { throw ExitCode(ExitStatus.runtime) }
            if json { Output.json(["status": "requested"]) }
            return  // --no-wait: the request was left
        }
        printer.summary(summary, ranBy: ranBy.value)
        // The notify program of this pass (settings `notify`) ends before telex fetch does, within bounds.
        service.notifier?.waitForRunning(timeout: 10)
        if signals.stopping { throw ExitCode(ExitStatus.runtime) }
        if !noWaitIndex { Self.catchUpIndex(store, printer: printer, stop: { signals.stopping }) }
        if signals.stopping { throw ExitCode(ExitStatus.runtime) }
        if summary.everyFeedFailed { throw ExitCode(ExitStatus.allFailed) }
    }

    /// A value set from the event closure and read once the task ends.
    final class Box<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: T?
        var value: T? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }

    /// `--section` and `--feed` must name what feeds.json holds; an unknown feed URL is reported with the
    /// configured feeds nearest to it (exit 2).
    static func checkSelection(_ config: Configuration, section: String?, feeds: [String]) throws {
        if let section, !config.sections.contains(where: { $0.name.caseInsensitiveCompare(section) == .orderedSame }) {
            Output.error("no section named \(section) in \(config.source); sections: "
                         + config.sections.map(\.name).joined(separator: ", "))
            throw ExitCode(ExitStatus.configuration)
        }
        let configured = config.sections.flatMap { $0.feeds.map(\.url) }
        var unknown = false
        for url in feeds where !configured.contains(where: { FeedURLMatch.same($0, url) }) {
            unknown = true
            let near = config.closestFeeds(to: url)
            Output.error("\(url) is not a feed of \(config.source)"
                         + (near.isEmpty ? "" : "; the closest configured feeds:\n  " + near.joined(separator: "\n  ")))
        }
        if unknown { throw ExitCode(ExitStatus.configuration) }
    }

    /// Indexes what the pass queued for search (a stop leaves the rest queued: nothing is lost, search scans
    /// the queue). A failure is reported, not fatal: the pass's items are written.
    static func catchUpIndex(_ store: Store, printer: ProgressPrinter, stop: () -> Bool) {
        do {
            let pending = try store.pendingIndexCount()
            guard pending > 0 else { return }
            var done = 0
            try store.indexAllPending(shouldStop: {
                printer.indexing(done: done, of: pending)
                return stop()
            }, taken: { done += $0 })
            printer.finish()
        } catch {
            printer.finish()
            Output.error("search index not brought up to date (it will be by the next fetch, telex serve or the reader): \(error)")
        }
    }

    static func openCache(_ cache: String) throws -> Store {
        do { return try Store.open(directory: cache) } catch {
            Output.error("cannot open the cache: \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
    }

    static func waitingLine(_ holder: FetchLock.Holder, askedDaemon: Bool, waiting: Bool) -> String {
        if askedDaemon {
            return "\(holder) holds the fetch lock; asked it to fetch now" + (waiting ? ", waiting..." : " (not waiting)")
        }
        return "\(holder) is fetching for this cache" + (waiting ? "; waiting for it to finish..." : "; not waiting")
    }
}

/// Live progress on a terminal (one rewritten line), plain lines per feed otherwise; with `json`, nothing
/// but the final summary on stdout (notes go to stderr) and each feed's report kept for it.
final class ProgressPrinter: @unchecked Sendable {
    private let terminal: Bool
    private let json: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private var reports: [FeedReport] = []

    init(terminal: Bool, json: Bool = false) { self.terminal = terminal; self.json = json }

    /// The pass's summary line, or its JSON with the feeds' reports (`ranBy`: another process ran it).
    func summary(_ progress: FetchProgress, ranBy: FetchLock.Holder?) {
        guard json else { return Output.line(PassSummaryText.line(progress)) }
        Output.json(FetchSummaryJSON.object(progress, reports: lock.withLock { reports }, ranBy: ranBy))
    }

    func report(_ r: FeedReport) {
        lock.lock(); defer { lock.unlock() }
        if json { reports.append(r); return }
        var line: String
        switch r.outcome {
        case .updated(let items): line = "ok        \(r.url) (\(items) items)"
        case .unchanged: line = "unchanged \(r.url)"
        case .failed(let m): line = "failed    \(r.url): \(m)"
        case .skipped(let m): line = "skipped   \(r.url): \(m)"
        }
        if let w = r.warning { line += " [warning: \(w)]" }
        if terminal {
            // On a terminal only problems scroll by; the progress line says the rest.
            guard case .failed = r.outcome else { return }
            clearLine()
        }
        Output.line(line)
    }

    /// A line about the lock or the daemon.
    func note(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        if json { return Output.error(text) }
        clearLine()
        Output.line(text)
    }

    func progress(_ p: FetchProgress) {
        guard terminal else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 || !p.running else { return }
        lastDraw = now
        let text = "feeds \(p.feedsDone)/\(p.feedsTotal)  new \(p.newItems)  articles \(p.articles)  \(ByteCountText.text(p.bytes))  failed \(p.failed)"
        FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + text).utf8))
        drawn = true
    }

    /// The search index catching up after the pass.
    func indexing(done: Int, of total: Int) {
        guard terminal else { return }
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardOutput.write(Data("\r\u{1B}[Kindexing for search \(min(done, total))/\(total)".utf8))
        drawn = true
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        clearLine()
    }

    private func clearLine() {
        if drawn { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)); drawn = false }
    }
}
