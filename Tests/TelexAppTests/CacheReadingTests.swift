import Foundation
import Testing
import TelexArticles
import TelexModel
import TelexUI
@testable import TelexApp

/// The paging contract the runner relies on, checked on both fakes (the store must meet it too).
@Suite struct CacheReadingContractTests {
    static func caches() -> [(String, any CacheReading)] {
        [("demo", DemoData.cache(now: Date(timeIntervalSince1970: 1_790_000_000))), ("synthetic", SyntheticCache(count: 250))]
    }

    @Test(arguments: [0, 1]) func afterAndBeforeWalkTheWholeListWithoutGapsOrRepeats(_ which: Int) throws {
        let (_, cache) = Self.caches()[which]
        let total = try cache.count(.all)
        var seen: [Headline] = []
        var cursor: ListCursor?
        while true {
            let page = try cache.headlines(.all, after: cursor, limit: 7)
            if page.isEmpty { break }
            seen += page
            cursor = page.last.map { ListCursor(sortTime: $0.sortTime, id: $0.id) }
        }
        #expect(seen.count == total)
        #expect(Set(seen.map(\.id)).count == total)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.sortTime >= $1.sortTime })
        // Walking back from the end with `before` gives the same rows.
        var back: [Headline] = []
        var before = ListCursor.end
        while true {
            let page = try cache.headlines(.all, before: before, limit: 9)
            if page.isEmpty { break }
            back = page + back
            before = ListCursor(sortTime: page[0].sortTime, id: page[0].id)
        }
        #expect(back.map(\.id) == seen.map(\.id))
    }

    @Test func markAllReadReturnsWhatItChangedAndCountsFollow() throws {
        let cache = DemoData.cache()
        let world = SectionID(1)
        // World has 20 items (four titles, five rounds); the two oldest rounds are read.
        #expect(try cache.sections().first { $0.id == world }!.unread == 12)
        let ids = try cache.markAllRead(.section(world))
        #expect(ids.map(\.rawValue).sorted() == [1, 2, 7, 8, 13, 14, 19, 20, 25, 26, 31, 32])
        #expect(try cache.sections().first { $0.id == world }!.unread == 0)
        try cache.setRead(ids, false)
        #expect(try cache.sections().first { $0.id == world }!.unread == 12)
    }

    @Test func searchIgnoresCaseAndAccents() throws {
        let cache = DemoData.cache()
        let title = "Élections européennes : les résultats région par région"
        #expect(try cache.search("elections", limit: 50).map(\.title) == [title] + (2...5).map { "\(title) (\($0))" })
        #expect(try cache.search("ELECTIONS EUROPEENNES", limit: 2).map(\.title) == [title, title + " (2)"])
    }
}

@Suite struct CacheRunnerTests {
    @Test func pagesComeBackAsActionsWithCounts() {
        let runner = CacheRunner(cache: SyntheticCache(count: 1_000), inline: true)
        let first = HeadlineQuery(scope: .all, position: .first, limit: 10)
        var actions = runner.run(.loadHeadlines(first))
        guard case .headlinesLoaded(let q, let rows, let total)? = actions.first else { Issue.record("no page"); return }
        #expect(q == first && rows.count == 10 && total == 1_000 && rows[0].id == ItemID(1_000))
        let last = HeadlineQuery(scope: .all, position: .last, limit: 10)
        actions = runner.run(.loadHeadlines(last))
        guard case .headlinesLoaded(_, let tail, _)? = actions.first else { Issue.record("no page"); return }
        #expect(tail.map(\.id.rawValue) == Array((1...10).reversed()))
        let reload = HeadlineQuery(scope: .all, position: .reload(from: rows[3].cursor), limit: 5)
        actions = runner.run(.loadHeadlines(reload))
        guard case .headlinesLoaded(_, let again, _)? = actions.first else { Issue.record("no page"); return }
        #expect(again.first?.id == rows[3].id)
    }

    @Test func writesAnnounceACacheChange() {
        let runner = CacheRunner(cache: DemoData.cache(), inline: true)
        #expect(runner.run(.setRead([ItemID(1)], true)) == [.cacheChanged])
    }

    @Test func asynchronousEffectsPostFromTheRunnersQueue() async {
        let runner = CacheRunner(cache: DemoData.cache())
        let posted = AsyncStream<Action>.makeStream()
        runner.perform(.loadSections) { posted.continuation.yield($0) }
        var iterator = posted.stream.makeAsyncIterator()
        let action = await iterator.next()
        guard case .sectionsLoaded(let sections, _, _)? = action else { Issue.record("got \(String(describing: action))"); return }
        #expect(sections.map(\.name) == ["World", "Wirtschaft", "Tech", "Culture"])
    }

    /// A cache whose every item is one Italian story (the demo's for everything else).
    struct ItalianItemCache: CacheReading {
        let demo = DemoData.cache()
        let language: String
        func sections() throws -> [SectionSummary] { try demo.sections() }
        func savedCount() throws -> Int { try demo.savedCount() }
        func headlines(_ scope: ListScope, after: ListCursor?, limit: Int) throws -> [Headline] { try demo.headlines(scope, after: after, limit: limit) }
        func headlines(_ scope: ListScope, before: ListCursor, limit: Int) throws -> [Headline] { try demo.headlines(scope, before: before, limit: limit) }
        func count(_ scope: ListScope) throws -> Int { try demo.count(scope) }
        func item(_ id: ItemID) throws -> ItemDetail? {
            let doc = ArticleDocument(metadata: ArticleMetadata(language: language), blocks: [.paragraph([.text("precipitevolissimevolmente")])])
            let headline = Headline(id: id, feedID: FeedID(1), title: "Storia", source: "Giornale", link: nil,
                                    sortTime: Date(timeIntervalSince1970: 0), isRead: true, isSaved: false)
            return ItemDetail(headline: headline, articleJSON: ArticleDocumentCodec.encode(doc))
        }
        func search(_ query: String, limit: Int) throws -> [Headline] { [] }
        func setRead(_ ids: [ItemID], _ read: Bool) throws {}
        func setSaved(_ id: ItemID, _ saved: Bool) throws {}
        func markAllRead(_ scope: ListScope) throws -> [ItemID] { [] }
    }

    /// The item comes at once; its hyphenation dictionary is loaded after it, off the runner's
    /// queue, and the reader is told to lay the page out again. ("it-CH" is used by no other test.)
    @Test func anItemComesBeforeItsDictionaryWhichIsLoadedOnce() async {
        let runner = CacheRunner(cache: ItalianItemCache(language: "it-CH"))
        let posted = AsyncStream<Action>.makeStream()
        runner.perform(.loadItem(ItemID(7))) { posted.continuation.yield($0) }
        var iterator = posted.stream.makeAsyncIterator()
        guard case .itemLoaded(ItemID(7), let item?)? = await iterator.next() else { Issue.record("no item"); return }
        #expect(item.document.metadata.language == "it-CH")
        #expect(await iterator.next() == .layoutPrepared)
        // Loaded once: the next item of the language comes alone.
        runner.perform(.loadItem(ItemID(8))) { posted.continuation.yield($0) }
        runner.perform(.loadSections) { posted.continuation.yield($0) }
        guard case .itemLoaded(ItemID(8), _)? = await iterator.next() else { Issue.record("no second item"); return }
        guard case .sectionsLoaded? = await iterator.next() else { Issue.record("a second preparation"); return }
    }
}

@Suite struct BrowserLauncherTests {
    @Test(arguments: [
        ("", "https://a.example/x", ["xdg-open", "https://a.example/x"]),
        ("firefox", "https://a.example/x", ["firefox", "https://a.example/x"]),
        ("w3m -o x %s:lynx", "http://a.example/", ["w3m", "-o", "x", "http://a.example/"]),
    ]) func browserCommandsAreArgvWithoutAShell(_ browser: String, _ url: String, _ expected: [String]) {
        #expect(BrowserLauncher(environment: ["BROWSER": browser]).command(for: url) == expected)
    }

    @Test(arguments: ["file:///etc/passwd", "javascript:alert(1)", "not a url"])
    func onlyHTTPLinksOpen(_ url: String) {
        #expect(BrowserLauncher(environment: [:]).command(for: url) == nil)
    }
}

@Suite struct HeadlessSessionTests {
    @Test func navigatingADemoSessionOpensAndMarksRead() throws {
        let cache = DemoData.cache(now: Date(timeIntervalSince1970: 1_790_000_000))
        let session = HeadlessSession(cache: cache, width: 120, height: 40, now: Date(timeIntervalSince1970: 1_790_000_000))
        #expect(session.frame?.lines[2].contains("World") == true)
        session.press(.enter)
        let first = try #require(session.state.headlines.selected)
        #expect(!first.isRead)
        session.press(.enter)
        #expect(try cache.item(first.id)?.headline.isRead == true)
        #expect(session.state.reader?.page.itemID == first.id)
        #expect(session.frame?.lines.joined().contains("Second paragraph") == true)
    }

    /// The headless session interprets I/O with the live reader's handler and keeps the terminal's
    /// effects for the test: `o` asks for the browser, nothing runs it.
    @Test func terminalEffectsAreRecordedNotRun() throws {
        let cache = DemoData.cache(now: Date(timeIntervalSince1970: 1_790_000_000))
        let session = HeadlessSession(cache: cache, width: 120, height: 40, now: Date(timeIntervalSince1970: 1_790_000_000))
        session.press(.enter)
        session.press(.character("o"))
        let link = try #require(session.state.headlines.selected?.link)
        #expect(session.terminalEffects == [.openInBrowser(link)])
    }

    @Test func aMillionRowsPageWithABoundedWindow() {
        let session = HeadlessSession(cache: SyntheticCache(count: 1_000_000), width: 120, height: 40)
        session.press(.tab)
        session.press(.end)
        #expect(session.state.headlines.selected?.id == ItemID(1))
        #expect(session.frame?.lines.last?.contains("1000000/1000000") == true)
        for _ in 0..<50 { session.press(.pageUp) }
        #expect(session.state.headlines.rows.count <= HeadlineList.maxRows)
        session.press(.home)
        #expect(session.state.headlines.selected?.id == ItemID(1_000_000))
    }
}

/// A clock the test moves by hand: each `tick` is one poll, on the test's thread.
final class ManualPollTimer: PollTimer, @unchecked Sendable {
    private(set) var interval: Double?
    private var fire: (@Sendable () -> Void)?
    func start(interval: Double, _ fire: @escaping @Sendable () -> Void) { self.interval = interval; self.fire = fire }
    func stop() { fire = nil }
    func tick(_ times: Int = 1) { for _ in 0..<times { fire?() } }
}

@Suite struct ChangeWatcherTests {
    final class Box: @unchecked Sendable {
        var token: Int64? = 1
        var posted: [Action] = []
    }

    @Test func aMovedTokenPostsCacheChangedOncePerMove() {
        let box = Box(), clock = ManualPollTimer()
        let watcher = ChangeWatcher(interval: 0.1, timer: clock, token: { box.token }, post: { box.posted.append($0) })
        #expect(clock.interval == 0.1)
        clock.tick(3)
        #expect(box.posted == [], "the first token read is the baseline")
        box.token = 2
        clock.tick()
        #expect(box.posted == [.cacheChanged])
        clock.tick(5)
        #expect(box.posted == [.cacheChanged], "an unmoved token posts nothing")
        box.token = 3
        clock.tick()
        box.token = 4
        clock.tick()
        #expect(box.posted == [.cacheChanged, .cacheChanged, .cacheChanged])
        watcher.stop()
        box.token = 5
        clock.tick()
        #expect(box.posted.count == 3, "a stopped watcher polls no more")
    }

    @Test func anUnreadableTokenIsIgnoredAndTheNextReadCompares() {
        let box = Box(), clock = ManualPollTimer()
        let watcher = ChangeWatcher(timer: clock, token: { box.token }, post: { box.posted.append($0) })
        clock.tick()
        box.token = nil
        clock.tick(2)
        #expect(box.posted == [])
        box.token = 1
        clock.tick()
        #expect(box.posted == [], "the same token as before the gap")
        box.token = 7
        clock.tick()
        #expect(box.posted == [.cacheChanged])
        watcher.stop()
    }

    @Test func aChangeCallbackPostsEachTimeItSaysYes() {
        let box = Box(), clock = ManualPollTimer()
        let answers = [false, true, true, false, true]
        final class Counter: @unchecked Sendable { var n = 0 }
        let counter = Counter()
        let watcher = ChangeWatcher(timer: clock, changed: { defer { counter.n += 1 }; return answers[counter.n] },
                                    post: { box.posted.append($0) })
        clock.tick(5)
        #expect(box.posted == [.cacheChanged, .cacheChanged, .cacheChanged])
        watcher.stop()
    }
}
