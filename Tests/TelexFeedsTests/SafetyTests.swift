import Foundation
import Testing
import TelexTestSupport
@testable import TelexFeeds

@Suite struct SafetyTests {
    /// How fast it fails is a benchmark figure (scripts/bench/feeds-parse.sh), not a timed test.
    @Test func billionLaughsFailsWithAClearError() throws {
        #expect {
            _ = try parseFixture("quirk-billion-laughs.xml")
        } throws: { error in
            (error as? FeedParseError)?.kind == .entityExpansion && "\(error)".contains("billion laughs")
        }
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let feed = try parseFixture("quirk-external-entity.xml")
        let title = try #require(feed.items.first?.title)
        #expect(!title.contains("root:"))
        #expect(feed.warnings.contains { $0.contains("external entity") })
    }

    /// libxml2 keeps declared entities in a document of its own in SAX mode; it used to leak with
    /// every feed that had an internal subset (~13 KB each), then the declarations' raw text (~200
    /// bytes each, seen by valgrind after CI caught the growth). Parsing thousands must not grow memory.
    @Test func feedsWithAnInternalSubsetDoNotLeak() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [ <!ENTITY site "Example site"> <!ENTITY note "A note"> ]>
            <rss version="2.0"><channel><title>&site;</title><item><title>&note;</title><guid>1</guid></item></channel></rss>
            """
        #expect(try FeedParser.parse(Array(text.utf8)).items.first?.title == "A note")
        let (few, many) = try Self.heapKiB(parsing: ["entities.xml": Array(text.utf8)], rounds: (1_000, 40_000))
        // The raw text of the two declarations alone (100 bytes each, left to the entity's owner by
        // libxml2) was 8 MB over the 39,000 more parses; flat once freed.
        #expect(many - few < 1 << 10, "\(few) KiB after 1,000 rounds, \(many) KiB after 40,000")
    }

    /// The charset paths hold C handles (a uchardet detector, iconv converters) and tables: thousands
    /// of documents through detection, a refused declaration and iconv leave memory where it was.
    @Test func thousandsOfDecodedFeedsKeepMemoryFlat() throws {
        let names = ["enc-undeclared-shift_jis.xml", "enc-mislabelled-eucjp-is-sjis.xml", "enc-gb18030.xml", "enc-windows-1256.xml"]
        let documents = try names.map { try Fixtures.bytes("feeds/" + $0) }
        #expect(try documents.map { try FeedParser.parse($0).items.first?.title } == [
            "東京で桜が開花、平年より五日早く", "東京で桜が開花、平年より五日早く", "吉野家的𠮷字", "افتتاح معرض الكتاب في القاهرة",
        ])
        let (few, many) = try Self.heapKiB(parsing: Dictionary(uniqueKeysWithValues: zip(names, documents)), rounds: (300, 3_000))
        // A detector or converter left open per document grows the heap by megabytes here.
        #expect(many - few < 1 << 10, "\(few) KiB after 300 rounds, \(many) KiB after 3,000")
    }

    /// The heap in use after parsing `files` for a few and for many rounds, each in a process of its
    /// own (`telex _bench-parse`), where no other suite allocates. The heap, not the peak or current
    /// RSS: a leak can fill pages freed after a transient peak at start (under `swift test` the peak
    /// did not move with 8 MB leaked).
    static func heapKiB(parsing files: [String: [UInt8]], rounds: (few: Int, many: Int)) throws -> (few: Int, many: Int) {
        let binary = Fixtures.telexBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no telex binary at \(binary.path)")
        let dir = try Fixtures.temporaryDirectory("telex-leak")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        func heap(_ count: Int) throws -> Int {
            let result = try Fixtures.run(binary, ["_bench-parse", dir.path, "--rounds", String(count)])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("telex: \(files.count) files, ") && result.stdout.contains(" 0 failures, "), "\(result.stdout)")
            let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("heap in use: ") })
            return try #require(Int(line.dropFirst("heap in use: ".count).dropLast(" KiB".count)))
        }
        return (try heap(rounds.few), try heap(rounds.many))
    }

    @Test func deepNestingIsBoundedAndEarlierItemsSurvive() throws {
        let feed = try parseFixture("quirk-deep-nesting.xml")
        #expect(feed.items.first?.title == "Before")
    }

    @Test func oversizedDocumentsAreRefused() {
        let big = [UInt8](repeating: 0x20, count: FeedParser.maxDocumentBytes + 1)
        #expect(throws: FeedParseError.self) { try FeedParser.parse(big) }
    }

    static let notFeeds: [(String, FeedParseError.Kind)] = [
        ("", .empty), ("   \n", .empty), ("hello world", .notAFeed), ("{\"a\": 1}", .notAFeed), ("{not json", .malformed),
        ("<html><body>x</body></html>", .notAFeed), ("<svg xmlns='http://www.w3.org/2000/svg'/>", .notAFeed),
    ]

    @Test(arguments: notFeeds)
    func documentsWithNothingRecoverableThrow(_ text: String, _ kind: FeedParseError.Kind) {
        #expect { try FeedParser.parse(Array(text.utf8)) } throws: { ($0 as? FeedParseError)?.kind == kind }
    }

    @Test func htmlPagesAreReportedAsNotFeeds() throws {
        #expect { try parseFixture("not-a-feed.html") } throws: { "\($0)".contains("HTML") }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix(seed: 42)
        let alphabet = Array("<>&;/=\"' abcitemrsschanneltitle?!-[]#x0123\u{e9}".utf8)
        for _ in 0..<300 {
            let count = Int(generator.next() % 400)
            var bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if generator.next() % 2 == 0 { bytes = Array("<rss version=\"2.0\"><channel><item><title>".utf8) + bytes }
            _ = try? FeedParser.parse(bytes)
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
