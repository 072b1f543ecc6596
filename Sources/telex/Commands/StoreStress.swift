import ArgumentParser
import Foundation
import TelexModel
import TelexStore

/// The child of the crash-safety and concurrent-open tests: writes to the cache in a loop until killed, printing
/// "committed ID" after each commit (one write(2) per line, so a kill never leaves half a line).
struct StoreStress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_store-stress", abstract: "Write to the cache in a loop until killed (crash-safety test).",
        shouldDisplay: false)

    @OptionGroup var global: GlobalOptions

    @Option(help: "A label for the stable ids of this run.")
    var round = 0

    @Option(help: "Stop after this many commits (0: never).")
    var commits = 0

    @Option(help: "Print \"ready\", then wait until this file exists before opening the cache (starts several writers at once).")
    var startWhenExists: String?

    func run() throws {
        if let start = startWhenExists {
            FileHandle.standardOutput.write(Data("ready\n".utf8))
            while !FileManager.default.fileExists(atPath: start) { usleep(500) }
        }
        let store = try Store.open(directory: global.cacheDirectory)
        try store.syncConfiguration([SectionSpec(name: "Stress", feeds: (0..<4).map { FeedSpec(url: "https://stress\($0).example/feed") })])
        let feeds = try store.feedsForFetching()
        let filler = String(repeating: "lorem ipsum dolor sit amet ", count: 20)
        var n = 0
        while commits == 0 || n < commits {
            let feed = feeds[n % feeds.count]
            let now = Date()
            let items = (0..<20).map { i in
                ItemRecord(stableID: "r\(round)-\(n)-\(i)", link: "https://stress.example/r\(round)/\(n)/\(i)",
                           title: "Round \(round) batch \(n) item \(i)", published: now, summaryHTML: "<p>\(filler)\(i)</p>")
            }
            try store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed.id, attemptedAt: now, succeededAt: now),
                                                   items: items)])
            FileHandle.standardOutput.write(Data("committed r\(round)-\(n)\n".utf8))
            // Churn the other write paths too: read state, saved state, an article, and deletes.
            let recent = try store.headlines(.feed(feed.id), after: nil, limit: 5)
            try store.setRead(recent.prefix(3).map(\.id), true)
            if let first = recent.first { try store.setSaved(first.id, n % 2 == 0) }
            if n % 5 == 0 {
                _ = try store.saveArticle(ArticleRecord(requestedURL: items[0].link!, fetchedAt: now, documentJSON: Data("{}".utf8),
                                                        plainText: filler, links: [ArticleLink(url: items[1].link!, text: "x", kind: .related)]))
            }
            if n % 7 == 6 { _ = try store.markAllRead(.feed(feed.id)) }
            n += 1
        }
    }
}
