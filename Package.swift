// swift-tools-version:6.0
// The folder layout is the architecture: see docs/architecture.md for the dependency graph.
import PackageDescription

let package = Package(
    name: "telex",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "telex", targets: ["telex"]),
        .executable(name: "telex-fixture-server", targets: ["telex-fixture-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // System libraries: only TelexTerminal sees ncurses; only TelexFeeds/TelexArticles/TelexOPML see libxml2.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The system libcurl: the HTTP client's engine (only TelexFetch sees it). Loaded with dlopen at the
        // first transfer, not linked: libcurl and the ~30 libraries it needs (TLS, Kerberos, LDAP, SSH...)
        // were 7.8 MB of the reader's memory and a third of the libraries loaded before its first frame,
        // for a process that never fetches. The C side keeps curl's variadic calls out of Swift.
        .target(name: "CCurl", path: "Sources/CCurl"),
        // zlib compresses the test server's gzip responses (the client side decompresses in libcurl).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's allocator statistics, for the benchmark commands' memory figures (no library to link).
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        // uchardet detects the charset of feeds that declare none (only TelexFeeds sees it).
        .systemLibrary(name: "CUchardet", path: "Sources/CUchardet", providers: [.apt(["libuchardet-dev"])]),
        // libhyphen (no pkg-config file) hyphenates over-long words in layout; only TelexArticles sees it.
        .systemLibrary(name: "CHyphen", path: "Sources/CHyphen", providers: [.apt(["libhyphen-dev"])]),
        // libpsl's built-in Public Suffix List: which site (registrable domain) a URL belongs to (TelexFetch).
        // libchafa (character art; its pkg-config flags bring GLib's headers): only CImageCodecs includes it.
        .systemLibrary(name: "CChafa", path: "Sources/CChafa", pkgConfig: "chafa", providers: [.apt(["libchafa-dev", "libglib2.0-dev"])]),
        // Untrusted image files to small RGBA pictures (libjpeg-turbo, libpng, libwebp, giflib) and pictures
        // to character art (libchafa): C, because libjpeg and giflib report errors by longjmp, which must
        // never cross Swift frames. Only TelexImages sees it.
        .target(name: "CImageCodecs", dependencies: ["CChafa"], path: "Sources/CImageCodecs",
                linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png16"), .linkedLibrary("webp"), .linkedLibrary("gif")]),
        .systemLibrary(name: "CLibPSL", path: "Sources/CLibPSL", pkgConfig: "libpsl", providers: [.apt(["libpsl-dev"])]),

        // Pure layers.
        .target(name: "TelexModel"),
        // The query language (docs/queries.md): text to a typed AST, errors with columns.
        .target(name: "TelexQuery"),
        .target(name: "TelexConfig", dependencies: ["TelexModel", "TelexQuery"]),
        // OPML subscription lists in and out (libxml2, safely: no DTD, no entities, nothing external).
        .target(name: "TelexOPML", dependencies: ["TelexConfig", "TelexModel", "CLibXML2"]),
        // The parser's state lives in one class touched per SAX event: runtime exclusivity checks cost
        // ~5% of parse time there (perf), so release builds of this target skip them.
        .target(name: "TelexFeeds", dependencies: ["TelexModel", "CLibXML2", "CUchardet"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "TelexArticles", dependencies: ["TelexModel", "TelexScreen", "CLibXML2", "CHyphen"]),
        .target(name: "TelexScreen"),
        // Pictures of stories: bounded decoding of hostile files, the stored thumbnail, character art as cells.
        .target(name: "TelexImages", dependencies: ["TelexScreen", "CImageCodecs"]),
        // The bundled sample edition (`telex demo`): generated from Resources/SampleEdition.
        .target(name: "TelexSampleEdition"),

        // The cache: the only target that speaks SQL.
        .target(name: "TelexStore", dependencies: [
            "TelexModel", "TelexQuery",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),

        // The fetch service: the only target that does network I/O.
        .target(name: "TelexFetch", dependencies: [
            "TelexModel", "TelexConfig", "TelexFeeds", "TelexArticles", "TelexStore", "TelexImages", "CLibPSL", "CCurl",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Aggregator accounts (TT-RSS, Google Reader, Miniflux): two-way sync through TelexFetch's HTTP client.
        .target(name: "TelexSync", dependencies: ["TelexConfig", "TelexStore", "TelexFetch", "TelexFeeds"]),

        // The UI as data: state, actions, reducer, views.
        .target(name: "TelexUI", dependencies: ["TelexModel", "TelexArticles", "TelexScreen", "TelexImages"]),
        // The ncursesw backend of TelexScreen.ScreenBackend.
        .target(name: "TelexTerminal", dependencies: ["TelexScreen", "CNcursesw"]),
        // The loop and the effect runner: where the UI meets the store, the fetcher and the terminal.
        .target(name: "TelexApp", dependencies: [
            "TelexModel", "TelexConfig", "TelexUI", "TelexScreen", "TelexTerminal", "TelexStore", "TelexFetch",
            "TelexArticles", "TelexSampleEdition", "TelexSync", "TelexImages",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The fixture HTTP server (tests, benchmarks and `telex demo`, through telex-fixture-server).
        .target(name: "TelexTestServer", dependencies: [
            "CZlib",
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        .executableTarget(name: "telex", dependencies: [
            "TelexApp", "TelexConfig", "TelexModel", "TelexFeeds", "TelexArticles", "TelexStore",
            "TelexFetch", "TelexScreen", "TelexUI", "TelexOPML", "TelexSync", "TelexQuery", "CMalloc", "TelexImages", "TelexSampleEdition",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The fixture server as a process of its own: `telex demo` and `telex _fixture-server` run it, so that
        // its HTTP server library (FlyingFox, and through it URLSession and libcurl) stays out of `telex`.
        // It also runs the retention benchmark, which changes the site's feeds from day to day in-process.
        .executableTarget(name: "telex-fixture-server", dependencies: [
            "TelexTestServer", "TelexSampleEdition", "TelexFetch", "TelexStore", "TelexConfig", "TelexModel",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Tests: one per library target, plus shared fixtures.
        .target(name: "TelexTestSupport", path: "Tests/TelexTestSupport"),
        .testTarget(name: "TelexModelTests", dependencies: ["TelexModel"]),
        .testTarget(name: "TelexQueryTests", dependencies: ["TelexQuery"]),
        .testTarget(name: "TelexConfigTests", dependencies: ["TelexConfig", "TelexTestSupport"]),
        .testTarget(name: "TelexOPMLTests", dependencies: ["TelexOPML", "TelexConfig", "TelexTestSupport"]),
        .testTarget(name: "TelexFeedsTests", dependencies: ["TelexFeeds", "TelexTestSupport"]),
        .testTarget(name: "TelexArticlesTests", dependencies: ["TelexArticles", "TelexTestSupport"]),
        // Fixtures/: caches of earlier schemas that every migration must upgrade (SchemaHistoryTests).
        .testTarget(name: "TelexStoreTests", dependencies: ["TelexStore", "TelexQuery", "TelexTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "TelexFetchTests", dependencies: ["TelexFetch", "TelexTestServer", "TelexStore", "TelexTestSupport"]),
        .testTarget(name: "TelexSyncTests", dependencies: ["TelexSync", "TelexModel", "TelexStore", "TelexConfig", "TelexFetch", "TelexTestServer", "TelexTestSupport"]),
        .testTarget(name: "TelexImagesTests", dependencies: ["TelexImages", "TelexScreen", "TelexTestSupport"]),
        .testTarget(name: "TelexScreenTests", dependencies: ["TelexScreen", "TelexTestSupport"]),
        .testTarget(name: "TelexUITests", dependencies: ["TelexUI", "TelexScreen", "TelexModel", "TelexArticles", "TelexImages", "TelexTestSupport"]),
        .testTarget(name: "TelexTerminalTests", dependencies: ["TelexTerminal", "TelexScreen"]),
        .testTarget(name: "TelexSampleEditionTests", dependencies: ["TelexSampleEdition", "TelexConfig", "TelexTestSupport"]),
        .testTarget(name: "TelexAppTests", dependencies: ["TelexApp", "TelexFetch", "TelexUI", "TelexModel", "TelexTestServer", "TelexTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
