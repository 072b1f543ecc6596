import Testing
import TelexQuery

@Suite struct QueryParserTests {
    @Test(arguments: [
        ("ukraine", Query.word("ukraine")),
        ("\"climate plan\"", .phrase("climate plan")),
        ("title:kyiv", .field(.title, "kyiv")),
        ("feed:\"Le Monde\"", .field(.feed, "Le Monde")),
        ("section:World", .field(.section, "World")),
        ("author:Smith", .field(.author, "Smith")),
        ("site:bbc.co.uk", .field(.site, "bbc.co.uk")),
        ("lang:fr", .field(.lang, "fr")),
        ("unread", .unread),
        ("SAVED", .saved),
        ("newer:2d", .newer(seconds: 172_800)),
        ("older:1w", .older(seconds: 604_800)),
        ("newer:12h", .newer(seconds: 43_200)),
        ("newer:30m", .newer(seconds: 1_800)),
        ("/^Live:/", .titleRegex("^Live:")),
        ("/a\\/b/", .titleRegex("a/b")),
        ("https://a.example/x", .word("https://a.example/x")),
    ] as [(String, Query)])
    func everyTermParses(_ text: String, _ expected: Query) throws {
        #expect(try QueryParser.parse(text) == expected)
    }

    @Test(arguments: [
        ("a b", Query.and(.word("a"), .word("b"))),
        ("a and b", .and(.word("a"), .word("b"))),
        ("a AND b", .and(.word("a"), .word("b"))),
        ("a or b", .or(.word("a"), .word("b"))),
        ("not a", .not(.word("a"))),
        ("-a", .not(.word("a"))),
        ("a or b c", .or(.word("a"), .and(.word("b"), .word("c")))),
        ("a b or c", .or(.and(.word("a"), .word("b")), .word("c"))),
        ("(a or b) c", .and(.or(.word("a"), .word("b")), .word("c"))),
        ("not (a or b)", .not(.or(.word("a"), .word("b")))),
        ("not a b", .and(.not(.word("a")), .word("b"))),
        ("ukraine or kyiv newer:7d", .or(.word("ukraine"), .and(.word("kyiv"), .newer(seconds: 604_800)))),
        ("((a))", .word("a")),
        ("\"and\" or \"not\"", .or(.phrase("and"), .phrase("not"))),
        ("a -b", .and(.word("a"), .not(.word("b")))),
    ] as [(String, Query)])
    func operatorsBindOrLooserThanAndLooserThanNot(_ text: String, _ expected: Query) throws {
        #expect(try QueryParser.parse(text) == expected)
    }

    @Test(arguments: [
        ("", 1, "the query is empty"),
        ("   ", 1, "the query is empty"),
        ("a and", 6, "a term is missing at the end"),
        ("or a", 1, "or needs a term before and after it"),
        ("a or or b", 6, "or needs a term before and after it"),
        ("(a or b", 1, "unclosed ( (add a ))"),
        ("a or b)", 7, "unbalanced )"),
        ("()", 2, "empty ( )"),
        ("a \"climate", 3, "unclosed quote (end the phrase with \")"),
        ("x \"\"", 3, "empty phrase"),
        ("/[a/", 1, "invalid regular expression /[a/"),
        ("a /abc", 3, "unclosed /regex/ (end it with /)"),
        ("newer:2y", 7, "newer: takes a duration such as 2d, 12h, 30m or 1w"),
        ("older:", 7, "older: takes a duration such as 2d, 12h, 30m or 1w"),
        ("title:", 7, "title: needs a value"),
        ("b colour:red", 3, "unknown field colour: (fields: title: feed: section: author: site: lang: newer: older:; quote it to search for the word)"),
        ("not", 4, "a term is missing at the end"),
    ] as [(String, Int, String)])
    func errorsPointAtTheirColumn(_ text: String, _ column: Int, _ message: String) {
        #expect(throws: QueryError(message, column: column)) { try QueryParser.parse(text) }
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(throws: QueryError("unbalanced )", column: 8)) { try QueryParser.parse("étés ü )") }
    }
}
