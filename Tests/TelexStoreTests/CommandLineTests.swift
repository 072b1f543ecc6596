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
        let none = try Self.run(["search", "--cache", fixture.directory.path, "\"", "C++"])
        #expect(none.status == 0 && none.stdout.isEmpty)
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
