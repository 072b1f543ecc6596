import ArgumentParser
import Foundation
import TelexArticles
import TelexModel

/// Hidden `telex _extract-batch`: extracts many saved pages in one process, for the extraction
/// scorers (scripts/score-wcxb.py): starting a process per page would cost more than extracting.
struct ExtractBatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_extract-batch", abstract: "Extract many saved pages (scorers).",
        discussion: """
        MANIFEST holds one page a line: ID<TAB>PATH<TAB>PAGE_URL. Prints one JSON object a line: \
        {"id", "text", "confidence", "cpuMs", "outcome"}, where text is the story's plain text.
        """,
        shouldDisplay: false)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The manifest file (- for standard input).")
    var manifest: String

    static func name(_ outcome: ExtractionResult.Outcome) -> String {
        switch outcome {
        case .extracted: return "extracted"
        case .notHTML: return "notHTML"
        case .overBudget: return "overBudget"
        }
    }

    func run() throws {
        let listing: String
        if manifest == "-" {
            listing = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            do { listing = try String(contentsOfFile: manifest, encoding: .utf8) } catch {
                Output.error("cannot read \(manifest): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.runtime)
            }
        }
        let writer = JSONWriter.standardOutput()
        writer.begin(.lines)
        defer { writer.end() }
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { continue }
            guard let data = FileManager.default.contents(atPath: fields[1]) else {
                Output.error("cannot read \(fields[1])")
                continue
            }
            let cpuBefore = BenchExtract.cpuSeconds()
            let result = ArticleExtractor.extract(html: Array(data), pageURL: fields[2], budget: .standard)
            let cpu = BenchExtract.cpuSeconds() - cpuBefore
            writer.element([
                "id": .string(fields[0]), "text": .string(result.document.plainText),
                "confidence": .double(result.document.confidence),
                "cpuMs": .double((cpu * 10_000).rounded() / 10), "outcome": .string(Self.name(result.outcome)),
            ])
        }
    }
}
