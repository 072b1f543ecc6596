import Foundation

/// Dates as feeds write them: RFC 822/1123 with their real-world variants, ISO 8601 / RFC 3339, asctime.
///
/// Hand-written rather than DateFormatter: one pass over the bytes, no locale, and the lenient rules
/// (two-digit years, missing seconds or weekday, named and military zones, unsigned offsets) feeds need.
public enum FeedDate {
    /// The date in UTC, or nil when the text is not a date we can read.
    public static func parse(_ text: String) -> Date? {
        // Dates written with Korean, Greek or Hungarian words (feedparser's "8-bit" date handlers) are
        // rewritten in English first; everything else is ASCII and read as it is.
        if text.utf8.contains(where: { $0 >= 0x80 }) {
            guard let english = LocalizedDate.english(text) else { return nil }
            return parseASCII(english)
        }
        return parseASCII(text)
    }

    private static func parseASCII(_ text: String) -> Date? {
        var bytes = Array(text.utf8)
        // Trim spaces and control characters.
        while let last = bytes.last, last <= 0x20 { bytes.removeLast() }
        var start = 0
        while start < bytes.count, bytes[start] <= 0x20 { start += 1 }
        if start > 0 { bytes.removeFirst(start) }
        if bytes.isEmpty || bytes.count > 100 { return nil }
        if bytes.count >= 4, bytes[0..<4].allSatisfy(isDigit), let date = parseISO(bytes) { return date }
        if let date = parseTruncatedISO(bytes) { return date }
        if let date = parseRFC1123(bytes) { return date }
        return parseTokens(bytes)
    }

    /// The shape nearly every RSS date has, "Wed, 02 Oct 2002 13:00:00 GMT" (or "+0200"), read without
    /// tokenizing (the general reader below allocates per token: it was 8% of parse time). Anything
    /// else returns nil and goes to `parseTokens`, which reads this shape the same way.
    private static func parseRFC1123(_ b: [UInt8]) -> Date? {
        var i = 0
        let n = b.count
        if n >= 5, isLetter(b[0]), isLetter(b[1]), isLetter(b[2]), b[3] == UInt8(ascii: ","), b[4] == 0x20 { i = 5 }
        func digits(_ count: Int) -> Int? {
            guard i + count <= n else { return nil }
            var v = 0
            for k in i..<(i + count) { guard isDigit(b[k]) else { return nil }; v = v * 10 + Int(b[k] - 48) }
            i += count
            return v
        }
        func skip(_ c: UInt8) -> Bool { if i < n, b[i] == c { i += 1; return true }; return false }
        let dayDigits = i + 1 < n && isDigit(b[i + 1]) ? 2 : 1
        guard let day = digits(dayDigits), skip(0x20), i + 4 <= n else { return nil }
        let monthWord = [lowercased(b[i]), lowercased(b[i + 1]), lowercased(b[i + 2])]
        guard b[i + 3] == 0x20, let month = monthPrefixes.firstIndex(of: monthWord) else { return nil }
        i += 4
        guard let year = digits(4), skip(0x20), let hour = digits(2), skip(UInt8(ascii: ":")), let minute = digits(2),
              skip(UInt8(ascii: ":")), let second = digits(2), skip(0x20) else { return nil }
        let zone = b[i...]
        let offset: Int
        if zone.elementsEqual("GMT".utf8) || zone.elementsEqual("UT".utf8) || zone.elementsEqual("UTC".utf8) || zone.elementsEqual("Z".utf8) {
            offset = 0
        } else if zone.count == 5, zone.first == UInt8(ascii: "+") || zone.first == UInt8(ascii: "-") {
            i += 1
            guard let hh = digits(2), let mm = digits(2), hh <= 23, mm <= 59 else { return nil }
            offset = (zone.first == UInt8(ascii: "-") ? -1 : 1) * (hh * 3600 + mm * 60)
        } else {
            return nil
        }
        return makeDate(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: Double(second), offsetSeconds: offset)
    }

    // MARK: ISO 8601 / RFC 3339

    private static func parseISO(_ b: [UInt8]) -> Date? {
        var i = 0
        func number(_ maxDigits: Int) -> (value: Int, digits: Int)? {
            var v = 0, n = 0
            while i < b.count, n < maxDigits, isDigit(b[i]) { v = v * 10 + Int(b[i] - 48); i += 1; n += 1 }
            return n == 0 ? nil : (v, n)
        }
        guard let year = number(4), year.digits == 4 else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0.0, offset = 0
        let compact = i < b.count && isDigit(b[i])          // 20031213T183002Z
        if i < b.count, b[i] == UInt8(ascii: "-") || compact {
            if !compact { i += 1 }
            // "2005-5-28" (one digit) is read too, as feedparser reads it; the compact form needs two.
            // Google once wrote a three-digit month ("2003-012-31").
            guard let m = number(compact ? 2 : 3), m.digits == 2 || (!compact && (m.digits == 1 || b[i - 3] == UInt8(ascii: "0"))) else { return nil }
            month = m.value
            if i < b.count, b[i] == UInt8(ascii: "-") || (compact && isDigit(b[i])) {
                if !compact { i += 1 }
                guard let d = number(2), d.digits == 2 || !compact else { return nil }
                day = d.value
            }
        }
        if i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == 0x20 {
            i += 1
            while i < b.count, b[i] == 0x20 { i += 1 }
            guard let h = number(2) else { return nil }
            hour = h.value
            if i < b.count, b[i] == UInt8(ascii: ":") { i += 1 }
            if let m = number(2) { minute = m.value }
            if i < b.count, b[i] == UInt8(ascii: ":") { i += 1 }
            if let s = number(2) {
                second = Double(s.value)
                if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                    i += 1
                    var scale = 0.1
                    while i < b.count, isDigit(b[i]) { second += Double(b[i] - 48) * scale; scale /= 10; i += 1 }
                }
            }
            while i < b.count, b[i] == 0x20 { i += 1 }
            // A 12-hour clock ("2024-02-04 1:30 PM").
            if let (pm, length) = meridiem(b, at: i) {
                guard hour >= 1, hour <= 12 else { return nil }
                hour = pm ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour)
                i += length
                while i < b.count, b[i] == 0x20 { i += 1 }
            }
            if i < b.count {
                guard let zone = parseZone(Array(b[i...])) else { return nil }
                offset = zone
                i = b.count
            }
        } else {
            while i < b.count, b[i] == 0x20 { i += 1 }
            if i < b.count { return nil }
        }
        return makeDate(year: year.value, month: month, day: day, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }

    /// ISO 8601:1988's truncated forms with a two-digit year, as feedparser's ISO 8601 handler reads
    /// them: YYMMDD, YY-MM-DD, -YYMM, -YY-MM.
    private static func parseTruncatedISO(_ b: [UInt8]) -> Date? {
        guard b.count >= 5, b.count <= 8, b.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "-") }) else { return nil }
        let digits = b.filter(isDigit).map { Int($0 - 48) }
        func pair(_ k: Int) -> Int { digits[k] * 10 + digits[k + 1] }
        let dashes = b.filter { $0 == UInt8(ascii: "-") }.count
        let shape = String(decoding: b.map { isDigit($0) ? UInt8(ascii: "9") : $0 }, as: UTF8.self)
        guard ["999999", "99-99-99", "-9999", "-99-99"].contains(shape), dashes == b.count - digits.count else { return nil }
        let year = pair(0) < 50 ? 2000 + pair(0) : 1900 + pair(0)
        return makeDate(year: year, month: pair(2), day: digits.count == 6 ? pair(4) : 1, hour: 0, minute: 0, second: 0, offsetSeconds: 0)
    }

    /// "am", "pm", "a.m." or "p.m." at `i` (any case), followed by the end, a space or a zone sign:
    /// whether it is PM, and its length.
    private static func meridiem(_ b: [UInt8], at i: Int) -> (Bool, Int)? {
        guard i < b.count else { return nil }
        let first = lowercased(b[i])
        guard first == UInt8(ascii: "a") || first == UInt8(ascii: "p") else { return nil }
        var j = i + 1
        if j < b.count, b[j] == UInt8(ascii: ".") { j += 1 }
        guard j < b.count, lowercased(b[j]) == UInt8(ascii: "m") else { return nil }
        j += 1
        if j < b.count, b[j] == UInt8(ascii: ".") { j += 1 }
        guard j == b.count || b[j] == 0x20 || b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") else { return nil }
        return (first == UInt8(ascii: "p"), j - i)
    }

    // MARK: RFC 822 and friends, by token

    private static func parseTokens(_ b: [UInt8]) -> Date? {
        var tokens: [[UInt8]] = []
        var numericMonth: Int?
        for var raw in b.split(whereSeparator: { $0 == 0x20 || $0 == UInt8(ascii: ",") || $0 == 0x09 }).map(Array.init) {
            // "Etc/GMT" is GMT.
            if raw.count > 4, raw.prefix(4).map(lowercased) == Array("etc/".utf8) { raw.removeFirst(4) }
            let hasLetter = raw.contains(where: isLetter)
            // Perforce: "2006/09/15".
            let slashParts = raw.split(separator: UInt8(ascii: "/"))
            if slashParts.count == 3, slashParts[0].count == 4, slashParts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(isDigit) }) {
                tokens.append(Array(slashParts[0])); tokens.append(Array(slashParts[2]))
                numericMonth = Int(String(decoding: slashParts[1], as: UTF8.self))
                continue
            }
            if raw.first.map(isDigit) == true, hasLetter, raw.contains(UInt8(ascii: "-")), !raw.contains(UInt8(ascii: ":")) {
                // "02-Oct-2002"
                tokens.append(contentsOf: raw.split(separator: UInt8(ascii: "-")).map(Array.init))
            } else if raw.first.map(isLetter) == true, let sign = raw.firstIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
                // "GMT+0100"
                tokens.append(Array(raw[..<sign])); tokens.append(Array(raw[sign...]))
            } else {
                tokens.append(raw)
            }
        }

        var day: Int?, month: Int? = numericMonth, year: Int?, hour: Int?, minute = 0, second = 0.0
        var offset: Int?, pm: Bool?
        var numbers: [(value: Int, digits: Int)] = []
        for token in tokens {
            let lower = token.map(lowercased)
            if token.contains(UInt8(ascii: ":")) && hour == nil {
                // hh:mm[:ss[.frac]], maybe with a zone glued on ("10:00Z").
                var i = 0
                func num() -> Int? {
                    var v = 0, n = 0
                    while i < token.count, n < 2, isDigit(token[i]) { v = v * 10 + Int(token[i] - 48); i += 1; n += 1 }
                    return n == 0 ? nil : v
                }
                guard let h = num() else { return nil }
                hour = h
                if i < token.count, token[i] == UInt8(ascii: ":") { i += 1; minute = num() ?? 0 }
                if i < token.count, token[i] == UInt8(ascii: ":") { i += 1; second = Double(num() ?? 0) }
                if i < token.count, token[i] == UInt8(ascii: ".") {
                    i += 1
                    var scale = 0.1
                    while i < token.count, isDigit(token[i]) { second += Double(token[i] - 48) * scale; scale /= 10; i += 1 }
                }
                if i < token.count {
                    guard let z = parseZone(Array(token[i...])) else { return nil }
                    offset = z
                }
                continue
            }
            if token.allSatisfy(isDigit) {
                // A four-digit number after the time, once the year is known, is an unsigned offset.
                if hour != nil, year != nil || numbers.count >= 2, token.count == 4, offset == nil {
                    let v = Int(String(decoding: token, as: UTF8.self)) ?? 0
                    offset = (v / 100) * 3600 + (v % 100) * 60
                    continue
                }
                numbers.append((Int(String(decoding: token.prefix(9), as: UTF8.self)) ?? 0, token.count))
                continue
            }
            if token.first == UInt8(ascii: "+") || token.first == UInt8(ascii: "-") {
                guard let z = parseZone(token) else { return nil }
                offset = (offset ?? 0) + z
                continue
            }
            if let m = monthNumber(lower) { month = m; continue }
            if lower == Array("am".utf8) || lower == Array("a.m.".utf8) { pm = false; continue }
            if lower == Array("pm".utf8) || lower == Array("p.m.".utf8) { pm = true; continue }
            if weekdayNames.contains(where: { lower.starts(with: $0) }) { continue }
            // US zone names without the S/D ("ET"), after the time only: before it, "at" is a word ("Jan 5 at 10:00").
            if hour != nil, let hours = genericZones[String(decoding: lower, as: UTF8.self)] { offset = (offset ?? 0) + hours * 3600; continue }
            if lower == Array("at".utf8) || lower == Array("on".utf8) { continue }
            // A one-letter (military) zone only after the time: before it, "x" is no date at all.
            if token.count > 1 || hour != nil, let z = parseZone(token) { offset = (offset ?? 0) + z; continue }
            // An ordinal day ("5th") or an unknown word: ordinal days are read, other words rejected.
            if let first = token.first, isDigit(first) {
                let digits = token.prefix(while: isDigit)
                numbers.append((Int(String(decoding: digits, as: UTF8.self)) ?? 0, digits.count))
                continue
            }
            return nil
        }
        // Assign the bare numbers: a four-digit (or > 31) one is the year; the other is the day.
        for n in numbers {
            if n.digits >= 3 || n.value > 31 {
                if year == nil { year = n.value } else { return nil }
            } else if day == nil, month != nil || numbers.count >= 2 {
                day = n.value
            } else if year == nil {
                year = n.value < 50 ? 2000 + n.value : (n.value < 100 ? 1900 + n.value : n.value)
            } else if day == nil {
                day = n.value
            }
        }
        // Numeric "day month year" without a month name is ambiguous: not read.
        guard var y = year, let m = month else { return nil }
        if y < 100, numbers.first(where: { $0.value == y })?.digits ?? 4 <= 2 { y = y < 50 ? 2000 + y : 1900 + y }
        var h = hour ?? 0
        if let pm {
            if pm, h < 12 { h += 12 } else if !pm, h == 12 { h = 0 }
        }
        return makeDate(year: y, month: m, day: day ?? 1, hour: h, minute: minute, second: second, offsetSeconds: offset ?? 0)
    }

    /// A zone: Z, UT, GMT, US names, military letters, or a numeric offset (+hh, +hhmm, +hh:mm); seconds east of UTC.
    static func parseZone(_ token: [UInt8]) -> Int? {
        guard let first = token.first else { return nil }
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            let digits = token.dropFirst().filter { $0 != UInt8(ascii: ":") }
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(isDigit) else { return nil }
            let v = Int(String(decoding: digits, as: UTF8.self)) ?? 0
            let (h, m) = digits.count <= 2 ? (v, 0) : (v / 100, v % 100)
            guard h <= 23, m <= 59 else { return nil }
            let seconds = h * 3600 + m * 60
            return first == UInt8(ascii: "-") ? -seconds : seconds
        }
        let lower = String(decoding: token.map(lowercased), as: UTF8.self)
        if let hours = zoneNames[lower] { return hours * 3600 }
        if lower.count == 1, let c = lower.unicodeScalars.first, let hours = militaryZone(c) { return hours * 3600 }
        return nil
    }

    private static let zoneNames: [String: Int] = [
        "z": 0, "ut": 0, "utc": 0, "gmt": 0, "wet": 0, "bst": 1, "cet": 1, "cest": 2, "met": 1, "eet": 2, "eest": 3,
        "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
        "akst": -9, "akdt": -8, "hst": -10, "ast": -4, "adt": -3, "nzst": 12, "nzdt": 13, "jst": 9, "ist": 5, "mest": 2, "kst": 9,
    ]

    /// feedparser's zone names without standard/daylight (Disney's feeds).
    private static let genericZones: [String: Int] = ["at": -4, "et": -5, "ct": -6, "mt": -7, "pt": -8]

    /// RFC 822 military zones as feedparser reads them (A..I = -1..-9, K..M = -10..-12, N..Y = +1..+12).
    private static func militaryZone(_ c: Unicode.Scalar) -> Int? {
        let v = Int(c.value)
        switch c {
        case "a"..."i": return -(v - 0x60)
        case "k"..."m": return -(v - 0x61)
        case "n"..."y": return v - 0x6D
        case "z": return 0
        default: return nil
        }
    }

    private static let monthPrefixes: [[UInt8]] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map { Array($0.utf8) }
    private static let weekdayNames: [[UInt8]] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { Array($0.utf8) }

    private static func monthNumber(_ lower: [UInt8]) -> Int? {
        guard lower.count >= 3 else { return nil }
        var word = lower
        if word.last == UInt8(ascii: ".") { word.removeLast() }
        for (index, prefix) in monthPrefixes.enumerated() where word.starts(with: prefix) {
            // Accept "Jan", "January", "Sept"; not "Janxyz".
            let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][index]
            if word.count == 3 || Array(full.utf8).starts(with: word) || word == Array("sept".utf8) { return index + 1 }
        }
        return nil
    }

    static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Double, offsetSeconds: Int) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              (0...24).contains(hour), (0...59).contains(minute), second >= 0, second < 61 else { return nil }
        if hour == 24, minute != 0 || second != 0 { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 - offsetSeconds) + min(second, 59.999_999)
        return Date(timeIntervalSince1970: seconds)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
    private static func lowercased(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c | 0x20 : c }
}
