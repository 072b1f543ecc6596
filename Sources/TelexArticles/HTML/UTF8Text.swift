/// Text tests on UTF-8 bytes: extraction looks at every character of a page several times, and
/// going through `Character`, `Unicode.Scalar.Properties` or Foundation there dominated its time.
enum UTF8Text {
    /// The byte length of the whitespace scalar at `i` (Unicode White_Space), or 0.
    @inline(__always)
    static func spaceLength(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = s[i]
        if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
        return nonASCIISpaceLength(s, i)
    }

    /// One or two characters, none a letter or digit: an emoji or a symbol drawn as an image.
    static func isSymbols(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 2 else { return false }
        return s.unicodeScalars.allSatisfy { !$0.properties.isAlphabetic && !("0"..."9").contains($0) && $0.value > 0x7F || $0.value == 0x200D }
    }

    /// Unicode scalars, those from U+3000 to U+FFFF (CJK, kana, hangul, full-width forms) counting three.
    static func weightedLength(_ s: String) -> Int {
        var n = 0
        for b in s.utf8 where b & 0xC0 != 0x80 { n += b >= 0xE3 && b <= 0xEF ? 3 : 1 }
        return n
    }

    /// Unicode scalars in a string, counted on its UTF-8 bytes.
    static func scalarCount(_ s: String) -> Int {
        var n = 0
        for b in s.utf8 where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    private static func nonASCIISpaceLength(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = s[i]
        let n = s.count
        // U+0085, U+00A0
        if b == 0xC2, i + 1 < n, s[i + 1] == 0x85 || s[i + 1] == 0xA0 { return 2 }
        guard i + 2 < n else { return 0 }
        let b1 = s[i + 1], b2 = s[i + 2]
        switch b {
        case 0xE1: return b1 == 0x9A && b2 == 0x80 ? 3 : 0  // U+1680
        case 0xE2:
            // U+2000...U+200A, U+2028, U+2029, U+202F, U+205F
            if b1 == 0x80, b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF { return 3 }
            return b1 == 0x81 && b2 == 0x9F ? 3 : 0
        case 0xE3: return b1 == 0x80 && b2 == 0x80 ? 3 : 0  // U+3000
        default: return 0
        }
    }
}

/// Substring search over UTF-8 bytes: class/id hints are searched thousands of times per page.
enum FastText {
    /// Needles prepared once (static lists of patterns).
    static func needles(_ list: [String]) -> NeedleSet { NeedleSet(list) }

    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { hb in
            needle.withUnsafeBufferPointer { nb in
                let first = nb[0]
                var i = 0
                let last = hb.count - nb.count
                while i <= last {
                    if hb[i] == first {
                        var j = 1
                        while j < nb.count && hb[i + j] == nb[j] { j += 1 }
                        if j == nb.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// The index of the first occurrence of `needle` in `haystack`, or nil.
    static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = haystack.startIndex
        while i <= haystack.endIndex - needle.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func containsAny(_ haystack: ArraySlice<UInt8>, _ needles: NeedleSet) -> Bool {
        needles.occurs(in: haystack)
    }

    static func contains(_ haystack: String, _ needle: String) -> Bool {
        contains(ArraySlice(haystack.utf8), Array(needle.utf8))
    }

    /// The hint split into words at spaces, hyphens and underscores.
    static func words(_ hint: ArraySlice<UInt8>, separators: [UInt8] = [0x20, 0x2D, 0x5F]) -> [ArraySlice<UInt8>] {
        hint.split(whereSeparator: { separators.contains($0) })
    }
}

/// Patterns indexed by their first byte, so one pass over a hint tests them all: a 256-bit mask of
/// first bytes skips most positions without a lookup, and the needles live in one flat buffer.
struct NeedleSet {
    /// All needles' bytes, back to back.
    private let bytes: [UInt8]
    /// Per needle: its start in `bytes` and its length.
    private let spans: [(start: Int, count: Int)]
    /// Needle numbers grouped by first byte: `order[firstStart[b]..<firstStart[b + 1]]`.
    private let order: [Int]
    private let firstStart: [Int]
    private let mask: (UInt64, UInt64, UInt64, UInt64)

    init(_ list: [String]) {
        let needles = list.map { Array($0.utf8) }.filter { !$0.isEmpty }
        var bytes: [UInt8] = [], spans: [(start: Int, count: Int)] = []
        for n in needles { spans.append((bytes.count, n.count)); bytes += n }
        var order: [Int] = [], firstStart = [Int](repeating: 0, count: 257)
        var mask: [UInt64] = [0, 0, 0, 0]
        for b in 0..<256 {
            firstStart[b] = order.count
            for (k, n) in needles.enumerated() where Int(n[0]) == b { order.append(k); mask[b >> 6] |= 1 << UInt64(b & 63) }
        }
        firstStart[256] = order.count
        self.bytes = bytes; self.spans = spans; self.order = order; self.firstStart = firstStart
        self.mask = (mask[0], mask[1], mask[2], mask[3])
    }

    @inline(__always)
    private func mayStart(_ b: UInt8) -> Bool {
        let word: UInt64
        switch b >> 6 { case 0: word = mask.0; case 1: word = mask.1; case 2: word = mask.2; default: word = mask.3 }
        return word & (1 << UInt64(b & 63)) != 0
    }

    func occurs(in haystack: ArraySlice<UInt8>) -> Bool {
        guard !haystack.isEmpty else { return false }
        return haystack.withUnsafeBufferPointer { h in
            bytes.withUnsafeBufferPointer { all in
                spans.withUnsafeBufferPointer { spans in
                    order.withUnsafeBufferPointer { order in
                        firstStart.withUnsafeBufferPointer { firstStart in
                            for i in 0..<h.count where mayStart(h[i]) {
                                let b = Int(h[i])
                                for o in firstStart[b]..<firstStart[b + 1] {
                                    let (start, count) = spans[order[o]]
                                    guard i + count <= h.count else { continue }
                                    var j = 1
                                    while j < count && h[i + j] == all[start + j] { j += 1 }
                                    if j == count { return true }
                                }
                            }
                            return false
                        }
                    }
                }
            }
        }
    }
}
