import Foundation

/// Parses `Retry-After` (RFC 9110 §10.2.3): delay seconds or an HTTP-date.
public enum RetryAfter {
    /// The date after which a retry is allowed, or nil when the value is not understood.
    /// Delays are capped at a week so a hostile header cannot silence a feed forever.
    public static func parse(_ value: String, now: Date = Date()) -> Date? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        let week: TimeInterval = 7 * 86_400
        if let seconds = Int(trimmed) {
            guard seconds >= 0 else { return nil }
            return now.addingTimeInterval(min(TimeInterval(seconds), week))
        }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return min(max(date, now), now.addingTimeInterval(week))
    }
}

/// IMF-fixdate and the two obsolete HTTP date formats.
public enum HTTPDate {
    private static let formats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]

    public static func parse(_ text: String) -> Date? {
        for format in formats {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "GMT")
            f.dateFormat = format
            if let d = f.date(from: text) { return d }
        }
        return nil
    }

    public static func format(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.string(from: date)
    }
}
