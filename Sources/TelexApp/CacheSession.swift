import Foundation
import Logging
import TelexArticles
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
    private var watcher: ChangeWatcher?

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
        // ChangeSignal is not Sendable; the watcher calls it from its one serial queue only.
        nonisolated(unsafe) let signal = self.signal
        watcher = ChangeWatcher(interval: 0.1, changed: { signal.hasChanged() }, post: post)
    }

    public func stopWatching() { watcher?.stop(); watcher = nil }

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

extension CacheSession: PageLoading {
    /// A followed link: the cached page when there is one, else fetched and extracted now. Pages
    /// that are not articles (PDFs, images, video) go back to the reader as browser offers.
    public func followLink(_ url: String, post: @escaping @Sendable (Action) -> Void) -> PageLoadHandle {
        let task = Task.detached { [self] in
            if LinkKind.isObviouslyNotAnArticle(url) { post(.linkNotAnArticle(url)); return }
            if let doc = self.cachedDocument(url) { post(.pageLoaded(url: url, doc)); return }
            if let stored = try? self.store.article(forURL: url), stored.status == .failed,
               stored.error?.hasPrefix("not a web page") == true {
                post(.linkNotAnArticle(url)); return
            }
            post(.pageFetchProgressed(url: url, bytes: 0))
            let result = await self.fetchPage(url, allowPrivateAddresses: self.mayFetchPrivately(url))
            if Task.isCancelled { return }
            switch result {
            case .saved:
                if let doc = self.cachedDocument(url) { post(.pageLoaded(url: url, doc)); post(.cacheChanged) }
                else { post(.linkNotAnArticle(url)) }
            case .failed(let message):
                if message.hasPrefix("not a web page") { post(.linkNotAnArticle(url)) }
                else { post(.pageFetchFailed(url: url, message)) }
            }
        }
        return PageLoadHandle { task.cancel() }
    }

    /// Fetches a page for later reading (`s` on a link) and tells the user when it is saved.
    public func saveForLater(_ url: String, post: @escaping @Sendable (Action) -> Void) {
        Task.detached { [self] in
            if self.cachedDocument(url) != nil { post(.failed("Already saved for offline reading: \(url)")); return }
            switch await self.fetchPage(url, allowPrivateAddresses: self.mayFetchPrivately(url)) {
            case .saved: post(.failed("Saved for offline reading: \(url)")); post(.cacheChanged)
            case .failed(let message): post(.failed("Could not save \(url): \(message)"))
            }
        }
    }

    func cachedDocument(_ url: String) -> ArticleDocument? {
        guard let stored = try? store.article(forURL: url), stored.status != .failed, let data = stored.documentJSON else { return nil }
        return DocumentResolver.page(data)
    }

    /// A link may reach a private or loopback address only on a host one of the user's own feeds
    /// lives on (a feed on the local network, or the demo's server); otherwise a page could make
    /// telex probe the user's network.
    func mayFetchPrivately(_ url: String) -> Bool {
        guard let host = URL(string: url)?.host?.lowercased() else { return false }
        return configuration.enabledFeeds.contains { feed in
            guard let feedHost = URL(string: feed.feed.url)?.host?.lowercased() else { return false }
            return feedHost == host && AddressPolicy.isPrivate(host: feedHost)
        }
    }
}

/// Tells from a URL alone that a link is a document the reader cannot show.
enum LinkKind {
    static let mediaExtensions: Set<String> = ["pdf", "jpg", "jpeg", "png", "gif", "webp", "svg", "mp4", "webm", "mov", "mp3",
                                               "ogg", "zip", "gz", "tar", "epub", "doc", "docx", "xls", "xlsx", "ppt", "pptx"]

    static func isObviouslyNotAnArticle(_ url: String) -> Bool {
        guard let u = URL(string: url) else { return true }
        guard let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return true }
        return mediaExtensions.contains(u.pathExtension.lowercased())
    }
}
