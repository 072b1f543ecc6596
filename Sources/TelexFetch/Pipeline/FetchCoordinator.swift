import Foundation
import TelexConfig
import TelexStore

/// What "refresh now" did.
public enum RefreshOutcome: Sendable {
    /// The lock was free: the pass ran in this process.
    case ranInProcess(PassSummary)
    /// A daemon holds the lock: a request row was left for it (watch `Store.fetchProgress()`).
    case askedDaemon(pid: Int32?)
}

/// The front end's "refresh now": fetch in-process when no daemon holds the cache's fetch lock,
/// otherwise ask the daemon through the store's request table (docs/fetch.md, "Who fetches").
public enum FetchCoordinator {
    public static func refreshNow(store: Store, configuration: Configuration, cacheDirectory: String,
                                  selection: FeedSelection = .all, origin: String = "ui") async throws -> RefreshOutcome {
        switch try FetchLock.acquire(cacheDirectory: cacheDirectory) {
        case .acquired(let lock):
            defer { lock.release() }
            let service = FetchService(store: store, configuration: configuration,
                                       http: CurlFetcher(limits: FetchService.limits(configuration.settings)))
            try service.syncConfiguration()
            return .ranInProcess(try await service.runPass(PassOptions(selection: selection, force: true)))
        case .heldBy(let pid):
            try store.requestFetch(feeds: nil, force: true, origin: origin)
            return .askedDaemon(pid: pid)
        }
    }
}
