/// Fixes, in one pass over UTF-8, what makes libxml2 drop content: junk before the root, bare
/// ampersands, unknown entities, `<` in text and attributes, control characters.
///
/// HTML entities in element text are left for the SAX `getEntity` hook; inside attribute values they
/// become character references here, because libxml2 inlines only the first byte of a predefined
/// entity's value into attributes.
enum XMLRepair {
    struct Result {
        /// The document: the input itself when nothing needed fixing (no copy), else a repaired copy.
        var bytes: [UInt8]
        /// Where the document starts in `bytes` (junk and the XML declaration skipped).
        var start: Int
        var warnings: [String]
    }

    // Per state, the bytes the scanner must stop at (one bit per state); everything else is skipped
    // in a tight loop. Control characters and 0xEF (U+FFFE/U+FFFF) stop every state.
    private static let textBit: UInt8 = 1, cdataBit: UInt8 = 2, tagBit: UInt8 = 4, quotedBit: UInt8 = 8
    private static let commentBit: UInt8 = 16, piBit: UInt8 = 32, doctypeBit: UInt8 = 64
    private static let stops: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in 0..<0x20 where c != 0x09 && c != 0x0A && c != 0x0D { t[c] = 0x7F }
        t[0xEF] = 0x7F
        func set(_ c: Character, _ bits: UInt8) { t[Int(c.asciiValue!)] |= bits }
        set("<", textBit | quotedBit)
        set("&", textBit | quotedBit)
        set("]", cdataBit | doctypeBit)
        set("\"", tagBit | quotedBit)
        set("'", tagBit | quotedBit)
        set(">", tagBit | doctypeBit)
        set("-", commentBit)
        set("?", piBit)
        set("[", doctypeBit)
        return t
    }()

    /// Whether the word may hold one of four stop bytes, a control byte or 0xEF ("has zero byte" tests).
    @inline(__always) private static func swarMayStop(_ w: UInt64, _ s0: UInt8, _ s1: UInt8, _ s2: UInt8, _ s3: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let control = (w &- 0x2020_2020_2020_2020) & ~w & highs != 0
        return control || hasZero(w ^ (UInt64(s0) &* ones)) || hasZero(w ^ (UInt64(s1) &* ones)) || hasZero(w ^ (UInt64(s2) &* ones))
            || hasZero(w ^ (UInt64(s3) &* ones)) || hasZero(w ^ (0xEF &* ones))
    }

    /// A byte in all sixteen lanes (`SIMD16(repeating:)` stores byte by byte).
    @inline(__always) private static func broadcast(_ c: UInt8) -> SIMD16<UInt8> {
        unsafeBitCast(SIMD2<UInt64>(UInt64(c) &* 0x0101_0101_0101_0101, UInt64(c) &* 0x0101_0101_0101_0101), to: SIMD16<UInt8>.self)
    }

    /// The same test sixteen bytes at a time (SSE2 compares).
    @inline(__always) private static func simdMayStop(_ v: SIMD16<UInt8>, _ s0: SIMD16<UInt8>, _ s1: SIMD16<UInt8>,
                                                      _ s2: SIMD16<UInt8>, _ s3: SIMD16<UInt8>) -> Bool {
        // Vector operands only: the overloads with a scalar operand compare lane by lane.
        let stop = (v .< broadcast(0x20)) .| (v .== s0) .| (v .== s1) .| (v .== s2) .| (v .== s3) .| (v .== broadcast(0xEF))
        let words = unsafeBitCast(stop, to: SIMD2<UInt64>.self)   // `any` is not vectorized
        return words[0] | words[1] != 0
    }

    static func repair(_ input: [UInt8]) -> Result {
        var warnings: [String] = []
        var out: [UInt8] = []
        var edited = false
        var documentStart = 0
        var fixedAmpersands = 0, droppedControls = 0, escapedLess = 0
        input.withUnsafeBufferPointer { b in
            Self.stops.withUnsafeBufferPointer { stops in
            let n = b.count
            // Where the document starts: the XML declaration if any, else the first markup.
            var i = 0
            let head = Array(b.prefix(4096))
            if let decl = FeedEncoding.firstIndex(of: "<?xml", in: head[...]),
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
            documentStart = i
            let hasInternalSubset = containsInternalSubset(b, from: i)

            // Copy-on-edit: `out` holds the document up to `copied`, built only once something changes.
            var copied = i
            func replace(_ from: Int, _ to: Int, with replacement: some Sequence<UInt8>) {
                if !edited { edited = true; out.reserveCapacity(n - documentStart + 256) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<from]))
                out.append(contentsOf: replacement)
                copied = to
            }

            enum State { case text, tag, comment, cdata, pi, doctype }
            var state = State.text
            var quote: UInt8 = 0
            var bracketDepth = 0
            while i < n {
                // The stop bytes of this state (repeated to fill four), for the eight-byte scan.
                let bit: UInt8, s0: UInt8, s1: UInt8, s2: UInt8, s3: UInt8
                switch state {
                case .text: (bit, s0, s1, s2, s3) = (textBit, 0x3C, 0x26, 0x3C, 0x26)             // < &
                case .cdata: (bit, s0, s1, s2, s3) = (cdataBit, 0x5D, 0x5D, 0x5D, 0x5D)           // ]
                case .tag:
                    if quote != 0 { (bit, s0, s1, s2, s3) = (quotedBit, 0x22, 0x27, 0x26, 0x3C) }  // " ' & <
                    else { (bit, s0, s1, s2, s3) = (tagBit, 0x22, 0x27, 0x3E, 0x3E) }              // " ' >
                case .comment: (bit, s0, s1, s2, s3) = (commentBit, 0x2D, 0x2D, 0x2D, 0x2D)       // -
                case .pi: (bit, s0, s1, s2, s3) = (piBit, 0x3F, 0x3F, 0x3F, 0x3F)                 // ?
                case .doctype: (bit, s0, s1, s2, s3) = (doctypeBit, 0x5B, 0x5D, 0x3E, 0x3E)       // [ ] >
                }
                // Eight bytes at a time up to a word that may hold a stop; a flagged word that holds only
                // newlines or tabs (flagged as control bytes) is passed over byte by byte.
                let raw = UnsafeRawPointer(b.baseAddress!)
                let v0 = broadcast(s0), v1 = broadcast(s1), v2 = broadcast(s2), v3 = broadcast(s3)
                while true {
                    while i + 16 <= n, !simdMayStop(raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self), v0, v1, v2, v3) { i += 16 }
                    while i + 8 <= n, !swarMayStop(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), s0, s1, s2, s3) { i += 8 }
                    let end = min(i + 8, n)
                    while i < end, stops[Int(b[i])] & bit == 0 { i += 1 }
                    if i < end || i >= n { break }
                }
                if i >= n { break }
                let c = b[i]
                // Control characters are not XML: dropped everywhere.
                if c < 0x20, c != 0x09, c != 0x0A, c != 0x0D { droppedControls += 1; replace(i, i + 1, with: EmptyCollection()); i += 1; continue }
                if c == 0xEF {
                    if i + 2 < n, b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF { droppedControls += 1; replace(i, i + 3, with: EmptyCollection()); i += 3 }
                    else { i += 1 }
                    continue
                }
                switch state {
                case .text:
                    if c == UInt8(ascii: "<") {
                        let next = i + 1 < n ? b[i + 1] : 0
                        if next == UInt8(ascii: "!") {
                            if matches(b, i, "<!--") { state = .comment; i += 4; continue }
                            if matches(b, i, "<![CDATA[") { state = .cdata; i += 9; continue }
                            if matchesIgnoringCase(b, i, "<!DOCTYPE") { state = .doctype; bracketDepth = 0 }
                            i += 1; continue
                        }
                        if next == UInt8(ascii: "?") { state = .pi; i += 1; continue }
                        if isNameStart(next) || next == UInt8(ascii: "/") { state = .tag; quote = 0; i += 1; continue }
                        replace(i, i + 1, with: "&lt;".utf8); escapedLess += 1; i += 1; continue
                    }
                    if c == UInt8(ascii: "&") {
                        // Escaped HTML is dense with &lt; &gt; &amp;: those pass without the general check.
                        if let length = predefinedReference(b, i) { i += length; continue }
                        let (end, replacement) = ampersand(b, i, inAttribute: false, hasInternalSubset, &fixedAmpersands)
                        if let replacement { replace(i, end, with: replacement) }
                        i = end; continue
                    }
                    i += 1
                case .tag:
                    if quote != 0 {
                        if c == quote { quote = 0; i += 1; continue }
                        if c == UInt8(ascii: "&") {
                            let (end, replacement) = ampersand(b, i, inAttribute: true, hasInternalSubset, &fixedAmpersands)
                            if let replacement { replace(i, end, with: replacement) }
                            i = end; continue
                        }
                        if c == UInt8(ascii: "<") { replace(i, i + 1, with: "&lt;".utf8); i += 1; continue }
                        i += 1; continue
                    }
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
                    else if c == UInt8(ascii: ">") { state = .text }
                    i += 1
                case .comment:
                    if c == UInt8(ascii: "-"), matches(b, i, "-->") { state = .text; i += 3; continue }
                    i += 1
                case .cdata:
                    if c == UInt8(ascii: "]"), matches(b, i, "]]>") { state = .text; i += 3; continue }
                    i += 1
                case .pi:
                    if c == UInt8(ascii: "?"), matches(b, i, "?>") { state = .text; i += 2; continue }
                    i += 1
                case .doctype:
                    if c == UInt8(ascii: "[") { bracketDepth += 1 }
                    else if c == UInt8(ascii: "]") { bracketDepth -= 1 }
                    else if c == UInt8(ascii: ">"), bracketDepth <= 0 { state = .text }
                    i += 1
                }
            }
            if edited { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<n])) }
            }
        }
        if fixedAmpersands > 0 { warnings.append("escaped \(fixedAmpersands) bare ampersands or unknown entities") }
        if escapedLess > 0 { warnings.append("escaped \(escapedLess) stray '<' characters") }
        if droppedControls > 0 { warnings.append("dropped \(droppedControls) control characters") }
        return edited ? Result(bytes: out, start: 0, warnings: warnings) : Result(bytes: input, start: documentStart, warnings: warnings)
    }

    /// An `&...` at `i`: where it ends, and its replacement when it is not a reference XML (or our
    /// entity hook) will resolve (nil: keep the bytes as they are).
    private static func ampersand(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, inAttribute: Bool, _ hasInternalSubset: Bool,
                                  _ fixed: inout Int) -> (Int, [UInt8]?) {
        let n = b.count
        let escaped: [UInt8] = [0x26, 0x61, 0x6D, 0x70, 0x3B]   // "&amp;"
        var j = i + 1
        if j < n, b[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < n && (b[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let start = j
            while j < n, j - start < 8, isHexOrDigit(b[j], hex: hex) { j += 1 }
            if j > start, j < n, b[j] == UInt8(ascii: ";") {
                // Character references to C1 controls mean windows-1252 in practice; NUL and controls are dropped.
                let digits = String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self)
                let value = UInt32(digits, radix: hex ? 16 : 10) ?? 0
                if value < 0x20, value != 9, value != 10, value != 13 { return (j + 1, []) }
                if (0x80...0x9F).contains(value) {
                    let scalar = CharsetDecoder.windows1252Scalar(UInt8(value))
                    return (j + 1, scalar < 0xA0 ? [] : Array("&#\(scalar);".utf8))
                }
                if value > 0x10FFFF || (0xD800...0xDFFF).contains(value) || value == 0xFFFE || value == 0xFFFF { return (j + 1, []) }
                // XML spells hexadecimal references with a lower-case x only; feeds (and HTML) write `&#X41;` too.
                if hex, b[i + 2] == UInt8(ascii: "X") { return (j + 1, Array("&#\(value);".utf8)) }
                return (j + 1, nil)
            }
            fixed += 1
            return (i + 1, escaped)
        }
        while j < n, j - i <= 32, isNameChar(b[j]) { j += 1 }
        if j > i + 1, j < n, b[j] == UInt8(ascii: ";") {
            let name = UnsafeBufferPointer(rebasing: b[(i + 1)..<j])
            if isPredefined(name) { return (j + 1, nil) }
            if let value = HTMLEntities.codePoint(Array(name)) {
                return (j + 1, inAttribute ? Array("&#\(value);".utf8) : nil)
            }
            if hasInternalSubset { return (j + 1, nil) }
        }
        fixed += 1
        return (i + 1, escaped)
    }

    /// The length of `&lt;`, `&gt;` or `&amp;` at `i`, else nil.
    @inline(__always) private static func predefinedReference(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard i + 4 < b.count else { return nil }
        let c1 = b[i + 1], c2 = b[i + 2], c3 = b[i + 3]
        if (c1 == UInt8(ascii: "l") || c1 == UInt8(ascii: "g")) && c2 == UInt8(ascii: "t") && c3 == UInt8(ascii: ";") { return 4 }
        if c1 == UInt8(ascii: "a") && c2 == UInt8(ascii: "m") && c3 == UInt8(ascii: "p") && b[i + 4] == UInt8(ascii: ";") { return 5 }
        return nil
    }

    private static func isPredefined(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name.count {
        case 2: return (name[0] == UInt8(ascii: "l") || name[0] == UInt8(ascii: "g")) && name[1] == UInt8(ascii: "t")
        case 3: return name[0] == UInt8(ascii: "a") && name[1] == UInt8(ascii: "m") && name[2] == UInt8(ascii: "p")
        case 4: return name.elementsEqual("quot".utf8) || name.elementsEqual("apos".utf8)
        default: return false
        }
    }

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
