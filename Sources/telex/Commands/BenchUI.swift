import ArgumentParser
import Foundation
import TelexModel
import TelexApp
import TelexArticles
import TelexModel
import TelexScreen
import TelexUI

/// Hidden benchmark: key press to finished frame, headless (reduce + cache effects + render + diff),
/// over a synthetic list paged by keyset. Run by scripts/bench/ui.sh.
struct BenchUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_bench-ui", abstract: "Benchmark the front end headless (key to frame).", shouldDisplay: false)

    @Option(help: "Rows in the synthetic list.") var rows = 1_000_000
    @Option(help: "Screen width.") var width = 120
    @Option(help: "Screen height.") var height = 40
    @Option(help: "Key presses to time.") var presses = 5_000
    @Flag(help: "Print figures as JSON.") var json = false

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let session = HeadlessSession(cache: SyntheticCache(count: rows), width: width, height: height)
        let firstFrame = clock.now - start
        session.press(.tab)
        // A mix of what readers do: line moves, pages, jumps to both ends (which reload pages),
        // the preview pane and back.
        let script: [Key] = Array(repeating: .character("j"), count: 20) + Array(repeating: .pageDown, count: 8)
            + [.end] + Array(repeating: .character("k"), count: 10) + Array(repeating: .pageUp, count: 8)
            + [.tab, .character("j"), .character(" "), .backTab, .home, .character("n"), .character("m"), .character("m")]
        var samples: [Double] = []
        samples.reserveCapacity(presses)
        for i in 0..<presses {
            let key = script[i % script.count]
            let t0 = clock.now
            session.press(key)
            let d = clock.now - t0
            samples.append(Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1e3)
        }
        samples.sort()
        func pct(_ p: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * p))] }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let rssMB = Double(usage.ru_maxrss) / 1024
        let firstMs = Double(firstFrame.components.attoseconds) / 1e15 + Double(firstFrame.components.seconds) * 1e3
        // Each item the cursor lands on is resolved (off the terminal thread) for the preview: a hostile
        // summary (1.6 MB of paragraphs, then unclosed tags) must cost little (bound: 2 s, once a timed test).
        let huge = String(repeating: "<p>x</p>", count: 200_000) + String(repeating: "<", count: 60_000)
        let hostile = ItemDetail(headline: Headline(id: ItemID(1), feedID: FeedID(1), title: "T", source: "S", link: nil,
                                                    sortTime: Date(), isRead: false, isSaved: false), summaryHTML: huge)
        let p0 = clock.now
        let paragraphs = PreviewContent(item: DocumentResolver.resolve(hostile)).paragraphs.count
        let previewTime = clock.now - p0
        let previewMs = Double(previewTime.components.attoseconds) / 1e15 + Double(previewTime.components.seconds) * 1e3
        if json {
            Output.json(["rows": JSONValue(rows), "width": JSONValue(width), "height": JSONValue(height),
                         "presses": JSONValue(presses), "p50_ms": .double(pct(0.5)), "p99_ms": .double(pct(0.99)),
                         "max_ms": .double(samples.last ?? 0), "first_frame_ms": .double(firstMs), "max_rss_mb": .double(rssMB),
                         "window_rows": JSONValue(session.state.headlines.rows.count), "hostile_preview_ms": .double(previewMs)])
        } else {
            Output.line(String(format: "key to frame, headless, %dx%d, %d rows, %d presses: p50 %.3f ms  p99 %.3f ms  max %.3f ms",
                               width, height, rows, presses, pct(0.5), pct(0.99), samples.last ?? 0))
            Output.line(String(format: "first frame, headless (sections + first page): %.2f ms", firstMs))
            Output.line(String(format: "memory: max RSS %.1f MB (loaded window: %d rows)", rssMB, session.state.headlines.rows.count))
            Output.line(String(format: "preview of a hostile 1.66 MB summary: %.1f ms, %d paragraphs kept (bound: 2000 ms)",
                               previewMs, paragraphs))
        }
    }
}
