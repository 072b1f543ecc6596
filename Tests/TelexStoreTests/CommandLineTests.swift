import Foundation
import Testing
import TelexModel
import TelexTestSupport
@testable import TelexStore

/// `telex list` and `telex search` run for real (the binary of the build under test) against a cache
/// written through the API.
@Suite("telex list and telex search")
struct CommandLineTests {
    static func run(_ arguments: [String]) throws -> Fixtures.ProcessResult {
        let binary = Fixtures.telexBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no telex binary at \(binary.path)")
        // Plain listings show local times: UTC here, so the expected lines are fixed.
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        return try Fixtures.run(binary, arguments, environment: environment)
    }

    static func fixture() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 3, summary: { "story about glaciers number \($0)" })
        let c = try fixture.addItems("https://c.example/feed", count: 2, prefix: "tech")
        try fixture.store.setRead(try fixture.store.headlines(.feed(c), after: nil, limit: 1).map(\.id), true)
        return fixture
    }

    @Test
    func listPrintsJSONWithTheAgreedFieldsNewestFirst() throws {
        let fixture = try Self.fixture()
        let result = try Self.run(["list", "--cache", fixture.directory.path, "--section", "Tech", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["title"] as? String } == ["tech 0", "tech 1"])
        #expect(rows.map { $0["read"] as? Bool } == [true, false])
        let first = try #require(rows.first)
        #expect(first["section"] as? String == "Tech" && first["feed"] as? String == "Gamma")
        #expect(first["link"] as? String == "https://c.example/tech/0")
        #expect(first["published"] as? String == "2025-06-15T15:06:40Z")
        #expect(first["id"] is Int)
    }

    @Test
    func listFiltersByFeedAndUnreadAndLimits() throws {
        let fixture = try Self.fixture()
        let unread = try Self.run(["list", "--cache", fixture.directory.path, "--unread"])
        #expect(unread.status == 0 && unread.stderr == "")
        #expect(unread.stdout == """
            1  2025-06-15 15:06 * Alpha: item 0
            5  2025-06-15 14:06 * Gamma: tech 1
            2  2025-06-15 14:06 * Alpha: item 1
            3  2025-06-15 13:06 * Alpha: item 2

            """)
        let feed = try Self.run(["list", "--cache", fixture.directory.path, "--feed", "https://a.example/feed", "--limit", "2"])
        #expect(feed.stdout == "1  2025-06-15 15:06 * Alpha: item 0\n2  2025-06-15 14:06 * Alpha: item 1\n")
        let unknown = try Self.run(["list", "--cache", fixture.directory.path, "--section", "Sports"])
        #expect(unknown.status == 1 && unknown.stdout == "")
        #expect(unknown.stderr.contains("no section named \"Sports\""), "\(unknown.stderr)")
    }

    @Test
    func searchPrintsRankedMatches() throws {
        let fixture = try Self.fixture()
        let result = try Self.run(["search", "--cache", fixture.directory.path, "--json", "glacier"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["title"] as? String }) == ["item 0", "item 1", "item 2"])
        let none = try Self.run(["search", "--cache", fixture.directory.path, "C++", "!!!"])
        #expect(none.status == 0 && none.stdout.isEmpty)
        // The query language: a stray quote is a usage error pointing at its column.
        let stray = try Self.run(["search", "--cache", fixture.directory.path, "\"", "C++"])
        #expect(stray.status == 64 && stray.stdout.isEmpty)
        #expect(stray.stderr.contains("column 1: unclosed quote"), "\(stray.stderr)")
    }

    static func ids(_ jsonl: String) throws -> [Int] {
        try jsonl.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["id"] as? Int)
        }
    }

    @Test
    func limitZeroStreamsEveryItemAndAfterPagesWithoutGapOrRepeat() throws {
        let fixture = try Self.fixture()
        try fixture.addItems("https://b.example/feed", count: 120, prefix: "many")
        let all = try Self.ids(try Self.run(["list", "--cache", fixture.directory.path, "--limit", "0", "--jsonl"]).stdout)
        #expect(all.count == 125 && Set(all).count == 125)
        var paged: [Int] = []
        var after: Int? = nil
        while true {
            let page = try Self.ids(try Self.run(["list", "--cache", fixture.directory.path, "--limit", "40", "--jsonl"]
                                                 + (after.map { ["--after", String($0)] } ?? [])).stdout)
            paged += page
            guard let last = page.last else { break }
            after = last
        }
        #expect(paged == all)
        let defaultLimit = try Self.run(["list", "--cache", fixture.directory.path])
        #expect(defaultLimit.stdout.split(separator: "\n").count == 50)
        let json = try Self.run(["list", "--cache", fixture.directory.path, "--limit", "0", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? Int } == all)
        let unknown = try Self.run(["list", "--cache", fixture.directory.path, "--after", "999999"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no item 999999"))
        let both = try Self.run(["list", "--cache", fixture.directory.path, "--json", "--jsonl"])
        #expect(both.status == 64)
    }

    @Test
    func jsonOutputsEscapeControlAndBidiCharacters() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.feedID("https://a.example/feed")
        let title = "evil\u{9B}2J\u{1B}[31m\u{202E}gpj.exe"
        try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: StoreFixture.baseDate,
                                                                             succeededAt: StoreFixture.baseDate),
                                                       items: [ItemRecord(stableID: "x", title: title, author: "A\u{2066}B",
                                                                          published: StoreFixture.baseDate, summaryHTML: "danger")])])
        _ = try fixture.store.indexAllPending()
        for arguments in [["list", "--json"], ["list", "--jsonl"], ["search", "--json", "danger"], ["search", "--limit", "0", "--jsonl", "danger"]] {
            let result = try Self.run(arguments + ["--cache", fixture.directory.path])
            #expect(result.status == 0, "\(result.stderr)")
            let bytes = Array(result.stdout.utf8)
            #expect(!bytes.contains(0x1B) && !result.stdout.contains("\u{9B}") && !result.stdout.contains("\u{202E}")
                    && !result.stdout.contains("\u{2066}"), "\(arguments)")
            #expect(result.stdout.contains(#"evil\u009b2J\u001b[31m\u202egpj.exe"#) && result.stdout.contains(#"A\u2066B"#), "\(arguments)")
            let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("evil") })
            let object = try JSONSerialization.jsonObject(with: Data(line.trimmingCharacters(in: CharacterSet(charactersIn: ",")).utf8))
            #expect((object as? [String: Any])?["title"] as? String == title)
        }
    }

    @Test
    func searchWithoutLimitListsEveryMatchNewestFirst() throws {
        let fixture = try Self.fixture()
        try fixture.addItems("https://b.example/feed", count: 30, prefix: "glacial", summary: { "glaciers melt \($0)" })
        _ = try fixture.store.indexAllPending()  // streamed search walks the search index (queued items once indexed)
        let all = try Self.ids(try Self.run(["search", "--cache", fixture.directory.path, "--limit", "0", "--jsonl", "glaciers"]).stdout)
        try #require(all.count == 33)
        let listed = try Self.ids(try Self.run(["list", "--cache", fixture.directory.path, "--limit", "0", "--jsonl"]).stdout)
        #expect(all == listed.filter(all.contains), "newest first, as lists")
        let second = try Self.ids(try Self.run(["search", "--cache", fixture.directory.path, "--after", String(all[9]), "--limit", "10",
                                                "--jsonl", "glaciers"]).stdout)
        #expect(second == Array(all[10..<20]))
        let tooMany = try Self.run(["search", "--cache", fixture.directory.path, "--limit", "5000", "glaciers"])
        #expect(tooMany.status == 64)
    }

    @Test
    func readPrintsTheStoredDocumentAsJSON() throws {
        let fixture = try Self.fixture()
        let id = try #require(try fixture.store.headlines(.all, after: nil, limit: 1).first?.id)
        let result = try Self.run(["read", "--cache", fixture.directory.path, "--json", String(id.rawValue)])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "tech 0" || object["title"] as? String == "item 0")
        #expect(object["blocks"] is [Any] && object["text"] is String)
    }

    @Test
    func aMissingCacheIsAClearErrorWithStatusOne() throws {
        let dir = try Fixtures.temporaryDirectory("telex-nocache")
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("none").path
        let result = try Self.run(["list", "--cache", missing])
        #expect(result.status == 1 && result.stdout == "")
        #expect(result.stderr == "telex: there is no cache at \(missing)/cache.sqlite yet; run `telex fetch` first\n")
    }

    /// `telex read ID` shows what the reader shows: the "not cached" note only above a summary.
    @Test
    func readNotesAMissingArticleOnlyWhenTheFeedGaveASummary() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 1, prefix: "brief", summary: { _ in "<p>Just a summary.</p>" })
        try fixture.addItems("https://c.example/feed", count: 1, prefix: "whole",
                             summary: { _ in "<p>" + String(repeating: "The whole story is here. ", count: 30) + "</p>" })
        let rows = try fixture.allHeadlines(.all)
        func read(_ title: String) throws -> [Substring] {
            let id = try #require(rows.first { $0.title == title }?.id.rawValue)
            let result = try Self.run(["read", String(id), "--cache", fixture.directory.path, "--width", "60"])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        }
        let brief = try read("brief 0")
        #expect(Array(brief.prefix(3)) == ["Full article not cached — showing the feed's text", "", "brief 0"])
        #expect(brief.contains("Just a summary."))
        let whole = try read("whole 0")
        #expect(whole.first == "whole 0")
        #expect(!whole.contains { $0.contains("not cached") })
    }
}
