import Foundation
import Testing
import TelexModel
import TelexTestSupport
@testable import TelexStore

/// `telex list` and `telex search` run for real (the debug binary) against a cache written through the API.
@Suite("telex list and telex search")
struct CommandLineTests {
    static let binary = CrashSafetyTests.binary

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    static func fixture() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 3, summary: { "story about glaciers number \($0)" })
        let c = try fixture.addItems("https://c.example/feed", count: 2, prefix: "tech")
        try fixture.store.setRead(try fixture.store.headlines(.feed(c), after: nil, limit: 1).map(\.id), true)
        return fixture
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
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

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func listFiltersByFeedAndUnreadAndLimits() throws {
        let fixture = try Self.fixture()
        let unread = try Self.run(["list", "--cache", fixture.directory.path, "--unread"])
        #expect(unread.stdout.split(separator: "\n").count == 4)
        let feed = try Self.run(["list", "--cache", fixture.directory.path, "--feed", "https://a.example/feed", "--limit", "2"])
        #expect(feed.stdout.split(separator: "\n").map { $0.hasSuffix("Alpha: item 0") || $0.hasSuffix("Alpha: item 1") } == [true, true])
        let unknown = try Self.run(["list", "--cache", fixture.directory.path, "--section", "Sports"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no section named \"Sports\""))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func searchPrintsRankedMatches() throws {
        let fixture = try Self.fixture()
        let result = try Self.run(["search", "--cache", fixture.directory.path, "--json", "glacier"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["title"] as? String }) == ["item 0", "item 1", "item 2"])
        let none = try Self.run(["search", "--cache", fixture.directory.path, "\"", "C++"])
        #expect(none.status == 0 && none.stdout.isEmpty)
    }

    static func ids(_ jsonl: String) throws -> [Int] {
        try jsonl.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["id"] as? Int)
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
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

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func jsonOutputsEscapeControlAndBidiCharacters() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.feedID("https://a.example/feed")
        let title = "evil\u{9B}2J\u{1B}[31m\u{202E}gpj.exe"
        try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: StoreFixture.baseDate,
                                                                             succeededAt: StoreFixture.baseDate),
                                                       items: [ItemRecord(stableID: "x", title: title, author: "A\u{2066}B",
                                                                          published: StoreFixture.baseDate, summaryHTML: "danger")])])
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

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func searchWithoutLimitListsEveryMatchNewestFirst() throws {
        let fixture = try Self.fixture()
        try fixture.addItems("https://b.example/feed", count: 30, prefix: "glacial", summary: { "glaciers melt \($0)" })
        let all = try Self.ids(try Self.run(["search", "--cache", fixture.directory.path, "--limit", "0", "--jsonl", "glaciers"]).stdout)
        #expect(all.count == 33)
        let listed = try Self.ids(try Self.run(["list", "--cache", fixture.directory.path, "--limit", "0", "--jsonl"]).stdout)
        #expect(all == listed.filter(all.contains), "newest first, as lists")
        let second = try Self.ids(try Self.run(["search", "--cache", fixture.directory.path, "--after", String(all[9]), "--limit", "10",
                                                "--jsonl", "glaciers"]).stdout)
        #expect(second == Array(all[10..<20]))
        let tooMany = try Self.run(["search", "--cache", fixture.directory.path, "--limit", "5000", "glaciers"])
        #expect(tooMany.status == 64)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func readPrintsTheStoredDocumentAsJSON() throws {
        let fixture = try Self.fixture()
        let id = try #require(try fixture.store.headlines(.all, after: nil, limit: 1).first?.id)
        let result = try Self.run(["read", "--cache", fixture.directory.path, "--json", String(id.rawValue)])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "tech 0" || object["title"] as? String == "item 0")
        #expect(object["blocks"] is [Any] && object["text"] is String)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func aMissingCacheIsAClearErrorWithStatusOne() throws {
        let dir = try Fixtures.temporaryDirectory("telex-nocache")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.run(["list", "--cache", dir.appendingPathComponent("none").path])
        #expect(result.status == 1 && result.stderr.contains("run `telex fetch` first"))
    }
}
