import ArgumentParser
import CMalloc
import Foundation
import TelexFeeds

/// `telex _bench-parse DIR`: parses every file of DIR in-process, several rounds, and prints MB/s (hidden; for scripts/bench).
struct BenchParse: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "_bench-parse", abstract: "Parser throughput over a directory.", shouldDisplay: false)

    @OptionGroup var global: GlobalOptions

    @Argument var directory: String

    @Option(help: "Rounds over the corpus.") var rounds = 3

    func run() throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.sorted() ?? []
        let documents = names.compactMap { FileManager.default.contents(atPath: directory + "/" + $0).map { Array($0) } }
        guard !documents.isEmpty else { Output.error("no files in \(directory)"); throw ExitCode(ExitStatus.runtime) }
        let totalBytes = documents.reduce(0) { $0 + $1.count }
        var items = 0, failures = 0
        var best = Double.infinity, bestCPU = Double.infinity
        for _ in 0..<max(1, rounds) {
            items = 0; failures = 0
            let start = DispatchTime.now().uptimeNanoseconds
            let startCPU = Self.processCPUSeconds()
            for document in documents {
                if let feed = try? FeedParser.parse(document) { items += feed.items.count } else { failures += 1 }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            bestCPU = min(bestCPU, Self.processCPUSeconds() - startCPU)
        }
        let megabytes = Double(totalBytes) / 1_000_000
        Output.line(String(format: "telex: %d files, %.1f MB, %d items, %d failures, %.3f s, %.1f MB/s; CPU %.3f s, %.1f MB/s",
                           documents.count, megabytes, items, failures, best, megabytes / best, bestCPU, megabytes / bestCPU))
        // Peak memory of this process alone (the leak test runs it at two round counts and compares).
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        Output.line("max RSS: \(usage.ru_maxrss) KiB")
        // What the heap holds now: a leak shows here even when it fits under an earlier peak.
        Output.line("heap in use: \(telex_heap_in_use() / 1024) KiB")
    }

    /// CPU time of this process (user + system), so that a loaded machine does not count against a round.
    private static func processCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
