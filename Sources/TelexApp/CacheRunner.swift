import Foundation
import TelexArticles
import TelexImages
import TelexModel
import TelexUI

/// The one interpreter of I/O effects, shared by the live reader and the headless session: one
/// exhaustive switch (a new effect does not compile until it is handled here). Live, cache work
/// runs on one serial queue (never the terminal thread, never Swift's async pool); inline (tests,
/// the headless session, the UI bench) it runs on the caller's thread before `perform` returns.
public final class CacheRunner: EffectRunner, @unchecked Sendable {
    /// Only touched on `queue` (or the caller's thread when inline).
    private let cache: any CacheReading
    private let queue = DispatchQueue(label: "telex.cache-runner", qos: .userInitiated)
    private static let artQueue = DispatchQueue(label: "telex.picture-art", qos: .userInitiated)
    /// True: everything runs before `perform` returns, dictionaries included.
    public let inline: Bool
    /// The most search results shown (the list of results is bounded like any other).
    public let searchLimit: Int
    /// Asked to refresh (`r`); nil without a fetch service (the built-in demo data).
    private let refresh: (@Sendable (@escaping @Sendable (Action) -> Void) -> Void)?
    /// Follows links of the reading view; nil without a cache (the built-in demo data).
    private let pages: (any PageLoading)?
    private var pageLoad: PageLoadHandle?
    /// Adds, removes and moves feeds (`a`, `F`); nil where feeds.json is not the user's (the demo).
    private let subscriptions: (any SubscriptionEditing)?
    private var discovery: PageLoadHandle?

    public init(cache: any CacheReading, inline: Bool = false, searchLimit: Int = 500,
                refresh: (@Sendable (@escaping @Sendable (Action) -> Void) -> Void)? = nil,
                pages: (any PageLoading)? = nil, subscriptions: (any SubscriptionEditing)? = nil) {
        self.cache = cache; self.inline = inline; self.searchLimit = searchLimit; self.refresh = refresh; self.pages = pages
        self.subscriptions = subscriptions
    }

    public func perform(_ effect: IOEffect, post: @escaping @Sendable (Action) -> Void) {
        switch effect {
        case .loadSections:
            onQueue(post) {
                post(.sectionsLoaded(try self.cache.sections(), savedCount: try self.cache.savedCount(),
                                     queries: try self.cache.savedQueries()))
                post(.accountsLoaded(try self.cache.accountStatuses()))
            }
        case .loadHeadlines(let query):
            onQueue(post) {
                do {
                    let (rows, total) = try self.page(query)
                    post(.headlinesLoaded(query, rows, total: total))
                } catch {
                    post(.headlinesFailed(query, "Could not read the cache: \(error)"))
                }
            }
        case .loadItem(let id):
            onQueue(post) { self.prepare(self.loadItem(id, post: post), post: post) }
        case .loadPictures(let id):
            onQueue(post) { post(.picturesLoaded(id, PictureFiles.decode(try self.cache.pictureFiles(id)))) }
        case .loadPreviewPicture(let id, let url):
            onQueue(post) {
                guard let path = try self.cache.pictureFiles(id)[url], let picture = PictureFiles.decode([url: path])[url] else { return }
                post(.previewPictureLoaded(id, url: url, picture.image))
            }
        case .loadPagePictures(let url):
            onQueue(post) { post(.pagePicturesLoaded(url: url, PictureFiles.decode(try self.cache.pictureFiles(articleURL: url)))) }
        case .drawArt(let jobs):
            // A queue of its own: libchafa's milliseconds delay no cache read.
            if inline { post(.artDrawn(jobs.map { $0.draw() })) } else { Self.artQueue.async { post(.artDrawn(jobs.map { $0.draw() })) } }
        case .search(let q):
            onQueue(post) {
                do {
                    post(.searchFinished(q, try self.cache.search(q, limit: self.searchLimit)))
                } catch {
                    // A query that does not parse ("column 7: unclosed quote"), or one this cache cannot run.
                    post(.searchFinished(q, []))
                    post(.failed("Search: \(error)"))
                }
            }
        case .loadCluster(let id):
            onQueue(post) { post(.clusterLoaded(id, try self.cache.clusterHeadlines(of: id, limit: self.searchLimit))) }
        case .setRead(let ids, let read):
            onQueue(post) { try self.cache.setRead(ids, read); post(.cacheChanged) }
        case .setSaved(let id, let saved):
            onQueue(post) { try self.cache.setSaved(id, saved); post(.cacheChanged) }
        case .markAllRead(let scope):
            onQueue(post) {
                let ids = try self.cache.markAllRead(scope)
                post(.markedAllRead(scope, ids))
                post(.cacheChanged)
            }
        case .refresh:
            if let refresh { refresh(post) } else { post(.failed("This reader has no feeds to fetch (the built-in demo data)")) }
        case .followLink(let url):
            guard let pages else {
                post(.pageFetchFailed(url: url, "following links needs the cache: run telex demo or telex fetch"))
                return
            }
            pageLoad?.cancel()
            pageLoad = pages.followLink(url, post: post)
        case .cancelFetch:
            pageLoad?.cancel()
            pageLoad = nil
        case .saveURLForLater(let url):
            if let pages { pages.saveForLater(url, post: post) } else { post(.failed("Saving links needs the cache (not the built-in demo data): " + url)) }
        case .discoverFeeds(let address, let section):
            discovery?.cancel()
            if let subscriptions { discovery = subscriptions.discover(address, section: section, post: post) }
            else { post(.discoveryFailed(address: address, Self.noSubscriptions)) }
        case .cancelDiscovery:
            discovery?.cancel()
            discovery = nil
        case .subscribe(let feeds, let section):
            if let subscriptions { subscriptions.subscribe(feeds, section: section, post: post) } else { post(.failed(Self.noSubscriptions)) }
        case .unsubscribe(let url):
            if let subscriptions { subscriptions.unsubscribe(url: url, post: post) } else { post(.failed(Self.noSubscriptions)) }
        case .moveFeed(let url, let section):
            if let subscriptions { subscriptions.move(url: url, toSection: section, post: post) } else { post(.failed(Self.noSubscriptions)) }
        }
    }

    /// Performs `effect` inline and returns what it posted, in order (tests, the headless session).
    public func run(_ effect: IOEffect) -> [Action] {
        let posted = PostedActions()
        perform(effect) { posted.append($0) }
        return posted.all
    }

    /// Cache work: on the runner's queue, or now when inline; a cache error goes to the status line.
    private func onQueue(_ post: @escaping @Sendable (Action) -> Void, _ work: @escaping @Sendable () throws -> Void) {
        let body: @Sendable () -> Void = {
            do { try work() } catch { post(.failed("Could not read the cache: \(error)")) }
        }
        if inline { body() } else { queue.async(execute: body) }
    }

    /// Loads what a document's layout will want (a hyphenation dictionary: seconds for German) on
    /// a queue of its own, then has the reader lay its page out again. Until then layout goes
    /// without, rather than make the terminal thread or this runner's queue wait. Inline runners
    /// wait for it.
    func prepare(_ preparation: LayoutPreparation?, post: @escaping @Sendable (Action) -> Void) {
        if inline { preparation?.run(); return }
        Self.prepare(preparation, post: post)
    }

    static func prepare(_ preparation: LayoutPreparation?, post: @escaping @Sendable (Action) -> Void) {
        guard let preparation else { return }
        DispatchQueue.global(qos: .utility).async {
            preparation.run()
            post(.layoutPrepared)
        }
    }

    /// Reads an item, resolves its document (decoding and cleaning happen here, off the terminal
    /// thread) and posts it; returns what its layout will want, claimed before the document reached
    /// the reducer (so that layout there never loads it itself): the caller must run it.
    private func loadItem(_ id: ItemID, post: (Action) -> Void) -> LayoutPreparation? {
        do {
            var item = try cache.item(id).map(DocumentResolver.resolve)
            if let doc = item?.document, !doc.related.isEmpty {
                item?.document = doc.markingCached(try cache.cachedArticleURLs(among: doc.relatedURLs))
            }
            let preparation = item.flatMap { LineBreaker.preparation(for: $0.document) }
            post(.itemLoaded(id, item))
            return preparation
        } catch {
            post(.failed("Could not read the cache: \(error)"))
            return nil
        }
    }

    static let noSubscriptions = "These feeds are not yours to change (the demo): telex add works on your own feeds.json"

    private func page(_ q: HeadlineQuery) throws -> ([Headline], Int?) {
        switch q.position {
        case .first:
            return (try cache.headlines(q.scope, after: nil, limit: q.limit), try cache.count(q.scope))
        case .after(let c):
            return (try cache.headlines(q.scope, after: c, limit: q.limit), nil)
        case .before(let c):
            return (try cache.headlines(q.scope, before: c, limit: q.limit), nil)
        case .last:
            return (try cache.headlines(q.scope, before: .end, limit: q.limit), try cache.count(q.scope))
        case .reload(let from):
            // From the cursor's own row: "after" a cursor one id above it, at the same time.
            let after = from.map { ListCursor(sortTime: $0.sortTime, id: ItemID($0.id.rawValue &+ 1)) }
            return (try cache.headlines(q.scope, after: after, limit: q.limit), try cache.count(q.scope))
        }
    }
}

/// Actions posted by an inline runner, collected in order.
final class PostedActions: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Action] = []
    func append(_ action: Action) { lock.lock(); actions.append(action); lock.unlock() }
    var all: [Action] { lock.lock(); defer { lock.unlock() }; return actions }
}
