#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much work one page may cost. Every pass over a page is linear in its size and the tree's
/// depth is capped, so an ordinary page takes milliseconds; the budget is the backstop for hostile
/// pages. It is counted in CPU time of the extracting thread, so a busy machine does not make
/// pages fail.
public struct ExtractionBudget: Sendable, Hashable {
    /// CPU seconds one page may take.
    public var cpuSeconds: Double

    public init(cpuSeconds: Double) { self.cpuSeconds = cpuSeconds }

    /// What the fetch service and `telex extract` allow: a thousand times a typical page.
    public static let standard = ExtractionBudget(cpuSeconds: 2)
    /// No limit (benchmarks, tests of the passes themselves).
    public static let unlimited = ExtractionBudget(cpuSeconds: .infinity)
}

/// What extraction made of a page.
public struct ExtractionResult: Sendable {
    public enum Outcome: Sendable, Hashable {
        /// The document is what the page holds (how sure: `document.confidence`).
        case extracted
        /// Not a web page (a PDF, an image, binary bytes): nothing to extract.
        case notHTML
        /// The page needed more work than the budget allows (hostile or pathological markup);
        /// the document holds no story: show the feed's content with a note.
        case overBudget(ExtractionBudget)
    }

    public var document: ArticleDocument
    public var outcome: Outcome

    public init(document: ArticleDocument, outcome: Outcome) { self.document = document; self.outcome = outcome }

    /// A note for the reader when the page's own story is not shown, or nil.
    public var note: String? {
        switch outcome {
        case .extracted: return nil
        case .notHTML: return "The page is not a web page."
        case .overBudget(let budget):
            return "The page was too complex to read (over \(budget.cpuSeconds.formatted()) s of work); showing the feed's content."
        }
    }
}

private extension Double {
    func formatted() -> String { self == rounded() ? String(Int(self)) : String(self) }
}

/// The point in the extracting thread's CPU time after which work stops. A class: the parser's
/// callbacks and the passes share one, and it remembers once it has passed.
final class Deadline: @unchecked Sendable {
    private let limit: Double
    private(set) var passed = false
    private var checks = 0

    init(_ budget: ExtractionBudget) {
        limit = budget.cpuSeconds.isFinite ? Self.threadCPUSeconds() + budget.cpuSeconds : .infinity
    }

    /// Whether the time is up (reads the clock).
    func check() -> Bool {
        if passed { return true }
        guard limit.isFinite else { return false }
        if Self.threadCPUSeconds() > limit { passed = true }
        return passed
    }

    /// Cheap enough for inner loops: reads the clock once every 1024 calls.
    @inline(__always) func checkOften() -> Bool {
        if passed { return true }
        checks &+= 1
        return checks & 1023 == 0 ? check() : false
    }

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
