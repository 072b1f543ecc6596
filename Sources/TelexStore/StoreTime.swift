import Foundation

/// Times are stored as integer milliseconds since 1970 so that a cursor read back from a row compares exactly.
enum StoreTime {
    static func milliseconds(_ date: Date) -> Int64 {
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        guard ms.isFinite else { return 0 }
        return Int64(max(min(ms, 9.0e15), -9.0e15))
    }

    static func milliseconds(_ date: Date?) -> Int64? { date.map { milliseconds($0) } }

    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }

    static func date(_ ms: Int64?) -> Date? { ms.map { date($0) } }

    static let day: Int64 = 86_400_000

    /// Published, clamped to first seen plus a day so a future date cannot stick on top; first seen without a date.
    static func sortTime(published: Int64?, firstSeen: Int64) -> Int64 {
        guard let published else { return firstSeen }
        return min(published, firstSeen + day)
    }
}
