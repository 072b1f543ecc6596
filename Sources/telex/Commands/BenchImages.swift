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

        func show(withPictures: Bool) -> (Double, AppState) {
            let clock = ContinuousClock(), t0 = clock.now
            var state = AppState(width: width, height: height)
            state.pictures = PictureOptions(mode: withPictures ? .symbols : .off, heightPercent: 50, useColor: true)
            _ = reduce(&state, .openInReader(item))
            if withPictures {
                // The runner's part, inline: the character art the reader asks for, drawn.
                for case .io(.drawArt(let jobs)) in reduce(&state, .picturesLoaded(ItemID(1), PictureFiles.decode(files))) {
                    _ = reduce(&state, .artDrawn(jobs.map { $0.draw() }))
                }
            }
            _ = RootView.render(state)
            let d = clock.now - t0
            return (Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15, state)
        }
        func median(_ withPictures: Bool) -> (p50: Double, p90: Double) {
            var samples = (0..<max(1, runs)).map { _ in show(withPictures: withPictures).0 }
            samples.sort()
            return (samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 9 / 10)])
        }
        let text = median(false)
        let withPictures = median(true)
        let (_, state) = show(withPictures: true)
        let drawn = state.reader?.art.count ?? 0
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        Output.line(String(format: "show an article with %d pictures from the cache, headless %dx%d (read + decode %d PNGs, character art, first frame): p50 %.1f ms  p90 %.1f ms (%d drawn)",
                           pictures, width, height, pictures, withPictures.p50, withPictures.p90, drawn))
        Output.line(String(format: "the same article with pictures off: p50 %.2f ms  p90 %.2f ms", text.p50, text.p90))
        Output.line(String(format: "memory: max RSS %.1f MB (the bench made its %d source pictures at 1280x800 in memory)",
                           Double(usage.ru_maxrss) / 1024, pictures))
    }
}
