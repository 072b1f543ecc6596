import Foundation

/// ISO-8601 and the common variants found in meta tags.
enum DateParsing {
    static func parse(_ raw: String) -> Date? {
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard s.count >= 8, s.count <= 40 else { return nil }
        if let d = iso8601(Array(s.utf8)) { return d }
        // Formatters are costly to create: only for the rare formats the fast path does not read.
        let iso = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime], [.withFullDate]] {
            iso.formatOptions = options
            if let d = iso.date(from: s) { return d }
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd'T'HH:mm:ssZ", "yyyy-MM-dd'T'HH:mm:ss.SSSZ", "yyyy-MM-dd'T'HH:mmZ", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss",
                       "yyyy-MM-dd HH:mm:ssZ", "EEE, dd MMM yyyy HH:mm:ss Z", "yyyy/MM/dd", "yyyyMMdd", "yyyy-MM-dd"] {
            f.dateFormat = format
            if let d = f.date(from: s) { return d }
        }
        return nil
    }
}

extension DateParsing {
    /// `YYYY-MM-DD`, optionally `T` or a space and `HH:MM[:SS[.fff]]`, then `Z`, `±HH:MM`, `±HHMM`
    /// or nothing (UTC): what nearly every page writes, read without a formatter.
    static func iso8601(_ b: [UInt8]) -> Date? {
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= b.count else { return nil }
            var v = 0
            for k in i..<(i + digits) {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            i += digits
            return v
        }
        func skip(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), skip(0x2D), let month = number(2), skip(0x2D), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = 0.0
        if i < b.count {
            guard skip(0x54) || skip(0x20), let hour = number(2), skip(0x3A), let minute = number(2), hour < 24, minute < 60 else { return nil }
            seconds = Double(hour * 3600 + minute * 60)
            if skip(0x3A) {
                guard let second = number(2), second < 61 else { return nil }
                seconds += Double(second)
                if skip(0x2E) || skip(0x2C) {
                    var scale = 0.1
                    let startFraction = i
                    while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { seconds += Double(b[i] - 0x30) * scale; scale /= 10; i += 1 }
                    guard i > startFraction else { return nil }
                }
            }
            if skip(0x5A) {
            } else if i < b.count, b[i] == 0x2B || b[i] == 0x2D {
                let sign = b[i] == 0x2D ? -1.0 : 1.0
                i += 1
                guard let zoneHours = number(2) else { return nil }
                _ = skip(0x3A)
                let zoneMinutes = i < b.count ? number(2) : 0
                guard let zoneMinutes, zoneHours < 24, zoneMinutes < 60 else { return nil }
                seconds -= sign * Double(zoneHours * 3600 + zoneMinutes * 60)
            }
            guard i == b.count else { return nil }
        }
        return Date(timeIntervalSince1970: Double(daysFromCivil(year, month, day)) * 86_400 + seconds)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
