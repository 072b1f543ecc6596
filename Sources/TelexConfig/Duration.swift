import Foundation
import TelexModel

/// Durations as users write them in feeds.json: "90s", "30m", "2h", "1d", or a plain number of seconds.
public enum DurationText {
    public static func seconds(_ text: String) -> Int? {
        let t = text.trimmingWhitespace().lowercased()
        guard let unit = t.last else { return nil }
        let factor: Int
        var digits = Substring(t)
        switch unit {
        case "s": factor = 1; digits = digits.dropLast()
        case "m": factor = 60; digits = digits.dropLast()
        case "h": factor = 3600; digits = digits.dropLast()
        case "d": factor = 86400; digits = digits.dropLast()
        case "0"..."9": factor = 1
        default: return nil
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n > 0, n < Int(Int32.max) / factor else { return nil }
        return n * factor
    }

    public static func text(_ seconds: Int) -> String {
        if seconds % 86400 == 0 { return "\(seconds / 86400)d" }
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
