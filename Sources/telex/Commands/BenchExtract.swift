import ArgumentParser
import Foundation
import TelexArticles

/// Hidden `telex _bench-extract`: extraction throughput and peak memory, for scripts/bench/articles.sh.
struct BenchExtract: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "_bench-extract", abstract: "Benchmark article extraction.", shouldDisplay: false)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "HTML files to extract.")
    var files: [String]

    @Option(help: "Passes over all files.")
    var iterations: Int = 10

    @Option(help: "A label for the printed figures.")
    var label: String = "pages"

    func run() throws {
        let pages = try files.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
        guard !pages.isEmpty else { throw ExitCode(ExitStatus.usage) }
        let bytes = pages.reduce(0) { $0 + $1.count }
        var worst = 0.0
        var paragraphs = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<max(iterations, 1) {
            for page in pages {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let doc = ArticleExtractor.extract(html: page, pageURL: "https://example.com/news/story.html")
                let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
                worst = max(worst, dt)
                paragraphs += doc.blocks.count
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let count = pages.count * max(iterations, 1)
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        let peakKB = Int(usage.ru_maxrss)
        print(String(format: "%@: %d pages (avg %.0f KB) in %.2f s: %.1f pages/s, %.2f ms/page mean, %.2f ms worst; peak RSS %d KB (blocks %d)",
                     label, count, Double(bytes) / Double(pages.count) / 1024, seconds, Double(count) / seconds,
                     seconds * 1000 / Double(count), worst, peakKB, paragraphs))
    }
}
