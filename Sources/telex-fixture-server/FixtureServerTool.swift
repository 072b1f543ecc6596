import ArgumentParser
import Foundation
import TelexTestServer

/// `telex-fixture-server` (also `telex _fixture-server`, which runs it): the project's test server as a
/// process, for `telex demo`, the benchmarks and the end-to-end tests. Its own executable, so that the
/// HTTP server library (FlyingFox, which links Foundation's URLSession and with it libcurl) is no part
/// of `telex`: the reader starts without them.
@main
struct FixtureServerTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telex-fixture-server",
        abstract: "telex's test server: fixture sites on 127.0.0.1 (telex demo, benchmarks and end-to-end tests).",
        subcommands: [ServeFixtures.self, BenchRetention.self], defaultSubcommand: ServeFixtures.self)
}

/// Serves until SIGTERM or SIGINT.
struct ServeFixtures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve a fixture site on 127.0.0.1 (the default).")

    @Option(help: "Serve this directory.") var directory: String?
    @Option(help: "Generate the benchmark site: FEEDSxITEMS, e.g. 300x60.") var generate: String?
    @Flag(help: "Serve the hostile site (slow drip, silence, endless body, gzip bomb, redirect loop...) beside /good.xml.")
    var hostile = false
    @Option(help: ArgumentHelp("Serve a fake aggregator API with two feeds and a few items: greader (under /api/greader.php, user ann, password pw) or miniflux (API key fixture-api-key, or ann/pw).",
                               valueName: "greader|miniflux"))
    var aggregator: String?
    @Option(name: .customLong("aggregator-items"),
            help: ArgumentHelp("With --aggregator: this many items over ten feeds instead (one a second back from now, every other one read).", valueName: "n"))
    var aggregatorItems: Int?
    @Option(name: .customLong("latency-ms"), help: "Delay before every response.") var latencyMs: Int = 0
    @Option(help: "Listen on this port (default: any free port).") var port: UInt16 = 0
    @Option(name: .customLong("write-feeds"), help: "Write a feeds.json for the served feeds here.") var writeFeeds: String?
    @Option(name: .customLong("url-file"), help: "Write the base URL here once listening.") var urlFile: String?
    @Flag(name: .customLong("sample-edition"), help: "Serve the bundled sample edition (telex demo).") var sampleEdition = false
    @Flag(name: .customLong("exit-with-parent"),
          help: "Also stop when standard input ends: the parent holds the other end of a pipe, so the server ends with it, however it dies.")
    var exitWithParent = false

    /// The fake aggregators' items: scripts the reader must show well.
    static let titles = ["Élections : le vote anticipé commence", "東京で大雪、交通に乱れ", "Größere Speicher für alle", "مؤتمر المناخ يبدأ اليوم"]

    /// A bench item's text: the same 700 characters as the TT-RSS sync bench's.
    static func benchText(_ i: Int) -> String {
        "<p>" + String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 12) + "\(i)</p>"
    }

    func run() async throws {
        let server: FixtureServer
        if let directory {
            server = try FixtureServer(directory: URL(fileURLWithPath: directory), latency: .milliseconds(latencyMs))
        } else {
            server = FixtureServer(latency: .milliseconds(latencyMs))
        }
        let port = self.port
        let base = try await server.start(port: port)
        if hostile { HostileSite.install(on: server) }
        if sampleEdition { SampleEditionSite.install(on: server, base: base.absoluteString) }
        switch aggregator {
        case nil: break
        case "greader":
            let api = GoogleReaderFixture()
            if let n = aggregatorItems {
                let feeds = (1...10).map { api.addFeed(title: "Feed \($0)", url: base.absoluteString + "/feed\($0).xml", folder: "Folder \($0 % 3)") }
                for i in 0..<n {
                    api.addItem(feed: feeds[i % 10], title: "Bench story \(i) über Straßen", link: base.absoluteString + "/bench/\(i)",
                                content: Self.benchText(i), ago: Double(n - i), read: i.isMultiple(of: 2))
                }
            } else {
                let wire = api.addFeed(title: "Wire", url: base.absoluteString + "/wire.xml", folder: "Monde")
                let tech = api.addFeed(title: "Technik", url: base.absoluteString + "/technik.xml", folder: "Technik")
                for (n, title) in Self.titles.enumerated() {
                    api.addItem(feed: n < 2 ? wire : tech, title: title, link: base.absoluteString + "/story/\(n + 1)")
                }
            }
            api.install(on: server)
        case "miniflux":
            let api = MinifluxFixture()
            if let n = aggregatorItems {
                let categories = (0..<3).map { api.addCategory("Folder \($0)") }
                let feeds = (1...10).map { api.addFeed(title: "Feed \($0)", url: base.absoluteString + "/feed\($0).xml", category: categories[$0 % 3]) }
                for i in 0..<n {
                    api.addEntry(feed: feeds[i % 10], title: "Bench story \(i) über Straßen", url: base.absoluteString + "/bench/\(i)",
                                 content: Self.benchText(i), ago: Double(n - i), read: i.isMultiple(of: 2))
                }
            } else {
                let monde = api.addCategory("Monde"), technik = api.addCategory("Technik")
                let wire = api.addFeed(title: "Wire", url: base.absoluteString + "/wire.xml", category: monde)
                let tech = api.addFeed(title: "Technik", url: base.absoluteString + "/technik.xml", category: technik)
                for (n, title) in Self.titles.enumerated() {
                    api.addEntry(feed: n < 2 ? wire : tech, title: title, url: base.absoluteString + "/story/\(n + 1)")
                }
            }
            api.install(on: server)
        default:
            throw ValidationError("--aggregator takes greader or miniflux")
        }
        var feedURLs: [String] = []
        if let generate {
            let parts = generate.split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2 else { throw ValidationError("--generate takes FEEDSxITEMS") }
            BenchmarkSite.install(on: server, feeds: parts[0], items: parts[1])
            feedURLs = BenchmarkSite.feedURLs(base: base.absoluteString, feeds: parts[0])
        }
        if let writeFeeds {
            let feeds = feedURLs.map { "{\"url\": \"\($0)\"}" }.joined(separator: ",\n      ")
            let json = "{\n  \"sections\": [\n    {\"name\": \"Bench\", \"feeds\": [\n      \(feeds)\n    ]}\n  ]\n}\n"
            try json.write(toFile: writeFeeds, atomically: true, encoding: .utf8)
        }
        if let urlFile { try base.absoluteString.write(toFile: urlFile, atomically: true, encoding: .utf8) }
        FileHandle.standardOutput.write(Data((base.absoluteString + "\n").utf8))
        signal(SIGTERM, SIG_IGN); signal(SIGINT, SIG_IGN)
        let stop = DispatchSemaphore(value: 0)
        let sources = [SIGTERM, SIGINT].map { sig -> DispatchSourceSignal in
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler { stop.signal() }
            s.resume()
            return s
        }
        // `_ = sources` after the wait did not keep them alive: the optimiser released them at once, so
        // a release build ignored SIGTERM (SIG_IGN above) and the benchmark's `kill; wait` hung. The wait
        // blocks a thread of its own, never one of the executor's.
        if exitWithParent {
            Thread {
                var byte: UInt8 = 0
                while read(0, &byte, 1) > 0 {}
                stop.signal()
            }.start()
        }
        nonisolated(unsafe) let kept = sources
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread { withExtendedLifetime(kept) { stop.wait() }; done.resume() }.start()
        }
        await server.stop()
    }
}
