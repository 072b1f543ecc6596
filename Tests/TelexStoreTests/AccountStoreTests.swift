import Foundation
import Testing
import TelexModel
@testable import TelexStore

/// The cache side of sync: account sections and feeds beside local ones, items keyed by (account,
/// remote id), the outbox written with the change, and the state rule (a queued local change wins).
@Suite("Accounts in the cache")
struct AccountStoreTests {
    static let home = AccountSpec(name: "home", type: "ttrss", url: "http://127.0.0.1:1/")

    static func remote(_ id: Int, feed: String = "10", read: Bool = false, starred: Bool = false) -> RemoteItem {
        RemoteItem(remoteID: String(id), feedID: feed,
                   item: ItemRecord(stableID: "ttrss:\(id)", link: "https://news.example/\(id)", title: "Story \(id)",
                                    published: StoreFixture.baseDate.addingTimeInterval(Double(id)), contentHTML: "<p>Text \(id)</p>"),
                   read: read, starred: starred)
    }

    /// A cache with the fixture's local sections and the account "home" with folder "World" (clashing)
    /// and "Science", feed 10 in World, 11 in Science, 12 uncategorised.
    static func fixture() throws -> (StoreFixture, AccountID) {
        let fixture = try StoreFixture()
        try fixture.store.syncAccounts([home])
        let account = try #require(try fixture.store.accountID(named: "home"))
        try fixture.store.applyAccountTree(account, folders: [RemoteFolder(remoteID: "1", title: "World"), RemoteFolder(remoteID: "2", title: "Science")],
                                           feeds: [RemoteFeed(remoteID: "10", title: "Le Monde", url: "https://lemonde.example/rss", folderID: "1"),
                                                   RemoteFeed(remoteID: "11", title: "Nature", url: "https://nature.example/rss", folderID: "2"),
                                                   RemoteFeed(remoteID: "12", title: "Loose", url: "https://loose.example/rss", folderID: nil)])
        return (fixture, account)
    }

    func outbox(_ store: Store, _ account: AccountID) throws -> [String] {
        try store.pendingChanges(account).map { "\($0.remoteID) \($0.field.rawValue) \($0.value)" }
    }

    @Test func accountFoldersBecomeSectionsAfterTheLocalOnesPrefixedWhereTheyClash() throws {
        let (fixture, _) = try Self.fixture()
        let sections = try fixture.store.sections()
        #expect(sections.map(\.name) == ["World", "Tech", "home", "home: World", "Science"])
        #expect(sections.first { $0.name == "home: World" }?.feeds.map(\.title) == ["Le Monde"])
        #expect(sections.first { $0.name == "home" }?.feeds.map(\.title) == ["Loose"])
        // The fetch pass never fetches account feeds.
        #expect(try fixture.store.feedsForFetching().map(\.url) == ["https://a.example/feed", "https://b.example/feed", "https://c.example/feed"])
        // Re-reading feeds.json keeps the account's sections and feeds.
        try fixture.store.syncConfiguration(StoreFixture.config)
        #expect(try fixture.store.sections().map(\.name) == ["World", "Tech", "home", "home: World", "Science"])
    }

    @Test func itemsAreStoredOnceByRemoteIdWithTheServersState() throws {
        let (fixture, account) = try Self.fixture()
        let new = try fixture.store.applyRemoteItems(account, [Self.remote(1), Self.remote(2, read: true), Self.remote(3, starred: true),
                                                               Self.remote(4, feed: "99")])
        #expect(new == 3)
        #expect(try fixture.store.applyRemoteItems(account, [Self.remote(1), Self.remote(2, read: true)]) == 0)
        let headlines = try fixture.allHeadlines(.all).filter { $0.title.hasPrefix("Story") }
        #expect(headlines.map(\.title) == ["Story 3", "Story 2", "Story 1"])
        #expect(headlines.map(\.isRead) == [false, true, false])
        #expect(headlines.map(\.isSaved) == [true, false, false])
        let feed = try #require(try fixture.store.sections().flatMap(\.feeds).first { $0.title == "Le Monde" })
        #expect(feed.unread == 2)
        #expect(try fixture.store.accountStates().first?.items == 3)
    }

    /// The server's copy of a story a local feed has too (the same link, tracking parameters aside).
    static func copy(_ n: Int, id: Int, read: Bool = false, starred: Bool = false) -> RemoteItem {
        RemoteItem(remoteID: String(id), feedID: "10",
                   item: ItemRecord(stableID: "ttrss:\(id)", link: "https://A.example/item/\(n)?utm_source=rss", title: "Copy \(n)",
                                    published: StoreFixture.baseDate, contentHTML: "<p>Copy \(n)</p>"),
                   read: read, starred: starred)
    }

    @Test func oneStoryInALocalFeedAndAnAccountHasOneState() throws {
        let (fixture, account) = try Self.fixture()
        try fixture.addItems("https://a.example/feed", count: 3)
        // Each copy from its own feed's list (All shows the story once: docs/cache-schema.md, "Stories").
        func item(_ title: String) throws -> Headline {
            let copies = try fixture.store.sections().flatMap(\.feeds).flatMap { try fixture.allHeadlines(.feed($0.id)) }
            return try #require(copies.first { $0.title == title })
        }
        // Read here before the server's copy arrives: the copy arrives read, and the server is told.
        try fixture.store.setRead([try item("item 0").id], true)
        try fixture.store.applyRemoteItems(account, [Self.copy(0, id: 100), Self.copy(1, id: 101), Self.copy(2, id: 102)])
        #expect(try item("Copy 0").isRead && !item("Copy 1").isRead)
        #expect(try outbox(fixture.store, account) == ["100 read true"])
        // All and Unread list each shared story once, with the other copy's feed as another outlet.
        let all = try fixture.allHeadlines(.all).filter { $0.title.hasPrefix("item ") || $0.title.hasPrefix("Copy ") }
        #expect(all.count == 3 && all.allSatisfy { $0.alsoIn.count == 1 })
        #expect(try fixture.allHeadlines(.unread).filter { $0.title.hasPrefix("item ") || $0.title.hasPrefix("Copy ") }.count == 2)
        // Reading the local copy reads the account's and queues it; saving the account's copy saves the local one.
        try fixture.store.setRead([try item("item 1").id], true)
        try fixture.store.setSaved(try item("Copy 2").id, true)
        #expect(try item("Copy 1").isRead && item("item 2").isSaved)
        #expect(try outbox(fixture.store, account) == ["100 read true", "101 read true", "102 starred true"])
        // Read on another device (not in the server's unread set): the local copy is read too, nothing queued.
        try fixture.store.applyServerSet(account, field: .read, ids: [])
        #expect(try item("item 2").isRead)
        #expect(try outbox(fixture.store, account).count == 3)
        let feeds = try fixture.store.sections().flatMap(\.feeds)
        #expect(feeds.first { $0.url == "https://a.example/feed" }?.unread == 0)
        #expect(feeds.first { $0.title == "Le Monde" }?.unread == 0)
        #expect(try fixture.store.savedCount() == 2)
        // Marking a section read reads the copies elsewhere, and undo unreads them all.
        try fixture.store.setRead([try item("item 2").id, try item("Copy 2").id], false)
        let changed = try fixture.store.markAllRead(.feed(try fixture.feedID("https://a.example/feed")))
        #expect(Set(changed) == Set([try item("item 2").id, try item("Copy 2").id]))
    }

    @Test func readAndSavedChangesToAccountItemsAreQueuedInTheSameTransaction() throws {
        let (fixture, account) = try Self.fixture()
        try fixture.store.applyRemoteItems(account, [Self.remote(1), Self.remote(2)])
        try fixture.addItems("https://a.example/feed", count: 2)
        let all = try fixture.allHeadlines(.all)
        let story1 = try #require(all.first { $0.title == "Story 1" }), story2 = try #require(all.first { $0.title == "Story 2" })
        try fixture.store.setRead([story1.id], true)
        try fixture.store.setSaved(story2.id, true)
        try fixture.store.setRead([story1.id], false)
        // A local item changes nothing in the outbox; a change that changes nothing queues nothing.
        try fixture.store.setRead(all.filter { $0.title.hasPrefix("item") }.map(\.id), true)
        try fixture.store.setSaved(story2.id, true)
        #expect(try outbox(fixture.store, account) == ["1 read true", "2 starred true", "1 read false"])
        _ = try fixture.store.markAllRead(.all)
        #expect(try outbox(fixture.store, account).count == 5)
        #expect(try fixture.store.accountStates().first?.pending == 5)
        let pending = try fixture.store.pendingChanges(account, limit: 2)
        try fixture.store.removePushed(pending.map(\.id))
        #expect(try outbox(fixture.store, account).prefix(1) == ["1 read false"])
    }

    @Test func theServersSetsApplyExceptWhereALocalChangeWaits() throws {
        let (fixture, account) = try Self.fixture()
        try fixture.store.applyRemoteItems(account, [Self.remote(1), Self.remote(2), Self.remote(3), Self.remote(4, read: true)])
        let story = { (n: Int) in try #require(try fixture.allHeadlines(.all).first { $0.title == "Story \(n)" }) }
        // Read here, not pushed yet: the server still says unread, the local change wins.
        try fixture.store.setRead([story(1).id], true)
        // The server: 2 read elsewhere, 4 marked unread elsewhere, 3 starred elsewhere.
        let changed = try fixture.store.applyServerSet(account, field: .read, ids: ["1", "3", "4"])
        #expect(changed == 2)
        #expect(try fixture.store.applyServerSet(account, field: .starred, ids: ["3"]) == 1)
        #expect(try [1, 2, 3, 4].map { try story($0).isRead } == [true, true, false, false])
        #expect(try [1, 2, 3, 4].map { try story($0).isSaved } == [false, false, true, false])
        let feed = try #require(try fixture.store.sections().flatMap(\.feeds).first { $0.title == "Le Monde" })
        #expect(feed.unread == 2)
        // Once pushed, the server's state counts again.
        try fixture.store.removePushed(try fixture.store.pendingChanges(account).map(\.id))
        #expect(try fixture.store.applyServerSet(account, field: .read, ids: ["1", "3", "4"]) == 1)
        #expect(try story(1).isRead == false)
    }

    @Test func aFeedGoneFromTheServerLeavesItsSectionAndARemovedAccountLeavesEverything() throws {
        let (fixture, account) = try Self.fixture()
        try fixture.store.applyRemoteItems(account, [Self.remote(1)])
        let story = try #require(try fixture.allHeadlines(.all).first { $0.title == "Story 1" })
        try fixture.store.setRead([story.id], true)
        try fixture.store.applyAccountTree(account, folders: [RemoteFolder(remoteID: "2", title: "Science")],
                                           feeds: [RemoteFeed(remoteID: "11", title: "Nature", url: "https://nature.example/rss", folderID: "2")])
        #expect(try fixture.store.sections().map(\.name) == ["World", "Tech", "Science"])
        try fixture.store.syncAccounts([])
        #expect(try fixture.store.sections().map(\.name) == ["World", "Tech"])
        #expect(try fixture.store.accountStates().isEmpty)
        #expect(try fixture.store.pendingChanges(account).isEmpty)
    }

    @Test func theCursorMovesWithTheItemsAndASyncResultIsRecorded() throws {
        let (fixture, account) = try Self.fixture()
        #expect(try fixture.store.accountCursor(account) == nil)
        try fixture.store.applyRemoteItems(account, [Self.remote(7)], cursor: "7")
        #expect(try fixture.store.accountCursor(account) == "7")
        let t0 = StoreFixture.baseDate
        try fixture.store.recordSync(account, AccountSyncResult(at: t0, status: .unreachable, error: "server unreachable: refused"))
        try fixture.store.recordSync(account, AccountSyncResult(at: t0.addingTimeInterval(60), status: .unreachable, error: "again"))
        var state = try #require(try fixture.store.accountStates().first)
        #expect(state.status == .unreachable)
        #expect(state.failingSince == t0)
        #expect(state.error == "again")
        try fixture.store.recordSync(account, AccountSyncResult(at: t0.addingTimeInterval(120), status: .ok))
        state = try #require(try fixture.store.accountStates().first)
        #expect(state.status == .ok)
        #expect(state.failingSince == nil)
        #expect(state.lastSuccess == t0.addingTimeInterval(120))
        // The same name on another server starts over.
        try fixture.store.syncAccounts([AccountSpec(name: "home", type: "ttrss", url: "http://127.0.0.1:2/")])
        #expect(try fixture.store.accountCursor(account) == nil)
    }
}
