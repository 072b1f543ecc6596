import ArgumentParser
import Foundation
import TelexApp
import TelexArticles
import TelexImages
import TelexModel
import TelexUI

/// Hidden benchmark: time to show an article with pictures from the cache, headless: read and decode the
/// kept PNGs (as the runner does), open the reader, attach them (character art by libchafa) and render
/// the first frame; and the memory it takes. Run by scripts/bench/images.sh.
struct BenchImages: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_bench-images", abstract: "Benchmark showing an article with pictures (headless).", shouldDisplay: false)

    @Option(help: "Pictures in the article.") var pictures = 5
    @Option(help: "Screen width.") var width = 120
    @Option(help: "Screen height.") var height = 40
    @Option(help: "Timed runs.") var runs = 50

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("telex-bench-images-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Photo-like pictures (gradients with noise: the worst case of PNG), kept as the fetcher keeps them:
        // a 1280 × 800 source scaled to a 480-pixel PNG.
        var files: [String: String] = [:]
        var blocks: [Block] = [.paragraph([.text("The story begins.")])]
        var rng = BenchText.Random(state: 19)
        for n in 0..<pictures {
            let w = 1280, h = 800
            var px = [UInt8](repeating: 255, count: w * h * 4)
            for y in 0..<h {
                for x in 0..<w {
                    let i = (y * w + x) * 4, noise = Int(rng.next() % 24)
                    px[i] = UInt8((x * 255 / w + noise + n * 40) % 256); px[i + 1] = UInt8((y * 255 / h + noise) % 256)
                    px[i + 2] = UInt8((128 + noise * 3) % 256)
                }
            }
            let source = try ImageThumbnail.make(from: RGBAImage(width: w, height: h, pixels: px))
            let kept = try ImageThumbnail.make(from: source.png)
            let path = directory.appendingPathComponent("\(kept.sha256).png").path
            try Data(kept.png).write(to: URL(fileURLWithPath: path))
            let url = "https://bench.example/picture-\(n).jpg"
            files[url] = path
            blocks.append(.figure(imageURL: url, caption: [.text("Picture \(n).")], alt: nil))
            blocks += (0..<4).map { _ in .paragraph([.text(String(repeating: "A sentence of the story between pictures. ", count: 6))]) }
        }
        let document = ArticleDocument(metadata: ArticleMetadata(title: "An illustrated story", siteName: "Bench"), blocks: blocks)
        let detail = ItemDetail(headline: Headline(id: ItemID(1), feedID: FeedID(1), title: "An illustrated story", source: "Bench",
                                                   link: "https://bench.example/story", sortTime: Date(), isRead: true, isSaved: false),
                                articleJSON: ArticleDocumentCodec.encode(document), articleURL: "https://bench.example/story")
        let item = DocumentResolver.resolve(detail)

        /// Total time to the frame with the pictures, and the part of it on the terminal thread (reduce and
        /// render; reading, decoding and drawing the art are the runner's, off that thread).
        func show(_ mode: ImagesMode) -> (total: Double, terminal: Double, state: AppState) {
            let clock = ContinuousClock()
            var terminal = Duration.zero
            func onTerminal<T>(_ body: () -> T) -> T { let t = clock.now; let r = body(); terminal += clock.now - t; return r }
            let t0 = clock.now
            var state = AppState(width: width, height: height)
            state.pictures = PictureOptions(mode: mode, heightPercent: 50, useColor: true)
            _ = onTerminal { reduce(&state, .openInReader(item)) }
            _ = onTerminal { RootView.render(state) }
            if mode != .off {
                let pictures = PictureFiles.decode(files)
                let effects = onTerminal { reduce(&state, .picturesLoaded(ItemID(1), pictures)) }
                _ = onTerminal { RootView.render(state) }
                // The runner's part, inline: the character art the reader asks for, drawn.
                for case .io(.drawArt(let jobs)) in effects {
                    let drawn = jobs.map { $0.draw() }
                    _ = onTerminal { reduce(&state, .artDrawn(drawn)) }
                }
                _ = onTerminal { RootView.render(state) }
            }
            func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15 }
            return (ms(clock.now - t0), ms(terminal), state)
        }
        func percentiles(_ mode: ImagesMode) -> (p50: Double, p90: Double, terminal50: Double) {
            // Times only: fifty readers' states kept would be the bench's memory, not the reader's.
            let runs = (0..<max(1, self.runs)).map { _ in let r = show(mode); return (total: r.total, terminal: r.terminal) }
            let total = runs.map(\.total).sorted(), terminal = runs.map(\.terminal).sorted()
            return (total[total.count / 2], total[min(total.count - 1, total.count * 9 / 10)], terminal[terminal.count / 2])
        }
        let text = percentiles(.off)
        let symbols = percentiles(.symbols)
        let kitty = percentiles(.kitty)
        let drawn = show(.symbols).state.reader?.art.count ?? 0
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        Output.line(String(format: "show an article with %d pictures from the cache, headless %dx%d (read + decode %d PNGs, character art, frames): p50 %.1f ms  p90 %.1f ms (%d drawn); on the terminal thread p50 %.1f ms",
                           pictures, width, height, pictures, symbols.p50, symbols.p90, drawn, symbols.terminal50))
        Output.line(String(format: "the same with kitty graphics (read + decode, placeholder cells, no art): p50 %.1f ms  p90 %.1f ms; on the terminal thread p50 %.1f ms",
                           kitty.p50, kitty.p90, kitty.terminal50))
        Output.line(String(format: "the same article with pictures off: p50 %.2f ms  p90 %.2f ms", text.p50, text.p90))
        Output.line(String(format: "memory: max RSS %.1f MB (the bench made its %d source pictures at 1280x800 in memory)",
                           Double(usage.ru_maxrss) / 1024, pictures))
    }
}
