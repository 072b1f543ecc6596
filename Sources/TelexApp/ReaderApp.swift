import Foundation
import TelexConfig
import TelexFetch
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
        /// Follow feeds.json while the reader runs (`--config PATH`, else the user's file); off for the demo,
        /// whose configuration is not a file.
        public var followConfiguration: Bool
        public var explicitConfigPath: String?
        /// The keymap and theme (`ReaderLook.resolve` of the configuration).
        public var look: ReaderLook
        public init(configuration: Configuration, paths: Paths, cacheDirectory: String, noColor: Bool, demoData: Bool = false,
                    followConfiguration: Bool = false, explicitConfigPath: String? = nil, look: ReaderLook = ReaderLook()) {
            self.configuration = configuration; self.paths = paths; self.cacheDirectory = cacheDirectory; self.noColor = noColor
            self.demoData = demoData; self.followConfiguration = followConfiguration; self.explicitConfigPath = explicitConfigPath
            self.look = look
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
        // The cache opens before curses takes the terminal, so its errors print plainly.
        let session = options.demoData ? nil
            : try CacheSession(configuration: options.configuration, cacheDirectory: options.cacheDirectory,
                               watch: options.followConfiguration
                                   ? ConfigurationWatch(current: options.configuration, explicitPath: options.explicitConfigPath,
                                                        paths: options.paths) : nil)
        TerminalLoop.onDedicatedThread {
            let backend: CursesBackend
            do { backend = try CursesBackend(colors: useColor) } catch { failure = error; return }
            defer { backend.shutdown() }
            var state = AppState(width: backend.size.width, height: backend.size.height)
            state.useColor = useColor
            state.keymap = opts.look.keymap
            state.themeChoice = opts.look.theme
            state.readingMeasure = opts.configuration.settings.measure
            state.pictures = PictureOptions(mode: opts.configuration.settings.images, heightPercent: opts.configuration.settings.imageHeight,
                                            useColor: useColor)
            state.pageDownOpensNextUnread = opts.configuration.settings.spaceOpensNextUnread
            state.terminalNotices = switch opts.configuration.settings.notifyTerminal {
            case .off: nil
            case .osc9: .osc9
            case .osc777: .osc777
            }
            state.hyperlinks = HyperlinkSupport.enabled(opts.configuration.settings.hyperlinks,
                                                        environment: ProcessInfo.processInfo.environment)
            state.timeZone = .current
            // Your place from the last run, beside the cache whose ids it names (none for the built-in demo data).
            let placeFile = opts.demoData ? nil : PlaceFile(path: opts.cacheDirectory + "/place.json")
            if let place = placeFile?.load() { state.restore(place) }
            let cache: any CacheReading = session?.store ?? DemoData.cache()
            var refresh: (@Sendable (@escaping @Sendable (Action) -> Void) -> Void)? = nil
            if let session { refresh = { post in session.refresh(post: post) } }
            // `a` and `F` edit the feeds.json the reader follows (not the demo's, which is no file of the user's).
            let subscriptions = opts.followConfiguration ? session.map { session in
                SubscriptionService(file: FeedsFile.editable(explicitPath: opts.explicitConfigPath, paths: opts.paths),
                                    http: FetchService.liveHTTP(opts.configuration.settings),
                                    knowledge: { CacheKnowledge(store: session.store) },
                                    accounts: { session.accountSubscriptions() },
                                    applied: { post in session.followConfiguration(post: post, announce: false) })
            } : nil
            let runner = CacheRunner(cache: cache, refresh: refresh, pages: session, subscriptions: subscriptions)
            let loop = TerminalLoop(backend: backend, state: state, runner: runner)
            let queue = loop.queue
            session?.startWatching { queue.post($0) }
            defer { session?.stopWatching() }
            loop.browser = BrowserLauncher(setting: opts.configuration.settings.browser)
            loop.clipboard = Clipboard(osc52: opts.configuration.settings.osc52)
            loop.run(initialEffects: [.loadSections])
            try? placeFile?.save(loop.state.currentPlace)
        }
        if let failure { throw failure }
    }
}
