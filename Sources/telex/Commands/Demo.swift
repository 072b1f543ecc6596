import ArgumentParser
import Foundation
import Logging
import TelexApp
import TelexConfig
import TelexFetch
import TelexModel
import TelexSampleEdition
import TelexStore

/// The offline sample edition: the bundled news site served on 127.0.0.1, fetched through the
/// real pipeline into a temporary cache, then read with the real reader.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the reader on the bundled sample edition (no network needed).",
        discussion: """
        Serves the sample news site on 127.0.0.1 with telex's own test server, fetches its feeds and \
        articles into a temporary cache (or --cache DIR), and opens the reader on it. Links not yet \
        cached are fetched from the local server while the reader runs. The temporary cache is \
        removed on exit unless --keep is given. The cache directory also receives demo-feeds.json, so \
        `telex --cache DIR --config DIR/demo-feeds.json` reads a kept demo cache offline.
        """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Keep the temporary cache and print where it is.")
    var keep = false

    @Flag(name: .customLong("no-color"), help: "Draw without colours (as NO_COLOR does).")
    var noColor = false

    @Flag(name: .customLong("fetch-only"), help: "Fetch the edition into the cache and exit (no reader).")
    var fetchOnly = false

    func run() throws {
        let site: FixtureServerProcess
        do { site = try FixtureServerProcess(["--sample-edition"]) } catch {
            Output.error("cannot start the sample edition's server on 127.0.0.1: \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        defer { site.stop() }
        let base = site.base

        let temporary = global.cache == nil
        let cacheDirectory = global.cache ?? NSTemporaryDirectory() + "telex-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer {
            if temporary && !keep { try? FileManager.default.removeItem(atPath: cacheDirectory) }
            else if temporary { FileHandle.standardError.write(Data("telex: the demo cache is kept in \(cacheDirectory)\n".utf8)) }
        }

        let text = base.absoluteString
        let feedsJSON = SampleEdition.feedsJSON(baseURL: text.hasSuffix("/") ? String(text.dropLast()) : text)
        var config: Configuration
        do {
            config = try ConfigurationParser.parse(Array(feedsJSON.utf8), source: "(sample edition)")
            // Every article of the edition is fetched at once, so the whole demo reads offline.
            config.settings.articlesPerFeed = 1_000
        } catch {
            Output.error("the sample edition's feeds.json is invalid: \(error)")
            throw ExitCode(ExitStatus.configuration)
        }

        let summary: FetchProgress
        do {
            let store = try Store.open(directory: cacheDirectory)
            // Beside the cache, the feeds.json it was filled from: `telex --cache DIR --config
            // DIR/demo-feeds.json` reads a kept demo cache offline, with the same sections.
            try feedsJSON.write(toFile: cacheDirectory + "/demo-feeds.json", atomically: true, encoding: .utf8)
            let service = FetchService(store: store, configuration: config, http: FetchService.liveHTTP(config.settings),
                                       logger: Logger(label: "telex.demo"))
            try service.syncConfiguration()
            if Output.stdoutIsTerminal && !fetchOnly {
                FileHandle.standardError.write(Data("Fetching the sample edition from \(base.absoluteString)…\n".utf8))
            }
            let pass = PassOptions(selection: .all, force: true, articles: true)
            summary = try AsyncBridge.run { try await service.runPass(pass) }
        } catch {
            Output.error("cannot fetch the sample edition: \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        if fetchOnly {
            Output.line(PassSummaryText.line(summary))
            return
        }
        let env = ProcessInfo.processInfo.environment
        do {
            try ReaderApp.run(ReaderApp.Options(configuration: config, paths: global.paths, cacheDirectory: cacheDirectory,
                                                noColor: noColor || !(env["NO_COLOR"] ?? "").isEmpty))
        } catch {
            Output.error("\(error)")
            throw ExitCode(ExitStatus.runtime)
        }
    }
}
