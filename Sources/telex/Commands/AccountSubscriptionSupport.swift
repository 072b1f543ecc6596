import ArgumentParser
import Foundation
import Logging
import TelexConfig
import TelexFetch
import TelexStore
import TelexSync

/// `telex add`, `remove` and `move` on an account's feed or section: the change goes to the account's
/// server through `AccountSubscriptions` (docs/sync.md, "Subscriptions"), never to feeds.json. A change the
/// server refuses, or a server that does not answer, is one line (`telex: home: …`) and exit status 3, as
/// for `telex sync`; the cache is then left as it was.
struct AccountSubscriptionCommand {
    let configuration: Configuration
    let service: AccountSubscriptions

    /// On the cache, read-write (its own sections written first, as `telex sync` does, so that an account's
    /// categories are named beside them).
    init(global: GlobalOptions, configuration: Configuration) throws {
        self.configuration = configuration
        let cache = global.cacheDirectory
        let store = try Fetch.openCache(cache)
        let http = FetchService.liveHTTP(configuration.settings)
        do { try FetchService(store: store, configuration: configuration, http: http, logger: Logger(label: "telex.sync")).syncConfiguration() } catch {
            Output.error("cannot write the cache at \(cache): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        service = AccountSubscriptions(runner: SyncRunner(configuration: configuration, store: store, cacheDirectory: cache, http: http))
    }

    /// Runs one change of `account` on its server; exits 3 with the server's reason when it was not made.
    func change(_ account: String, _ body: @escaping @Sendable (AccountSubscriptions) async throws(SyncError) -> AccountSubscriptions.Outcome)
        throws -> AccountSubscriptions.Outcome {
        let service = self.service
        let result: Result<AccountSubscriptions.Outcome, SyncError> = try AsyncBridge.run {
            do throws(SyncError) { return .success(try await body(service)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let outcome):
            if let behind = outcome.cacheBehind {
                Output.error("\(account): done on the server, but the cache could not follow yet (the next sync brings it): \(behind)")
            }
            return outcome
        case .failure(let error):
            Output.error("\(account): \(error); nothing was changed")
            throw ExitCode(ExitStatus.allFailed)
        }
    }

    /// The account's sync after a subscribe (its new feed's items, where the server has them already).
    func sync(_ account: String) throws {
        let runner = service.runner
        let reports = try AsyncBridge.run { try await runner.sync(only: [account]) }
        for report in reports {
            if report.error != nil { Output.error(SyncReport.line(report)) } else { Output.line(SyncReport.line(report)) }
        }
        if reports.contains(where: { $0.error != nil }) { throw ExitCode(ExitStatus.allFailed) }
    }

    /// A feed of an account as messages name it.
    static func describe(_ feed: AccountFeedInfo) -> String {
        feed.title.isEmpty || feed.title == feed.remoteURL ? feed.remoteURL : "\(feed.title) <\(feed.remoteURL)>"
    }

    /// The account sections of the cache at `directory` (read-only; none without a cache).
    static func sections(cacheDirectory directory: String) -> [AccountSectionInfo] {
        guard let store = try? Store.open(directory: directory, readOnly: true) else { return [] }
        return (try? store.accountSections()) ?? []
    }

    /// The account feeds `query` names in the cache at `directory` (read-only; none without a cache).
    static func feeds(named query: String, cacheDirectory directory: String) -> [AccountFeedInfo] {
        guard let store = try? Store.open(directory: directory, readOnly: true) else { return [] }
        return (try? store.accountFeeds(named: query)) ?? []
    }
}
