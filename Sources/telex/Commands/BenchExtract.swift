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

    @Option(name: .customLong("layout-width"), help: "Also lay each document out at this width (extraction + layout).")
    var layoutWidth: Int?

    func run() throws {
        let pages = try files.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
        guard !pages.isEmpty else { throw ExitCode(ExitStatus.usage) }
        let bytes = pages.reduce(0) { $0 + $1.count }
        var worst = 0.0
        var paragraphs = 0
        var lines = 0
        var layoutCPU = 0.0
        // Memory is counted from here: the pages are loaded, so the figure is what extraction adds.
        let residentBefore = Self.residentKB()
        let cpuBefore = Self.cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<max(iterations, 1) {
            for page in pages {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let doc = ArticleExtractor.extract(html: page, pageURL: "https://example.com/news/story.html")
                if let layoutWidth {
                    let l0 = Self.threadCPUSeconds()
                    lines += ArticleLayout.layout(doc, width: layoutWidth, showLinkNumbers: true).lines.count
                    layoutCPU += Self.threadCPUSeconds() - l0
                }
                let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
                worst = max(worst, dt)
                paragraphs += doc.blocks.count
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Self.cpuSeconds() - cpuBefore
        let count = pages.count * max(iterations, 1)
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        let peakKB = Int(usage.ru_maxrss)
        print(String(format: "%@: %d pages (avg %.0f KB) in %.2f s wall, %.2f s CPU: %.1f pages per CPU-second, %.2f ms CPU/page mean, %.2f ms wall worst; "
                     + "RSS %d KB before extracting (pages loaded), peak %d KB (+%d KB) (blocks %d, lines %d)",
                     label, count, Double(bytes) / Double(pages.count) / 1024, seconds, cpu, Double(count) / cpu,
                     cpu * 1000 / Double(count), worst, residentBefore, peakKB, peakKB - residentBefore, paragraphs, lines)
              + (layoutWidth == nil ? "" : String(format: "; layout alone %.2f ms CPU/page", layoutCPU * 1000 / Double(count))))
    }

    /// User and system CPU time of this process: the machine is shared, wall time is not a measure.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }

    /// CPU time of the calling thread, precise enough to time one layout (getrusage counts in ticks).
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Current resident set size (VmRSS) in KB, 0 where /proc is absent.
    static func residentKB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
