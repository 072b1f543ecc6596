import Foundation
import Logging
import TelexConfig
import TelexFetch
import TelexModel
import TelexStore
import TelexUI

/// The SQLite cache is what the reader reads: the store answers every `CacheReading` query.
extension Store: CacheReading {}

/// The reader's live connection to the cache: the store, the change signal that tells it another
/// process (the fetch service) committed, and the fetch service for "refresh now" and for pages
/// the user follows that are not cached yet.
public final class CacheSession: @unchecked Sendable {
    public let store: Store
    public let configuration: Configuration
    public let cacheDirectory: String
    let service: FetchService
    private let signal: ChangeSignal
    private let watchQueue = DispatchQueue(label: "telex.cache-watch", qos: .utility)
    private var timer: DispatchSourceTimer?

    /// Opens (or creates) the cache and mirrors feeds.json into it.
    public init(configuration: Configuration, cacheDirectory: String, logger: Logger = Logger(label: "telex.reader")) throws {
        store = try Store.open(directory: cacheDirectory)
        self.configuration = configuration
        self.cacheDirectory = cacheDirectory
        service = FetchService(store: store, configuration: configuration,
                               http: URLSessionFetcher(limits: FetchService.limits(configuration.settings)), logger: logger)
        try service.syncConfiguration()
        signal = try ChangeSignal(store: store)
    }

    /// Polls `PRAGMA data_version` ten times a second; a change posts one `.cacheChanged`, and the
    /// reducer re-queries only what is visible.
    public func startWatching(post: @escaping @Sendable (Action) -> Void) {
        let timer = DispatchSource.makeTimerSource(queue: watchQueue)
        timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100), leeway: .milliseconds(20))
        let signal = self.signal
        timer.setEventHandler { if signal.hasChanged() { post(.cacheChanged) } }
        timer.resume()
        self.timer = timer
    }

    public func stopWatching() { timer?.cancel(); timer = nil }

    /// "Refresh now": a pass in this process when the fetch lock is free, else a request to the daemon.
    public func refresh(post: @escaping @Sendable (Action) -> Void) {
        let store = self.store, config = configuration, dir = cacheDirectory
        post(.fetchProgressed(FetchProgress(running: true)))
        Task.detached {
            do {
                switch try await FetchCoordinator.refreshNow(store: store, configuration: config, cacheDirectory: dir) {
                case .ranInProcess(let s):
                    post(.fetchProgressed(FetchProgress(running: false, feedsDone: s.feedsTotal, feedsTotal: s.feedsTotal,
                                                        articles: s.articles, failures: s.failed)))
                case .askedDaemon(let pid):
                    post(.fetchProgressed(FetchProgress(running: false)))
                    post(.failed("Asked telex serve" + (pid.map { " (pid \($0))" } ?? "") + " to fetch now"))
                }
            } catch {
                post(.fetchProgressed(FetchProgress(running: false, lastError: "\(error)")))
                post(.failed("Refresh failed: \(error)"))
            }
            post(.cacheChanged)
        }
    }

    /// Fetches one page now (a link the user follows), in this process and without the lock.
    public func fetchPage(_ url: String, allowPrivateAddresses: Bool) async -> PageFetchResult {
        await service.fetchPage(url, allowPrivateAddresses: allowPrivateAddresses,
                                prefetchRelated: 0)
    }
}
