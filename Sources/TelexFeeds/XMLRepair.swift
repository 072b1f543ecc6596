/// Fixes, in one pass over UTF-8, what makes libxml2 drop content: junk before the root, bare
/// ampersands, unknown entities, `<` in text and attributes, control characters.
///
/// HTML entities in element text are left for the SAX `getEntity` hook; inside attribute values they
/// become character references here, because libxml2 inlines only the first byte of a predefined
/// entity's value into attributes.
enum XMLRepair {
    struct Result {
        var bytes: [UInt8]
        var warnings: [String]
    }

    static func repair(_ input: [UInt8]) -> Result {
        var warnings: [String] = []
        var out: [UInt8] = []
        out.reserveCapacity(input.count + 64)
        var fixedAmpersands = 0, droppedControls = 0, escapedLess = 0
        input.withUnsafeBufferPointer { b in
            let n = b.count
            // Where the document starts: the XML declaration if any, else the first markup.
            var i = 0
            let head = Array(b.prefix(4096))
            if let decl = FeedEncoding.firstIndex(of: Array("<?xml".utf8), in: head),
               decl + 5 < head.count, head[decl + 5] <= 0x20 {
                i = decl
            } else {
                while i < n, b[i] != UInt8(ascii: "<") { i += 1 }
            }
            if b[0..<i].contains(where: { $0 > 0x20 }) { warnings.append("skipped \(i) bytes of junk before the document") }
            // Drop the XML declaration: the bytes are UTF-8 now, whatever it said.
            if i + 5 < n, b[i] == UInt8(ascii: "<"), b[i + 1] == UInt8(ascii: "?"), matches(b, i, "<?xml"), b[i + 5] <= 0x20 {
                var j = i + 5
                while j + 1 < n, !(b[j] == UInt8(ascii: "?") && b[j + 1] == UInt8(ascii: ">")) { j += 1 }
                i = min(j + 2, n)
            }
            let hasInternalSubset = containsInternalSubset(b, from: i)

            enum State { case text, tag, comment, cdata, pi, doctype }
            var state = State.text
            var quote: UInt8 = 0
            var bracketDepth = 0
            while i < n {
                let c = b[i]
                // Control characters are not XML: dropped everywhere.
                if c < 0x20, c != 0x09, c != 0x0A, c != 0x0D { droppedControls += 1; i += 1; continue }
                if c == 0xEF, i + 2 < n, b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF { droppedControls += 1; i += 3; continue }
                switch state {
                case .text:
                    if c == UInt8(ascii: "<") {
                        let next = i + 1 < n ? b[i + 1] : 0
                        if next == UInt8(ascii: "!") {
                            if matches(b, i, "<!--") { state = .comment; out.append(contentsOf: [0x3C, 0x21, 0x2D, 0x2D]); i += 4; continue }
                            if matches(b, i, "<![CDATA[") { state = .cdata; out.append(contentsOf: Array("<![CDATA[".utf8)); i += 9; continue }
                            if matchesIgnoringCase(b, i, "<!DOCTYPE") { state = .doctype; bracketDepth = 0 }
                            out.append(c); i += 1; continue
                        }
                        if next == UInt8(ascii: "?") { state = .pi; out.append(c); i += 1; continue }
                        if isNameStart(next) || next == UInt8(ascii: "/") { state = .tag; quote = 0; out.append(c); i += 1; continue }
                        out.append(contentsOf: Array("&lt;".utf8)); escapedLess += 1; i += 1; continue
                    }
                    if c == UInt8(ascii: "&") { i = ampersand(b, i, inAttribute: false, hasInternalSubset, &out, &fixedAmpersands); continue }
                    out.append(c); i += 1
                case .tag:
                    if quote != 0 {
                        if c == quote { quote = 0; out.append(c); i += 1; continue }
                        if c == UInt8(ascii: "&") { i = ampersand(b, i, inAttribute: true, hasInternalSubset, &out, &fixedAmpersands); continue }
                        if c == UInt8(ascii: "<") { out.append(contentsOf: Array("&lt;".utf8)); i += 1; continue }
                        out.append(c); i += 1; continue
                    }
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
                    else if c == UInt8(ascii: ">") { state = .text }
                    out.append(c); i += 1
                case .comment:
                    if c == UInt8(ascii: "-"), matches(b, i, "-->") { state = .text; out.append(contentsOf: [0x2D, 0x2D, 0x3E]); i += 3; continue }
                    out.append(c); i += 1
                case .cdata:
                    if c == UInt8(ascii: "]"), matches(b, i, "]]>") { state = .text; out.append(contentsOf: [0x5D, 0x5D, 0x3E]); i += 3; continue }
                    out.append(c); i += 1
                case .pi:
                    if c == UInt8(ascii: "?"), matches(b, i, "?>") { state = .text; out.append(contentsOf: [0x3F, 0x3E]); i += 2; continue }
                    out.append(c); i += 1
                case .doctype:
                    if c == UInt8(ascii: "[") { bracketDepth += 1 }
                    else if c == UInt8(ascii: "]") { bracketDepth -= 1 }
                    else if c == UInt8(ascii: ">"), bracketDepth <= 0 { state = .text }
                    out.append(c); i += 1
                }
            }
        }
        if fixedAmpersands > 0 { warnings.append("escaped \(fixedAmpersands) bare ampersands or unknown entities") }
        if escapedLess > 0 { warnings.append("escaped \(escapedLess) stray '<' characters") }
        if droppedControls > 0 { warnings.append("dropped \(droppedControls) control characters") }
        return Result(bytes: out, warnings: warnings)
    }

    /// Copies an `&...` at `i`, escaping it when it is not a reference XML (or our entity hook) will resolve.
    private static func ampersand(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, inAttribute: Bool, _ hasInternalSubset: Bool,
                                  _ out: inout [UInt8], _ fixed: inout Int) -> Int {
        let n = b.count
        var j = i + 1
        if j < n, b[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < n && (b[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let start = j
            while j < n, j - start < 8, isHexOrDigit(b[j], hex: hex) { j += 1 }
            if j > start, j < n, b[j] == UInt8(ascii: ";") {
                // Character references to C1 controls mean windows-1252 in practice; NUL and controls are dropped.
                let digits = String(decoding: b[start..<j], as: UTF8.self)
                let value = UInt32(digits, radix: hex ? 16 : 10) ?? 0
                if value < 0x20, value != 9, value != 10, value != 13 { return j + 1 }
                if (0x80...0x9F).contains(value) {
                    out.append(contentsOf: Array("&#\(Windows1252.decode(UInt8(value)));".utf8)); return j + 1
                }
                if value > 0x10FFFF || (0xD800...0xDFFF).contains(value) || value == 0xFFFE || value == 0xFFFF { return j + 1 }
                out.append(contentsOf: b[i...j]); return j + 1
            }
            out.append(contentsOf: Array("&amp;".utf8)); fixed += 1
            return i + 1
        }
        while j < n, j - i <= 32, isNameChar(b[j]) { j += 1 }
        if j > i + 1, j < n, b[j] == UInt8(ascii: ";") {
            let name = Array(b[(i + 1)..<j])
            if predefined.contains(name) { out.append(contentsOf: b[i...j]); return j + 1 }
            if let value = HTMLEntities.codePoint(name) {
                if inAttribute { out.append(contentsOf: Array("&#\(value);".utf8)) } else { out.append(contentsOf: b[i...j]) }
                return j + 1
            }
            if hasInternalSubset { out.append(contentsOf: b[i...j]); return j + 1 }
        }
        out.append(contentsOf: Array("&amp;".utf8)); fixed += 1
        return i + 1
    }

    private static let predefined: Set<[UInt8]> = Set(["amp", "lt", "gt", "quot", "apos"].map { Array($0.utf8) })

    private static func containsInternalSubset(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let limit = min(b.count, start + 4096)
        var i = start
        while i < limit {
            if b[i] == UInt8(ascii: "<"), matchesIgnoringCase(b, i, "<!DOCTYPE") {
                var j = i
                while j < b.count, b[j] != UInt8(ascii: ">") { if b[j] == UInt8(ascii: "[") { return true }; j += 1 }
                return false
            }
            i += 1
        }
        return false
    }

    @inline(__always) private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<count where b[i + k] != p[k] { return false }
        return true
    }

    private static func matchesIgnoringCase(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<count where b[i + k] | 0x20 != p[k] | 0x20 { return false }
        return true
    }

    @inline(__always) private static func isNameStart(_ c: UInt8) -> Bool {
        (c | 0x20) >= 97 && (c | 0x20) <= 122 || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") || c >= 0x80
    }

    @inline(__always) private static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }

    @inline(__always) private static func isHexOrDigit(_ c: UInt8, hex: Bool) -> Bool {
        (c >= 48 && c <= 57) || (hex && (c | 0x20) >= 97 && (c | 0x20) <= 102)
    }
}
