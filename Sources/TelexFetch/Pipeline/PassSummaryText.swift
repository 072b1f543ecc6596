import Foundation
import TelexModel

/// The summary line of a pass, as `telex fetch` prints it and `telex serve` logs it.
public enum PassSummaryText {
    /// "fetched 12 feeds in 0.84 s: 10 ok, 1 unchanged, 1 failed; 40 new items; 8 articles; 2 MiB"
    public static func line(_ s: FetchProgress) -> String {
        var parts = ["\(s.feedsTotal) feeds in \(String(format: "%.2f", s.seconds)) s: \(s.ok) ok, \(s.unchanged) unchanged, \(s.failed) failed"]
        if s.skipped > 0 { parts[0] += ", \(s.skipped) skipped" }
        parts.append("\(s.newItems) new items")
        parts.append("\(s.articles) articles" + (s.articleFailures > 0 ? " (\(s.articleFailures) failed)" : ""))
        parts.append(ByteCountText.text(s.bytes))
        return "fetched " + parts.joined(separator: "; ")
    }
}
