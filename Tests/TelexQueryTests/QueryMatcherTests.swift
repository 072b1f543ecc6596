import Foundation
import Testing
import TelexQuery

/// `hide` rules are matched in memory (`QueryMatcher`): each term on one item, as the lists' SQL means it.
@Suite struct QueryMatcherTests {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)
    static let item = MatchableItem(
        title: "Live: Zürich’s Football final", body: "The match ended 2-1 after extra time. Crème brûlée for all.",
        author: "Ann Smith", link: "https://sport.example.co.uk/live/1", feedNames: ["Gazette Sport", "The Gazette", "https://g.example/feed"],
        section: "Sport", lang: "en", sortTime: now.addingTimeInterval(-3 * 3600))

    @Test(arguments: [
        ("football", true), ("FOOTBALL", true), ("foot", false), ("zurich", true), ("creme brulee", true),
        ("\"extra time\"", true), ("\"time extra\"", false), ("match", true), ("title:match", false), ("title:final", true),
        ("title:\"football final\"", true), ("feed:gazette", true), ("feed:g.example", true), ("feed:times", false),
        ("section:spo", true), ("section:world", false), ("author:smith", true), ("author:jones", false),
        ("site:example.co.uk", true), ("site:sport.example.co.uk", true), ("site:.example.co.uk/", true), ("site:ample.co.uk", false),
        ("newer:4h", true), ("newer:2h", false), ("older:2h", true), ("older:1d", false),
        ("/^live:/", true), ("/final$/", true), ("/^final/", false),
        ("football and not cricket", true), ("cricket or rugby", false), ("-football", false), ("(cricket or final) and site:example.co.uk", true),
        ("2", true), ("1", true), ("3", false), ("lang:en", true), ("lang:EN-GB", true), ("lang:fr", false), ("not lang:fr", true),
    ] as [(String, Bool)])
    func eachTermMatchesAsInAList(_ text: String, _ expected: Bool) throws {
        let matcher = QueryMatcher(try QueryParser.parse(text))
        #expect(matcher.matches(Self.item, now: Self.now) == expected, "\(text)")
    }

    @Test func termsARuleCannotDecideAreNamed() throws {
        #expect(QueryMatcher.unsupportedTerm(try QueryParser.parse("sport and not unread")) == "unread")
        #expect(QueryMatcher.unsupportedTerm(try QueryParser.parse("(a or saved)")) == "saved")
        #expect(QueryMatcher.unsupportedTerm(try QueryParser.parse("lang:fr")) == nil)
        #expect(QueryMatcher.unsupportedTerm(try QueryParser.parse("a or title:b /c/ newer:2d")) == nil)
    }

    @Test func anItemWithoutAuthorOrLinkMatchesNoSuchTerm() throws {
        let bare = MatchableItem(title: "Title", body: "", sortTime: Self.now)
        for text in ["author:a", "site:example.com", "section:x", "feed:x", "lang:en"] {
            #expect(!QueryMatcher(try QueryParser.parse(text)).matches(bare, now: Self.now), "\(text)")
            #expect(QueryMatcher(try QueryParser.parse("not " + text)).matches(bare, now: Self.now), "not \(text)")
        }
    }
}
