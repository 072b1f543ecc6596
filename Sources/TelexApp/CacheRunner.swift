import Foundation
import TelexArticles
import TelexModel
import TelexUI

/// Performs the reducer's effects against a cache on one serial queue (never the terminal thread,
/// never Swift's async pool) and posts the results back as actions.
public final class CacheRunner: EffectRunner, @unchecked Sendable {
    /// Only touched on `queue`.
    private let cache: any CacheReading
    private let queue = DispatchQueue(label: "telex.cache-runner", qos: .userInitiated)
    /// The most search results shown (the list of results is bounded like any other).
    public let searchLimit: Int
    /// Asked to refresh (`r`); nil until the fetch service is wired in.
    private let refresh: (@Sendable (@escaping @Sendable (Action) -> Void) -> Void)?
    /// Follows links of the reading view; nil without a cache (the built-in demo data).
    private let pages: (any PageLoading)?
    private var pageLoad: PageLoadHandle?
    /// Adds, removes and moves feeds (`a`, `F`); nil where feeds.json is not the user's (the demo).
    private let subscriptions: (any SubscriptionEditing)?
    private var discovery: PageLoadHandle?

    public init(cache: any CacheReading, searchLimit: Int = 500,
                refresh: (@Sendable (@escaping @Sendable (Action) -> Void) -> Void)? = nil,
                pages: (any PageLoading)? = nil, subscriptions: (any SubscriptionEditing)? = nil) {
        self.cache = cache; self.searchLimit = searchLimit; self.refresh = refresh; self.pages = pages
        self.subscriptions = subscriptions
    }

    public func perform(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        switch effect {
        case .quit, .suspend, .openInBrowser, .copyToClipboard:
            return  // The loop performs these: they need the terminal.
        case .refresh:
            if let refresh { refresh(post) } else { post(.failed("Fetching from the reader is not wired yet: run `telex fetch`")) }
        case .followLink(let url) where pages != nil:
            pageLoad?.cancel()
            pageLoad = pages!.followLink(url, post: post)
        case .cancelFetch:
            pageLoad?.cancel()
            pageLoad = nil
        case .saveURLForLater(let url) where pages != nil:
            pages!.saveForLater(url, post: post)
        case .loadItem(let id):
            queue.async { Self.prepare(self.loadItem(id, post: post), post: post) }
        case .discoverFeeds(let address):
            discovery?.cancel()
            if let subscriptions { discovery = subscriptions.discover(address, post: post) }
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
        default:
            queue.async { self.run(effect, post: post) }
        }
    }

    /// Loads what a document's layout will want (a hyphenation dictionary: seconds for German) on
    /// a queue of its own, then has the reader lay its page out again. Until then layout goes
    /// without, rather than make the terminal thread or this runner's queue wait.
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
            let item = try cache.item(id).map(DocumentResolver.resolve)
            let preparation = item.flatMap { LineBreaker.preparation(for: $0.document) }
            post(.itemLoaded(id, item))
            return preparation
        } catch {
            post(.failed("Could not read the cache: \(error)"))
            return nil
        }
    }

    /// Runs one effect synchronously (on the runner's queue, or directly in tests and benchmarks).
    public func run(_ effect: Effect, post: (Action) -> Void) {
        do {
            switch effect {
            case .loadSections:
                post(.sectionsLoaded(try cache.sections(), savedCount: try cache.savedCount()))
            case .loadHeadlines(let query):
                do {
                    let (rows, total) = try page(query)
                    post(.headlinesLoaded(query, rows, total: total))
                } catch {
                    post(.headlinesFailed(query, "Could not read the cache: \(error)"))
                }
            case .loadItem(let id):
                // Synchronous callers (tests, the headless session) wait for the dictionary too.
                loadItem(id, post: post)?.run()
            case .search(let q):
                post(.searchFinished(q, try cache.search(q, limit: searchLimit)))
            case .setRead(let ids, let read):
                try cache.setRead(ids, read)
                post(.cacheChanged)
            case .setSaved(let id, let saved):
                try cache.setSaved(id, saved)
                post(.cacheChanged)
            case .markAllRead(let scope):
                let ids = try cache.markAllRead(scope)
                post(.markedAllRead(scope, ids))
                post(.cacheChanged)
            case .followLink(let url):
                // Without a cache (the built-in demo data) there is nothing to follow links with.
                post(.pageFetchFailed(url: url, "following links needs the cache: run telex demo or telex fetch"))
            case .saveURLForLater(let url):
                post(.failed("Saving links for later is not wired yet: " + url))
            case .quit, .suspend, .refresh, .openInBrowser, .copyToClipboard, .cancelFetch, .discoverFeeds, .cancelDiscovery,
                 .subscribe, .unsubscribe, .moveFeed:
                break
            }
        } catch {
            post(.failed("Could not read the cache: \(error)"))
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
