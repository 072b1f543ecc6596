import Foundation
import Testing
import TelexModel
import TelexTestSupport
@testable import TelexStore

/// Fetch state as typed columns (migration v2), and what the article pass and the reader read from it.
@Suite("Typed fetch state")
struct FetchStateTests {
    static let when = StoreFixture.baseDate

    /// A cache written before v2, with the three prefixes `last_error` used to carry.
    @Test func version1PrefixesBecomeTypedColumns() throws {
        let dir = try Fixtures.temporaryDirectory("telex-v1")
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = try Store.open(directory: dir.path, readOnly: false, migratingUpTo: "v1-initial")
        try old.executeForTesting("""
            INSERT INTO section(id, name, position) VALUES (1, 'News', 0);
            INSERT INTO feed(id, url, section_id, position, last_attempt, last_success, next_due, consecutive_failures, last_error)
            VALUES (1, 'https://a.example/ok', 1, 0, 1000, 1000, 5000, 0, NULL),
                   (2, 'https://a.example/warn', 1, 1, 1000, 1000, 5000, 0, 'warning: a stray byte'),
                   (3, 'https://a.example/busy', 1, 2, 1000, 900, 7200000, 1,
                    'retry after: Thu, 01 Jan 1970 02:00:00 GMT (HTTP 429)'),
                   (4, 'https://a.example/down', 1, 3, 2000, 900, 9000, 3, 'host not found: a.example'),
                   (5, 'https://a.example/new', 1, 4, NULL, NULL, NULL, 0, NULL);
            INSERT INTO article(id, url, status, fetched_at, error)
            VALUES (1, 'https://a.example/doc.pdf', 'failed', 1000, 'not a web page (application/pdf)'),
                   (2, 'https://a.example/404', 'failed', 1000, 'HTTP 404');
            INSERT INTO url_alias(url, article_id) VALUES ('https://a.example/doc.pdf', 1), ('https://a.example/404', 2);
            """)
        let store = try Store.open(directory: dir.path)
        let health = Dictionary(try store.sections()[0].feeds.map { ($0.url, $0.health) }, uniquingKeysWith: { a, _ in a })
        #expect(health["https://a.example/ok"] == FeedHealth(status: .ok, nextTry: Date(timeIntervalSince1970: 5),
                                                             lastSuccess: Date(timeIntervalSince1970: 1)))
        #expect(health["https://a.example/warn"] == FeedHealth(status: .ok, nextTry: Date(timeIntervalSince1970: 5),
                                                               warning: "a stray byte", lastSuccess: Date(timeIntervalSince1970: 1)))
        #expect(health["https://a.example/busy"] == FeedHealth(status: .failing, message: "HTTP 429",
                                                               failingSince: Date(timeIntervalSince1970: 1),
                                                               nextTry: Date(timeIntervalSince1970: 7200),
                                                               retryAfter: Date(timeIntervalSince1970: 7200),
                                                               lastSuccess: Date(timeIntervalSince1970: 0.9)))
        #expect(health["https://a.example/down"] == FeedHealth(status: .failing, message: "host not found: a.example",
                                                               failingSince: Date(timeIntervalSince1970: 2),
                                                               nextTry: Date(timeIntervalSince1970: 9),
                                                               lastSuccess: Date(timeIntervalSince1970: 0.9)))
        #expect(health["https://a.example/new"] == FeedHealth(status: .new))
        #expect(health["https://a.example/warn"]?.isFailing == false)
        #expect(try store.article(forURL: "https://a.example/doc.pdf")?.status == .notWebPage)
        let notFound = try #require(try store.article(forURL: "https://a.example/404"))
        #expect(notFound.status == .failed && notFound.attempts == 1 && notFound.retryAt == nil)
        #expect(try store.scalarForTesting("SELECT COUNT(*) FROM pragma_table_info('feed') WHERE name = 'last_error'") == 0)
        #expect(try store.integrityProblems().isEmpty)
    }

    @Test func aWarningIsNotAFailureAndAFailureRunKeepsItsStart() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.feedID("https://a.example/feed")
        try fixture.store.recordFetchStates([FeedFetchState(feedID: feed, attemptedAt: Self.when, succeededAt: Self.when,
                                                            status: .ok, warning: "undefined entity &nbsp;")])
        var summary = try #require(try fixture.store.sections()[0].feeds.first { $0.id == feed })
        #expect(!summary.isFailing && summary.health.warning == "undefined entity &nbsp;")
        try fixture.store.recordFetchStates([FeedFetchState(feedID: feed, attemptedAt: Self.when, nextDue: Self.when.addingTimeInterval(60),
                                                            consecutiveFailures: 1, status: .failing, error: "HTTP 503",
                                                            failingSince: Self.when, retryAfter: Self.when.addingTimeInterval(60))])
        summary = try #require(try fixture.store.sections()[0].feeds.first { $0.id == feed })
        #expect(summary.health == FeedHealth(status: .failing, message: "HTTP 503", failingSince: Self.when,
                                             nextTry: Self.when.addingTimeInterval(60), retryAfter: Self.when.addingTimeInterval(60),
                                             lastSuccess: Self.when))
        let info = try #require(try fixture.store.feedsForFetching().first { $0.id == feed })
        #expect(info.retryAfter == Self.when.addingTimeInterval(60) && info.failingSince == Self.when)
    }

    @Test func untitledFeedsAreNamedByHostAndPath() throws {
        let fixture = try StoreFixture(config: [SectionSpec(name: "S", feeds: [
            FeedSpec(url: "https://www.example.org/news/rss.xml/"), FeedSpec(url: "http://127.0.0.1:8080/feed?x=1", title: "  "),
            FeedSpec(url: "https://c.example/feed", title: "Gamma"),
        ])])
        #expect(try fixture.store.sections()[0].feeds.map(\.title) == ["example.org/news/rss.xml", "127.0.0.1:8080/feed?x=1", "Gamma"])
        let feed = try fixture.feedID("https://www.example.org/news/rss.xml/")
        try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: Self.when), feedTitle: "Example News",
                                                       items: [ItemRecord(stableID: "1", title: "One")])])
        #expect(try fixture.store.sections()[0].feeds[0].title == "Example News")
        #expect(try fixture.store.headlines(.feed(feed), after: nil, limit: 1).map(\.source) == ["Example News"])
    }

    @Test func applyingResultsCountsTheNewItems() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.feedID("https://a.example/feed")
        let items = (0..<3).map { ItemRecord(stableID: "\($0)", title: "T\($0)") }
        #expect(try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: Self.when), items: items)]) == 3)
        let more = items + [ItemRecord(stableID: "3", title: "T3")]
        #expect(try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: Self.when), items: more)]) == 1)
    }

    // MARK: The article pass's candidates

    @Test func candidatesAreTheNewestItemsWithoutAPageAndFailuresDueAgain() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 5, summary: { $0 == 1 ? String(repeating: "long text ", count: 100) : "short" })
        // item 0: saved page; item 2: failed, due; item 3: failed, not yet due; item 4: failed, no retry left.
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/0", fetchedAt: Self.when, documentJSON: Data("{}".utf8)))
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/2", status: .failed, fetchedAt: Self.when,
                                                        error: "timed out", attempts: 1, retryAt: Self.when))
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/3", status: .failed, fetchedAt: Self.when,
                                                        error: "timed out", attempts: 2, retryAt: Self.when.addingTimeInterval(3600)))
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/4", status: .failed, fetchedAt: Self.when,
                                                        error: "HTTP 404", attempts: 1, retryAt: nil))
        let candidates = try fixture.store.articleCandidates(feed: feed, window: 200, now: Self.when)
        #expect(candidates.map(\.url) == ["https://a.example/item/1", "https://a.example/item/2"])
        #expect(candidates.map(\.attempts) == [0, 1])
        #expect(candidates.map(\.feedTextLength) == [999, 5])
        #expect(try fixture.store.articleCandidates(feed: feed, window: 2, now: Self.when).map(\.url) == ["https://a.example/item/1"])
    }

    @Test func itemsWrittenBeforeTheTextLengthWasStoredAreMeasuredFromTheirHTML() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 1, summary: { _ in "<p>Twelve chars</p>" })
        try fixture.store.executeForTesting("UPDATE item SET text_length = NULL")
        #expect(try fixture.store.articleCandidates(feed: feed, window: 10, now: Self.when).map(\.feedTextLength) == [12])
    }

    // MARK: Cache poisoning

    /// A page fetched from its own URL keeps that URL: another page cannot claim it with rel=canonical.
    @Test func aCanonicalURLNeverTakesOverAPageFetchedFromIt() throws {
        let fixture = try StoreFixture()
        let victim = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/story", fetchedAt: Self.when,
                                                                 title: "Real story", documentJSON: Data("{\"real\":1}".utf8)))
        let attacker = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/spam", canonicalURL: "https://a.example/story",
                                                                   fetchedAt: Self.when, title: "Spam", documentJSON: Data("{\"spam\":1}".utf8)))
        #expect(attacker != victim)
        let stored = try #require(try fixture.store.article(forURL: "https://a.example/story"))
        #expect(stored.id == victim && stored.title == "Real story" && stored.documentJSON == Data("{\"real\":1}".utf8))
        #expect(try fixture.store.article(forURL: "https://a.example/spam")?.title == "Spam")
        // Refetching the real page later keeps it its own.
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/story", fetchedAt: Self.when, title: "Real story, updated"))
        #expect(try fixture.store.article(forURL: "https://a.example/story")?.id == victim)
    }

    /// Before the fix, the canonical alias found the other article's row and overwrote it.
    @Test func aPageClaimingAnotherAsCanonicalDoesNotOverwriteItsRow() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 1)
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/0", fetchedAt: Self.when,
                                                        documentJSON: Data("{\"real\":1}".utf8), plainText: "glaciers"))
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/other", canonicalURL: "https://a.example/item/0",
                                                        fetchedAt: Self.when, documentJSON: Data("{\"other\":1}".utf8), plainText: "casino"))
        let item = try #require(try fixture.store.headlines(.feed(feed), after: nil, limit: 1).first)
        #expect(try fixture.store.item(item.id)?.articleJSON == Data("{\"real\":1}".utf8))
        #expect(try fixture.store.search("casino", limit: 5).isEmpty)
    }

    /// A canonical URL nobody fetched becomes an alias (same site: the fetcher checked), and the items
    /// linking to it get the page.
    @Test func aCanonicalURLThatIsNoPageOfItsOwnBecomesAnAlias() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 1)
        let id = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/amp/0", canonicalURL: "https://a.example/item/0",
                                                             fetchedAt: Self.when, documentJSON: Data("{}".utf8)))
        let item = try #require(try fixture.store.headlines(.feed(feed), after: nil, limit: 1).first)
        #expect(try fixture.store.article(forURL: "https://a.example/item/0")?.id == id)
        #expect(try fixture.store.item(item.id)?.articleJSON == Data("{}".utf8))
    }

    @Test func aFailedRetryNeverReplacesASavedPage() throws {
        let fixture = try StoreFixture()
        let saved = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/x", finalURL: "https://a.example/y",
                                                                fetchedAt: Self.when, documentJSON: Data("{}".utf8)))
        let failed = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/x", status: .failed, fetchedAt: Self.when,
                                                                 error: "timed out", attempts: 1, retryAt: Self.when))
        #expect(failed == saved)
        let stored = try #require(try fixture.store.article(forURL: "https://a.example/x"))
        #expect(stored.status == .ok && stored.documentJSON == Data("{}".utf8))
    }

    @Test func aPageThatFailedAndThenRedirectsMovesItsItemToTheSavedPage() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 1)
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/0", status: .failed, fetchedAt: Self.when,
                                                        error: "timed out", attempts: 1, retryAt: Self.when))
        let page = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/0", finalURL: "https://a.example/2025/story",
                                                               fetchedAt: Self.when, documentJSON: Data("{}".utf8)))
        let item = try #require(try fixture.store.headlines(.feed(feed), after: nil, limit: 1).first)
        #expect(try fixture.store.article(forURL: "https://a.example/item/0")?.id == page)
        #expect(try fixture.store.item(item.id)?.articleJSON == Data("{}".utf8))
        #expect(try fixture.store.articleCandidates(feed: feed, window: 10, now: Self.when).isEmpty)
    }
}
