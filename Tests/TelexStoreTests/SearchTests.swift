import Foundation
import Testing
import TelexModel
import TelexQuery
@testable import TelexStore

@Suite("Full-text search")
struct SearchTests {
    @Test(arguments: [
        ("covid-19", "\"covid-19\"*"),
        ("C++ compilers", "\"C++\" \"compilers\"*"),
        ("say \"hi", "\"say\" \"hi\""),
        ("say \"hello", "\"say\" \"hello\"*"),
        ("learn C++", "\"learn\" \"C++\""),
        ("NOT AND OR", "\"NOT\" \"AND\" \"OR\""),
        ("  ", nil),
        ("\" ++ -", nil),
        ("東京", "\"東京\"*"),
    ] as [(String, String?)])
    func userInputBecomesQuotedTokensWithAPrefixOnTheLast(input: String, expected: String?) {
        #expect(SearchQuery.matchExpression(input) == expected)
    }

    static func fixture() throws -> StoreFixture {
        let fixture = try StoreFixture()
        let texts = [
            "Vaccines against covid-19 reach the elderly",
            "The C++ committee meets in Zürich",
            "Café culture: a history",
            "Parliament votes on the budget",
            "Budget talks stall again; budget deadline missed",
        ]
        try fixture.addItems("https://a.example/feed", count: texts.count, summary: { "<p>\(texts[$0])</p>" })
        return fixture
    }

    @Test(arguments: [
        ("covid-19", ["item 0"]),
        ("c++", ["item 1"]),
        ("zurich", ["item 1"]),
        ("cafe", ["item 2"]),
        ("parl", ["item 3"]),
        ("budget", ["item 4", "item 3"]),
        ("say \"no such phrase\"", []),
        ("!!! ???", []),
        ("nothingmatches", []),
    ])
    func searchFindsRankedMatchesForAnyInput(query: String, titles: [String]) throws {
        let fixture = try Self.fixture()
        #expect(try fixture.store.search(query, limit: 50).map(\.title) == titles)
        #expect(try fixture.store.count(.search(query)) == titles.count)
        #expect(try fixture.store.headlines(.search(query), after: nil, limit: 50).map(\.title) == titles)
    }

    /// Search takes the query language (docs/queries.md): a stray quote or parenthesis is a mistake with its column,
    /// never an FTS5 syntax error nor a crash.
    @Test(arguments: [("say \"", 5), ("\"", 1), ("budget (", 9), ("a or", 5), ("weird:thing", 1)])
    func aSearchThatDoesNotParseIsAMistakeWithItsColumn(query: String, column: Int) throws {
        let fixture = try Self.fixture()
        let error = #expect(throws: QueryError.self) { try fixture.store.search(query, limit: 50) }
        #expect(error?.column == column)
    }

    @Test func aVeryCommonTermIsRankedAmongItsNewestMatchesOnly() throws {
        let fixture = try StoreFixture()
        // The first-inserted items mention the term more often (they would rank higher); the last ten once.
        let feed = try fixture.addItems("https://a.example/feed", count: 30,
                                        summary: { $0 >= 20 ? "budget" : "budget budget budget budget" })
        try fixture.store.indexAllPending()  // the window ranks indexed matches (queued ones are few, ranked in full)
        let newest = Set(try fixture.store.headlines(.feed(feed), after: nil, limit: 30).map(\.id.rawValue).sorted().suffix(10))
        let windowed = try fixture.store.search("budget", limit: 5, rankingWindow: 10)
        #expect(windowed.count == 5 && windowed.allSatisfy { newest.contains($0.id.rawValue) })
        let unbounded = try fixture.store.search("budget", limit: 5, rankingWindow: 1_000)
        #expect(unbounded.allSatisfy { !newest.contains($0.id.rawValue) })
    }

    @Test func articleTextIsSearchable() throws {
        let fixture = try Self.fixture()
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/2", fetchedAt: Date(),
                                                        plainText: "Espresso was invented in Turin"))
        #expect(try fixture.store.search("espresso", limit: 5).map(\.title) == ["item 2"])
    }
}

@Suite("URL normalisation")
struct URLNormalizerTests {
    @Test(arguments: [
        ("HTTPS://Example.COM:443/a/b?x=1#frag", "https://example.com/a/b?x=1"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/p", "http://example.com:8080/p"),
        ("https://ex.com/p?utm_source=rss&id=3&utm_medium=feed&fbclid=abc", "https://ex.com/p?id=3"),
        ("https://ex.com/p?utm_campaign=x", "https://ex.com/p"),
        ("https://ex.com/Path/Case", "https://ex.com/Path/Case"),
        ("  https://ex.com/p  ", "https://ex.com/p"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
        ("not a url", "not a url"),
    ])
    func urlsAreNormalised(input: String, expected: String) {
        #expect(URLNormalizer.normalize(input) == expected)
    }

    /// The byte scan that skips URLComponents must only accept URLs the full parser leaves unchanged.
    @Test(arguments: [
        ("https://example.com/news/2026/11/25/story.html", true),
        ("http://a.example.org/", true),
        ("https://ex.com/a/../b;p=1,2+3~x_y-z!$&'()*=", true),
        ("https://ex.com", false), ("https://EX.com/p", false), ("https://ex.com:443/p", false),
        ("https://ex.com:8080/p", true), ("http://127.0.0.1:37747/a/0/1.html", true), ("http://ex.com:80/p", false),
        ("https://ex.com:080/p", false), ("https://ex.com:/p", false), ("https://ex.com:99999/p", false),
        ("https://ex.com:8a/p", false), ("https://ex.com/a:b", true), ("https://user@ex.com/p", false), ("https://ex.com/p?x=1", false),
        ("https://ex.com/p#top", false), ("https://ex.com/caf%C3%A9", false), ("https://ex.com/café", false),
        ("https://ex.com/a b", false), (" https://ex.com/p", false), ("ftp://ex.com/p", false), ("HTTPS://ex.com/p", false),
        ("https:///p", false), ("https://[::1]/p", false),
    ])
    func fastPathAgreesWithURLComponents(url: String, fast: Bool) {
        #expect(URLNormalizer.isAlreadyNormal(url) == fast)
        if fast { #expect(URLNormalizer.normalizeWithComponents(url) == url) }
    }
}
