import ArgumentParser
import Foundation
import Logging
import TelexConfig
import TelexFetch
import TelexStore
import TelexSync

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync the aggregator accounts of feeds.json (TT-RSS, Google Reader API, Miniflux) once, then exit.",
        discussion: """
        For each account: pushes the read and starred changes made in telex since the last sync, then pulls \
        the server's categories and feeds, new items, and read and starred changes made elsewhere; then \
        fetches the new items' article pages as for local feeds (unless --no-articles). \
        Where the server gives unread and starred counts (TT-RSS, Google Reader API), its id sets are read \
        only when the counts differ from the cache's, and at every 10th sync or with --full. \
        A change made here and not yet pushed wins over the server's state. See docs/sync.md. \
        Exit status: 0 when every account synced, 3 when one failed, 1 on cache errors, 2 on configuration \
        errors (an unknown --account).
        """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("account"), help: ArgumentHelp("Sync only this account (repeatable).", valueName: "name"))
    var accounts: [String] = []

    @Flag(name: .customLong("no-articles"), help: "Sync only: do not fetch the article pages of the new items.")
    var noArticles = false

    @Flag(name: .customLong("full"), help: "Compare the server's whole unread and starred id sets, even when its counts match the cache's.")
    var full = false

    func run() throws {
        let config = try global.loadConfiguration()
        for name in accounts where !config.accounts.contains(where: { $0.name == name }) {
            let known = config.accounts.map(\.name)
            Output.error("no account \"\(name)\" in \(config.source)" + (known.isEmpty ? " (it has no accounts)" : "; accounts: \(known.joined(separator: ", "))"))
            throw ExitCode(ExitStatus.configuration)
        }
        if config.accounts.isEmpty {
            Output.line("no accounts in \(config.source) (see docs/sync.md)")
            return
        }
        let cache = global.cacheDirectory
        let store = try Fetch.openCache(cache)
        let http = FetchService.liveHTTP(config.settings)
        // feeds.json's own sections first, so that an account's categories are named beside them.
        do { try FetchService(store: store, configuration: config, http: http, logger: Logger(label: "telex.sync")).syncConfiguration() } catch {
            Output.error("cannot write the cache at \(cache): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        let runner = SyncRunner(configuration: config, store: store, cacheDirectory: cache, http: http, fetchPages: !noArticles, fullStateCheck: full)
        let only = accounts.isEmpty ? nil : accounts
        let reports: [SyncReport]
        do {
            reports = try AsyncBridge.run { try await runner.sync(only: only) }
        } catch {
            Output.error("cannot write the cache at \(cache): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        for report in reports {
            if report.error != nil { Output.error(SyncReport.line(report)) } else { Output.line(SyncReport.line(report)) }
        }
        if reports.contains(where: { $0.error != nil }) { throw ExitCode(ExitStatus.allFailed) }
    }
}
