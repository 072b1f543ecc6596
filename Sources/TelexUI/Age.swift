import Foundation

/// Compact ages for the headlines pane ("now", "5m", "3h", "2d", "6w", "2y").
public enum Age {
    public static func format(_ date: Date, now: Date) -> String {
        let s = max(0, Int(now.timeIntervalSince(date)))
        switch s {
        case ..<60: return "now"
        case ..<3600: return "\(s / 60)m"
        case ..<86_400: return "\(s / 3600)h"
        case ..<(14 * 86_400): return "\(s / 86_400)d"
        case ..<(365 * 86_400): return "\(s / (7 * 86_400))w"
        default: return "\(s / (365 * 86_400))y"
        }
    }
}
