import Foundation
import TelexConfig
import TelexFetch
import TelexModel
import TelexStore
import TelexSync
import TelexUI

/// What the reader's `a` and `F` need: feed discovery and safe feeds.json edits.
public protocol SubscriptionEditing: AnyObject, Sendable {
    /// Finds the feeds at an address, to add to `section` (feeds it already has there are said so, not
    /// offered); answers `.feedsDiscovered` or `.discoveryFailed`.
    func discover(_ address: String, section: String, post: @escaping @Sendable (Action) -> Void) -> PageLoadHandle
    func subscribe(_ feeds: [FeedCandidate], section: String, post: @escaping @Sendable (Action) -> Void)
    func unsubscribe(url: String, post: @escaping @Sendable (Action) -> Void)
    func move(url: String, toSection: String, post: @escaping @Sendable (Action) -> Void)
}

/// The live `SubscriptionEditing`: `FeedDiscovery` through the fetch service's HTTP client, edits
/// through `FeedsFile` (the lock, the atomic write, feeds.json.bak), exactly as `telex add`,
/// `remove` and `move` do; then `applied` makes the reader follow the new feeds.json at once (its
/// sections change and a new feed is fetched). A feed or section of an account goes to its server
/// instead (`AccountSubscriptions`, as for `telex add --account`), and the cache follows the server.
public final class SubscriptionService: SubscriptionEditing, @unchecked Sendable {
    private let file: FeedsFile
    private let discovery: FeedDiscovery
    /// What the cache knows of configured feeds: where they moved for good (for duplicate checks) and
    /// the names the reader shows (for messages).
    private let knowledge: @Sendable () -> CacheKnowledge
    private let applied: @Sendable (@escaping @Sendable (Action) -> Void) -> Void
    /// The accounts' side (nil: no accounts).
    private let accounts: @Sendable () -> AccountSubscriptions?
    /// feeds.json is edited off the terminal thread, one change at a time.
    private let queue = DispatchQueue(label: "telex.subscriptions", qos: .userInitiated)

    public init(file: FeedsFile, http: any HTTPFetching, knowledge: @escaping @Sendable () -> CacheKnowledge = { CacheKnowledge() },
                accounts: @escaping @Sendable () -> AccountSubscriptions? = { nil },
                applied: @escaping @Sendable (@escaping @Sendable (Action) -> Void) -> Void) {
        self.file = file; self.discovery = FeedDiscovery(http: http); self.knowledge = knowledge; self.accounts = accounts
        self.applied = applied
    }

    public func discover(_ address: String, section: String, post: @escaping @Sendable (Action) -> Void) -> PageLoadHandle {
        let discovery = self.discovery, file = self.file, knowledge = self.knowledge, accounts = self.accounts
        let task = Task.detached {
            do {
                // Already subscribed where the feed would go: feeds.json, or the account whose section it is.
                let existing: (String) -> (name: String?, section: String)?
                if let remote = accounts(), let target = try? remote.section(named: section) {
                    existing = { url in
                        ((try? remote.feeds(named: url)) ?? []).first { $0.account == target.account }
                            .map { ($0.title, "\($0.section) on \(target.account)") }
                    }
                } else {
                    let known = knowledge()
                    let subscriptions = Subscriptions(try file.load(), redirects: known.redirects)
                    existing = { url in subscriptions.existing(url).map { (known.name($0.feed), $0.section) } }
                }
                let complete = try FeedDiscovery.completeAddress(address)
                if let found = existing(complete) {
                    post(.discoveryFailed(address: address, "Already subscribed: \(found.name ?? complete) in \(found.section)"))
                    return
                }
                let report = try await discovery.discover(complete)
                if Task.isCancelled { return }
                let found = report.feeds.filter { feed in ([feed.url] + feed.addresses).allSatisfy { existing($0) == nil } }
                if found.isEmpty, let first = report.feeds.first, let there = ([first.url] + first.addresses).lazy.compactMap(existing).first {
                    post(.discoveryFailed(address: address, "Already subscribed: \(first.title ?? first.url) in \(there.section)"))
                    return
                }
                post(.feedsDiscovered(address: address, found.map { FeedCandidate(url: $0.url, title: $0.title, itemCount: $0.itemCount) }))
            } catch let error as DiscoveryError {
                post(.discoveryFailed(address: address, "Could not read \(error)"))
            } catch {
                post(.discoveryFailed(address: address, "\(error)"))
            }
        }
        return PageLoadHandle { task.cancel() }
    }

    public func subscribe(_ feeds: [FeedCandidate], section: String, post: @escaping @Sendable (Action) -> Void) {
        if let remote = accounts(), let target = try? remote.section(named: section) {
            return onServer(target.account, post: post) { remote throws(SyncError) in
                let folder = target.folder.map(FolderChoice.existing) ?? .none
                var added: [String] = []
                for feed in feeds where (try remote.feeds(named: feed.url)).allSatisfy({ $0.account != target.account }) {
                    _ = try await remote.subscribe(feed.url, account: target.account, folder: folder)
                    added.append(feed.title ?? feed.url)
                }
                guard !added.isEmpty else { return ("Already subscribed", false) }
                let what = added.count == 1 ? added[0] : "\(added.count) feeds"
                return ("Added \(what) to \(target.name) on \(target.account); syncing…", true)
            }
        }
        edit(post: post) { configuration, edit, known throws(FeedsFileError) in
            let subscriptions = Subscriptions(configuration, redirects: known.redirects)
            let fresh = feeds.filter { subscriptions.existing($0.url) == nil }
            guard !fresh.isEmpty else { return "Already subscribed" }
            let target = subscriptions.section(named: section) ?? SubscriptionText.clean(section)
            edit.append(fresh.map { FeedsJSONEdit.NewFeed(url: $0.url) }, toSection: target)
            let what = fresh.count == 1 ? (fresh[0].title ?? fresh[0].url) : "\(fresh.count) feeds"
            return "Added \(what) to \(target)" + (subscriptions.section(named: section) == nil ? " (new section)" : "") + "; fetching…"
        }
    }

    public func unsubscribe(url: String, post: @escaping @Sendable (Action) -> Void) {
        if let remote = accounts(), let feed = try? remote.feeds(named: url).first(where: { $0.key == url }) {
            return onServer(feed.account, post: post) { remote throws(SyncError) in
                let outcome = try await remote.unsubscribe(feed)
                return ("Removed \(feed.title): unsubscribed on \(feed.account); its saved items are kept" + Self.behind(outcome), false)
            }
        }
        edit(post: post) { configuration, edit, known throws(FeedsFileError) in
            guard let entry = Subscriptions(configuration, redirects: known.redirects).existing(url) else {
                throw FeedsFileError(.notFound, "\(url) is no longer in feeds.json")
            }
            if configuration.sections.reduce(0, { $0 + $1.feeds.count }) == 1 {
                throw .refused("This is the only feed: feeds.json needs at least one (add another first)")
            }
            let sectionGone = edit.removeFeed(at: entry.position)
            return "Removed \(known.name(entry.feed)); its saved items are kept"
                + (sectionGone ? " (the section \(entry.section) went with it)" : "")
        }
    }

    public func move(url: String, toSection section: String, post: @escaping @Sendable (Action) -> Void) {
        let wanted = SubscriptionText.clean(section)
        if let remote = accounts() {
            if let feed = try? remote.feeds(named: url).first(where: { $0.key == url }) {
                return onServer(feed.account, post: post) { remote throws(SyncError) in
                    let folder = try remote.folder(named: wanted, account: feed.account)
                    let same: Bool = switch folder {
                    case .none: feed.folderID == nil
                    case .existing(let f): f.remoteID == feed.folderID
                    case .new: false
                    }
                    if same { return ("\(feed.title) is already in \(feed.section)", false) }
                    let outcome = try await remote.move(feed, to: folder)
                    let now = (try? remote.feeds(named: feed.remoteURL))?.first { $0.account == feed.account }?.section ?? wanted
                    return ("Moved \(feed.title) to \(now) on \(feed.account)" + Self.behind(outcome), false)
                }
            }
            if let other = try? remote.section(named: wanted) {
                post(.failed("\(other.name) is a section of the account \(other.account): add the feed there (a), then remove it here"))
                return
            }
        }
        edit(post: post) { configuration, edit, known throws(FeedsFileError) in
            let subscriptions = Subscriptions(configuration, redirects: known.redirects)
            guard let entry = subscriptions.existing(url) else { throw FeedsFileError(.notFound, "\(url) is no longer in feeds.json") }
            let target = subscriptions.section(named: section) ?? SubscriptionText.clean(section)
            guard !target.isEmpty else { throw .refused("A section needs a name") }
            if target.caseInsensitiveCompare(entry.section) == .orderedSame { return "\(known.name(entry.feed)) is already in \(target)" }
            edit.moveFeed(at: entry.position, toSection: target)
            return "Moved \(known.name(entry.feed)) to \(target)"
        }
    }

    /// What a message adds when the server made the change but the cache could not follow it yet.
    static func behind(_ outcome: AccountSubscriptions.Outcome) -> String {
        outcome.cacheBehind.map { " (the cache follows at the next sync: \($0))" } ?? ""
    }

    /// Runs one change of an account's subscriptions on its server, off the terminal thread; reports its
    /// message (or the server's reason: nothing was changed), then syncs the account when `sync` says so.
    private func onServer(_ account: String, post: @escaping @Sendable (Action) -> Void,
                          _ change: @escaping @Sendable (AccountSubscriptions) async throws(SyncError) -> (String, sync: Bool)) {
        guard let remote = accounts() else { return }
        Task.detached {
            do throws(SyncError) {
                let (message, sync) = try await change(remote)
                post(.subscriptionsChanged(message))
                if sync, let report = try? await remote.runner.sync(only: [account]).first, report.error != nil {
                    post(.failed(SyncReport.line(report)))
                }
            } catch {
                post(.failed("\(account): \(error); nothing was changed"))
            }
        }
    }

    /// Runs one feeds.json change on the queue; reports its message, then has the reader follow the file.
    private func edit(post: @escaping @Sendable (Action) -> Void,
                      _ change: @escaping @Sendable (Configuration, inout FeedsJSONEdit, CacheKnowledge) throws(FeedsFileError) -> String) {
        let file = self.file, knowledge = self.knowledge, applied = self.applied
        queue.async {
            do {
                let known = knowledge()
                let update = try file.update { configuration, edit throws(FeedsFileError) in try change(configuration, &edit, known) }
                post(.subscriptionsChanged(update.result))
                if update.written { applied(post) }
            } catch {
                post(.failed("\(error)"))
            }
        }
    }

}

/// What the cache knows of the configured feeds, by configured URL.
public struct CacheKnowledge: Sendable {
    /// Where feeds moved for good (301/308).
    public var redirects: [String: String] = [:]
    /// The names the reader shows.
    public var titles: [String: String] = [:]
    public init(redirects: [String: String] = [:], titles: [String: String] = [:]) { self.redirects = redirects; self.titles = titles }

    /// The name messages give a feed: its configured title, else the one the reader shows, else its URL.
    public func name(_ feed: FeedConfig) -> String { feed.title ?? titles[feed.url] ?? feed.url }

    /// Read from a cache (any errors leave it empty: it only refines messages and duplicate checks).
    public init(store: Store) {
        for info in (try? store.feedsForFetching()) ?? [] {
            if let target = info.permanentRedirect { redirects[info.url] = target }
        }
        for section in (try? store.sections()) ?? [] {
            for feed in section.feeds { titles[feed.url] = feed.title }
        }
    }

    /// From the cache in `directory`, opened read-only; empty when there is none.
    public static func read(cacheDirectory directory: String) -> CacheKnowledge {
        guard let store = try? Store.open(directory: directory, readOnly: true) else { return CacheKnowledge() }
        return CacheKnowledge(store: store)
    }
}
