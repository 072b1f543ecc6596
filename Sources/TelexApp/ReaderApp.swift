import Foundation
import TelexConfig
import TelexModel
import TelexScreen
import TelexTerminal
import TelexUI

/// Starts the front end: the terminal, the loop on its own thread, and the effect runner.
public enum ReaderApp {
    public struct Options: Sendable {
        public var configuration: Configuration
        public var paths: Paths
        public var cacheDirectory: String
        public var noColor: Bool
        /// Run on the built-in multilingual fixture instead of the cache (hidden `--demo-data`).
        public var demoData: Bool
        public init(configuration: Configuration, paths: Paths, cacheDirectory: String, noColor: Bool, demoData: Bool = false) {
            self.configuration = configuration; self.paths = paths; self.cacheDirectory = cacheDirectory; self.noColor = noColor
            self.demoData = demoData
        }
    }

    /// Runs the reader until the user quits. Throws when the terminal cannot be used.
    public static func run(_ options: Options) throws {
        let log = StderrLog(path: options.paths.logFile)
        try? log.redirect()
        defer { log.restore() }
        let useColor = options.configuration.settings.color && !options.noColor
        nonisolated(unsafe) var failure: Error?
        let opts = options
        TerminalLoop.onDedicatedThread {
            let backend: CursesBackend
            do { backend = try CursesBackend(colors: useColor) } catch { failure = error; return }
            defer { backend.shutdown() }
            var state = AppState(width: backend.size.width, height: backend.size.height)
            state.useColor = useColor
            state.readingMeasure = opts.configuration.settings.measure
            // Until the store is wired in, the reader shows feeds.json's sections over an empty cache.
            let cache: any CacheReading = opts.demoData ? DemoData.cache()
                : InMemoryCache(sections: ReaderApp.sections(from: opts.configuration))
            let runner = CacheRunner(cache: cache)
            let loop = TerminalLoop(backend: backend, state: state, runner: runner)
            loop.browser = BrowserLauncher(setting: opts.configuration.settings.browser)
            loop.clipboard = Clipboard(osc52: opts.configuration.settings.osc52)
            loop.run(initialEffects: [.loadSections])
        }
        if let failure { throw failure }
    }
}

extension ReaderApp {
    /// The sections of feeds.json as summaries with no articles (ids in file order).
    static func sections(from config: Configuration) -> [SectionSummary] {
        var feedID: Int64 = 0
        return config.sections.enumerated().map { i, s in
            SectionSummary(id: SectionID(Int64(i + 1)), name: s.name, feeds: s.feeds.filter(\.enabled).map { f in
                feedID += 1
                return FeedSummary(id: FeedID(feedID), url: f.url, title: f.title ?? f.url)
            })
        }
    }
}
