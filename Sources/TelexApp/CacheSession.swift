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
/// process (the fetch service) committed, what the process holding the fetch lock is doing, feeds.json
/// as it changes, and the fetch service for "refresh now" and for pages the user follows.
public final class CacheSession: @unchecked Sendable {
    public let store: Store
    public let cacheDirectory: String
    private let logger: Logger
    private let signal: ChangeSignal
    private let lock = NSLock()
    // Guarded by `lock`.
    private var watch: ConfigurationWatch?
    private var currentConfiguration: Configuration
    private var currentService: FetchService
    private var refreshing = false
    /// Feeds new to feeds.json while a pass ran (it could not include them): fetched when it ends.
    private var waitingFeeds: [String] = []
    // Touched by the watchers' own queues only.
    private var changes: ChangeWatcher?
    private var activity: FetchActivityWatcher?
    private var indexer: IdleIndexer?

    /// Opens (or creates) the cache and mirrors feeds.json into it. With `watch`, feeds.json is followed
    /// while the reader runs (on `r` and every few seconds).
    public init(configuration: Configuration, cacheDirectory: String, watch: ConfigurationWatch? = nil,
                logger: Logger = Logger(label: "telex.reader")) throws {
        store = try Store.open(directory: cacheDirectory)
        store.groupsStories = configuration.settings.groupStories
        self.cacheDirectory = cacheDirectory
        self.logger = logger
        self.watch = watch
        currentConfiguration = configuration
        currentService = Self.makeService(store: store, configuration: configuration, logger: logger)
        try currentService.syncConfiguration()
        signal = try ChangeSignal(store: store)
    }

    public var configuration: Configuration { lock.withLock { currentConfiguration } }
    var service: FetchService { lock.withLock { currentService } }

    private static func makeService(store: Store, configuration: Configuration, logger: Logger) -> FetchService {
        FetchService(store: store, configuration: configuration, http: FetchService.liveHTTP(configuration.settings), logger: logger)
    }

    /// Polls `PRAGMA data_version` ten times a second (a change posts one `.cacheChanged`, and the
    /// reducer re-queries only what is visible); follows the fetch status of other processes and feeds.json.
    public func startWatching(post: @escaping @Sendable (Action) -> Void) {
        // ChangeSignal is not Sendable; the watcher calls it from its one serial queue only.
        nonisolated(unsafe) let signal = self.signal
        changes = ChangeWatcher(interval: 0.1, changed: { signal.hasChanged() }, post: post)
        activity = FetchActivityWatcher(cacheDirectory: cacheDirectory, post: post, everyFewSeconds: { [weak self] in
            self?.followConfiguration(post: post)
        })
        indexer = IdleIndexer(store: store, logger: logger)
    }

    public func stopWatching() {
        changes?.stop(); changes = nil
        activity?.stop(); activity = nil
        indexer?.stop(); indexer = nil
    }

    /// "Refresh now" (`r`): feeds.json first (a new feed is fetched with the others), then one pass through
    /// the fetch coordinator: here when the lock is free, else by the daemon or after the other fetcher;
    /// the accounts sync at the same time.
    public func refresh(post: @escaping @Sendable (Action) -> Void) {
        followConfiguration(post: post)
        fetch(.all, post: post)
        syncAccounts(post: post)
    }

    private func fetch(_ selection: FeedSelection, post: @escaping @Sendable (Action) -> Void) {
        let busy: Bool = lock.withLock {
            defer { refreshing = true }
            if refreshing, case .feeds(let urls) = selection { waitingFeeds += urls }
            return refreshing
        }
        if busy { return }
        let service = self.service
        let directory = cacheDirectory
        Task.detached { [weak self] in
            let request = FetchNowRequest(options: PassOptions(selection: selection, force: true, articles: true), role: .reader)
            do {
                var finished = false
                for try await event in FetchCoordinator.fetchNow(service: service, cacheDirectory: directory, request: request) {
                    switch event {
                    case .waiting(let holder, let asked):
                        post(.fetchWaiting(asked ? "asked \(holder) to fetch" : "waiting for \(holder)"))
                    case .progress(let progress, _):
                        post(.fetchProgressed(progress))
                    case .feed:
                        break
                    case .finished(let progress, let runner):
                        finished = true
                        post(.fetchFinished(progress, by: runner.isThisProcess ? nil : Self.name(runner)))
                    }
                }
                if !finished { post(.fetchProgressed(FetchProgress())) }
            } catch let failure as PassWriteError {
                post(.fetchFinished(failure.progress, by: nil))
                post(.failed("Refresh stopped: \(failure)"))
            } catch {
                post(.fetchProgressed(FetchProgress()))
                post(.failed("Refresh failed: \(error)"))
            }
            guard let self else { return }
            let waiting: [String] = self.lock.withLock {
                defer { self.refreshing = false; self.waitingFeeds = [] }
                return self.waitingFeeds
            }
            if !waiting.isEmpty { self.fetch(.feeds(waiting), post: post) }
        }
    }

    /// Applies feeds.json when it changed: new feeds and sections appear (and are fetched), removed ones
    /// disappear; a broken file is reported once and the previous configuration kept.
    /// `announce` false: the change is the reader's own (`a`, `F`), which says what it did itself.
    func followConfiguration(post: @escaping @Sendable (Action) -> Void, announce: Bool = true) {
        let change: ConfigurationWatch.Change? = lock.withLock { watch?.check() }
        guard let change else { return }
        switch change {
        case .reloaded(let configuration):
            let previous = self.configuration
            let before = Set(previous.enabledFeeds.map(\.feed.url))
            let service = Self.makeService(store: store, configuration: configuration, logger: logger)
            do {
                try service.syncConfiguration()
            } catch {
                post(.failed("feeds.json changed but the cache could not follow: \(error)"))
                return
            }
            lock.withLock { currentConfiguration = configuration; currentService = service }
            // Lists re-read below (`cacheChanged`) show clusters once, or not, as the settings now say.
            store.groupsStories = configuration.settings.groupStories
            let urls = configuration.enabledFeeds.map(\.feed.url)
            let added = urls.filter { !before.contains($0) }
            let removed = before.subtracting(urls).count
            if announce {
                post(.notice("Reloaded \(configuration.source): " + Self.count(added.count, "feed") + " added, "
                             + Self.count(removed, "feed") + " removed"))
            }
            // Keys and colours apply at once; names that mean nothing keep the previous ones, located.
            if previous.keys != configuration.keys || previous.colors != configuration.colors {
                do {
                    let look = try ReaderLook.resolve(configuration)
                    post(.lookChanged(look.keymap, look.theme))
                } catch {
                    let first = error.problems.first.map { "\($0)" } ?? "invalid"
                    post(.failed("\((error.file as NSString).lastPathComponent): kept the previous keys and colours: \(first)"))
                }
            }
            post(.cacheChanged)
            if !added.isEmpty { fetch(.feeds(added), post: post) }
        case .rejected(let error):
            // Short enough for the status line: the file's name, the decision, then the first problem.
            let first = error.problems.first.map { "\($0)" } ?? "invalid"
            post(.failed("\((error.file as NSString).lastPathComponent): kept the previous feeds: \(first)"))
        }
    }

    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    static func name(_ runner: PassRunner) -> String {
        switch runner.role {
        case .serve: "telex serve"
        case .fetch: "telex fetch"
        case .reader: "another reader"
        }
    }

    /// Fetches one page now (a link the user follows), in this process and without the lock.
    public func fetchPage(_ url: String, allowPrivateAddresses: Bool) async -> PageFetchResult {
        await service.fetchPage(url, allowPrivateAddresses: allowPrivateAddresses, prefetchRelated: 0)
    }
}

extension CacheSession: PageLoading {
    /// A followed link: the cached page when there is one, else fetched and extracted now. Pages
    /// that are not articles (PDFs, images, video) go back to the reader as browser offers.
    public func followLink(_ url: String, post: @escaping @Sendable (Action) -> Void) -> PageLoadHandle {
        let task = Task.detached { [self] in
            if LinkKind.isObviouslyNotAnArticle(url) { post(.linkNotAnArticle(url)); return }
            if let doc = self.cachedDocument(url) { self.show(url, doc, post: post); return }
            if let stored = try? self.store.article(forURL: url), stored.status == .notWebPage {
                post(.linkNotAnArticle(url)); return
            }
            post(.pageFetchProgressed(url: url, bytes: 0))
            let result = await self.fetchPage(url, allowPrivateAddresses: self.mayFetchPrivately(url))
            if Task.isCancelled { return }
            switch result {
            case .saved:
                if let doc = self.cachedDocument(url) { self.show(url, doc, post: post); post(.cacheChanged) }
                else { post(.linkNotAnArticle(url)) }
            case .notWebPage:
                post(.linkNotAnArticle(url))
            case .failed(let message):
                post(.pageFetchFailed(url: url, message))
            }
        }
        return PageLoadHandle { task.cancel() }
    }

    /// Fetches a page for later reading (`s` on a link) and tells the user when it is saved.
    public func saveForLater(_ url: String, post: @escaping @Sendable (Action) -> Void) {
        Task.detached { [self] in
            if self.cachedDocument(url) == nil {
                switch await self.fetchPage(url, allowPrivateAddresses: self.mayFetchPrivately(url)) {
                case .saved: break
                case .notWebPage: post(.notice("Not a web page (o opens it in the browser): \(url)")); return
                case .failed(let message): post(.failed("Could not save \(url): \(message)")); return
                }
            }
            // In Saved, and found by search with the page's text.
            do {
                let page = try self.store.savePage(url)
                post(.notice((page.wasSaved ? "Already in Saved: " : "Saved for offline reading (in Saved): ") + page.title))
                post(.cacheChanged)
            } catch {
                post(.failed("Could not save \(url): \(error)"))
            }
        }
    }

    /// A followed page to the reader (its related stories marked when cached), then what its layout
    /// will want (see `CacheRunner.prepare`). A story of a list reached this way is read, as if opened there.
    private func show(_ url: String, _ document: ArticleDocument, post: @escaping @Sendable (Action) -> Void) {
        var document = document
        if !document.related.isEmpty, let cached = try? store.cachedArticleURLs(among: document.relatedURLs) {
            document = document.markingCached(cached)
        }
        let preparation = LineBreaker.preparation(for: document)
        post(.pageLoaded(url: url, document))
        CacheRunner.prepare(preparation, post: post)
        if let read = try? store.markReadByURL(url), !read.isEmpty { post(.cacheChanged) }
    }

    func cachedDocument(_ url: String) -> ArticleDocument? {
        guard let stored = try? store.article(forURL: url), !stored.status.isFailure, let data = stored.documentJSON else { return nil }
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
