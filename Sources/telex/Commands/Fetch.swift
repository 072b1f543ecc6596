import ArgumentParser
import Foundation
import Logging
import TelexConfig
import TelexFetch
import TelexModel
import TelexStore

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch every feed now (or a section or some feeds), then exit.",
        discussion: """
        Ignores intervals, max-age, ttl and backoff, but honours an unexpired Retry-After and 410 Gone. \
        When `telex serve` holds the cache's fetch lock, asks it for the pass and waits (--no-wait returns at once). \
        Exit status: 0 when the pass ran (even if some feeds failed), 1 on cache errors, 2 on configuration errors.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Fetch only the feeds of this section.", valueName: "name"))
    var section: String?

    @Option(name: .customLong("feed"), help: ArgumentHelp("Fetch only this feed (repeatable).", valueName: "url"))
    var feeds: [String] = []

    @OptionGroup var fetching: FetchOptions

    @Flag(name: .customLong("no-wait"), help: "When a daemon holds the lock, leave it the request and return at once.")
    var noWait = false

    func run() throws {
        let config = try global.loadConfiguration()
        let cache = global.cacheDirectory
        let selection: FeedSelection = !feeds.isEmpty ? .feeds(feeds) : section.map { .section($0) } ?? .all
        if let section, !config.sections.contains(where: { $0.name.caseInsensitiveCompare(section) == .orderedSame }) {
            Output.error("no section named \(section) in \(config.source)")
            throw ExitCode(ExitStatus.configuration)
        }
        let lock: FetchLock
        do {
            switch try FetchLock.acquire(cacheDirectory: cache) {
            case .acquired(let l): lock = l
            case .heldBy(let pid):
                try askDaemon(pid: pid, cache: cache, selection: selection)
                return
            }
        } catch let exit as ExitCode { throw exit } catch {
            Output.error("cannot use the cache at \(cache): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        defer { lock.release() }
        let store: Store
        do { store = try Store.open(directory: cache) } catch {
            Output.error("cannot open the cache at \(cache): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        let http = CurlFetcher(limits: FetchService.limits(config.settings, jobs: fetching.jobs, perHost: fetching.perHost))
        let service = FetchService(store: store, configuration: config, http: http, logger: Logger(label: "telex.fetch"))
        let options = PassOptions(selection: selection, force: true, articles: !fetching.noArticles)
        let tty = Output.stdoutIsTerminal
        let printer = ProgressPrinter(terminal: tty)
        let summary: PassSummary
        do {
            try service.syncConfiguration()
            summary = try AsyncBridge.run {
                try await service.runPass(options, report: { printer.report($0) }, progress: { printer.progress($0, $1) })
            }
        } catch {
            printer.finish()
            Output.error("fetch failed: \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        printer.finish()
        try? store.checkpoint()
        Output.line(Self.summaryLine(summary))
    }

    static func summaryLine(_ s: PassSummary) -> String {
        var parts = ["\(s.feedsTotal) feeds in \(String(format: "%.2f", s.seconds)) s: \(s.ok) ok, \(s.unchanged) unchanged, \(s.failed) failed"]
        if s.skipped > 0 { parts[0] += ", \(s.skipped) skipped" }
        parts.append("\(s.newItems) new items")
        parts.append("\(s.articles) articles" + (s.articleFailures > 0 ? " (\(s.articleFailures) failed)" : ""))
        parts.append(ByteCountText.text(s.bytes))
        return "fetched " + parts.joined(separator: "; ")
    }

    /// A daemon holds the lock: leave it a request row and wait for a pass that started after it.
    private func askDaemon(pid: Int32?, cache: String, selection: FeedSelection) throws {
        let who = pid.map { "telex serve (pid \($0))" } ?? "another telex process"
        let store: Store
        do { store = try Store.open(directory: cache) } catch {
            Output.error("cannot open the cache at \(cache): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        let requested = Date()
        do {
            var ids: [FeedID]? = nil
            if selection != .all {
                ids = try store.feedsForFetching().filter { info in
                    switch selection {
                    case .all: true
                    case .section(let name): info.section.caseInsensitiveCompare(name) == .orderedSame
                    case .feeds(let urls): urls.contains(info.url)
                    case .ids(let ids): ids.contains(info.id)
                    }
                }.map(\.id)
            }
            try store.requestFetch(feeds: ids, force: true, origin: "telex fetch")
        } catch {
            Output.error("cannot leave a request in the cache: \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        if noWait { Output.line("\(who) holds the fetch lock; asked it to fetch now (not waiting)"); return }
        Output.line("\(who) holds the fetch lock; asked it to fetch now, waiting...")
        var sawRunning = false
        let deadline = Date().addingTimeInterval(30 * 60)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            guard let record = try? store.fetchProgress(), record.updatedAt > requested else { continue }
            if record.progress.running { sawRunning = true; continue }
            if sawRunning || Date().timeIntervalSince(requested) > 2 {
                let p = record.progress
                Output.line("the daemon's pass finished: \(p.feedsDone)/\(p.feedsTotal) feeds, \(p.articles) articles, \(p.failures) failed")
                return
            }
        }
        Output.error("gave up waiting for \(who)")
        throw ExitCode(ExitStatus.runtime)
    }
}

/// Live progress on a terminal (one rewritten line), plain lines per feed otherwise.
final class ProgressPrinter: @unchecked Sendable {
    private let terminal: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(terminal: Bool) { self.terminal = terminal }

    func report(_ r: FeedReport) {
        lock.lock(); defer { lock.unlock() }
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

    func progress(_ p: FetchProgress, _ s: PassSummary) {
        guard terminal else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 || !p.running else { return }
        lastDraw = now
        let text = "feeds \(p.feedsDone)/\(p.feedsTotal)  articles \(p.articles)  \(ByteCountText.text(s.bytes))  failures \(p.failures)"
        FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + text).utf8))
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
