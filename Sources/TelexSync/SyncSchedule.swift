import Foundation
import TelexConfig
import TelexFetch
import TelexStore

/// `telex serve`'s sync loop: every account of feeds.json synced at start, then every
/// `default_interval`, with feeds.json followed (an account added or removed counts from the next
/// turn). Runs until its task is cancelled; a sync in flight ends with the cancellation.
public struct SyncSchedule: Sendable {
    public let store: Store
    public let cacheDirectory: String
    public let makeHTTP: @Sendable (Settings) -> any HTTPFetching
    public let log: @Sendable (String) -> Void

    public init(store: Store, cacheDirectory: String, makeHTTP: @escaping @Sendable (Settings) -> any HTTPFetching,
                log: @escaping @Sendable (String) -> Void) {
        self.store = store; self.cacheDirectory = cacheDirectory; self.makeHTTP = makeHTTP; self.log = log
    }

    public func run(configuration initial: ConfigurationWatch) async {
        var watch = initial
        while !Task.isCancelled {
            if case .rejected(let error)? = watch.check() { log("feeds.json: \(error) (the accounts in force stay)") }
            let config = watch.current
            if !config.accounts.isEmpty {
                let runner = SyncRunner(configuration: config, store: store, cacheDirectory: cacheDirectory, http: makeHTTP(config.settings))
                do {
                    for report in try await runner.sync() { log(SyncReport.line(report)) }
                } catch {
                    log("sync: cannot write the cache: \(error)")
                }
            }
            try? await Task.sleep(for: .seconds(max(60, config.settings.defaultInterval)))
        }
    }
}

extension SyncReport {
    /// One line saying what a sync of one account did, or why it failed (what `telex sync` and the log print).
    public static func line(_ report: SyncReport) -> String {
        if let error = report.error { return "\(report.account): \(error)" }
        return "\(report.account): pushed \(report.pushed) changes, \(report.feeds) feeds, \(report.newItems) new items, "
            + "\(report.stateChanges) read/starred changes from the server" + (report.comparedUnreadSet || report.comparedStarredSet ? "" : " (counts matched)")
    }
}
