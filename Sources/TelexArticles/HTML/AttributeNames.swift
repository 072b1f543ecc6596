#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Attribute names libxml2's HTML parser cannot read (written by script frameworks: `@click`,
/// `:class`, `[hidden]`, `(click)`, `*ngIf`, `#ref`) make it skip to the next blank and resume
/// inside the attribute's quoted value; a `>` there (`@click="open = !open; x > 0"`) then ends the
/// tag early and the rest of the value becomes page text. HTML's tokenizer accepts any such name, so
/// before parsing, their unreadable bytes become `_` (same length, nothing else touched).
/// libxml2 has no option for this: it is written here.
enum AttributeNames {
    /// The bytes with unreadable attribute names repaired, or nil when there is nothing to repair.
    static func repaired(_ input: [UInt8]) -> [UInt8]? {
        var patches: [Int] = []
        input.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i < n {
                // The next "<" (memchr: most of a page's bytes are text and script).
                guard let lt = next(0x3C, in: b, from: i), lt + 1 < n else { break }
                i = lt
                let next = b[i + 1]
                if next == 0x21 {  // <!-- comment --> or <!DOCTYPE>
                    if i + 3 < n, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                        i = find(b, [0x2D, 0x2D, 0x3E], from: i + 4).map { $0 + 3 } ?? n
                    } else {
                        i = find(b, [0x3E], from: i + 2).map { $0 + 1 } ?? n
                    }
                    continue
                }
                guard isLetter(next) else { i += 1; continue }
                // The tag name.
                var k = i + 1
                while k < n, !isSpace(b[k]), b[k] != 0x3E, b[k] != 0x2F { k += 1 }
                let rawText = rawTextEnd(b, nameStart: i + 1, nameEnd: k)
                // Attributes up to the closing >.
                while k < n, b[k] != 0x3E {
                    if isSpace(b[k]) || b[k] == 0x2F { k += 1; continue }
                    // A name: everything up to a blank, =, > or /.
                    let start = k
                    while k < n, !isSpace(b[k]), b[k] != 0x3D, b[k] != 0x3E, !(b[k] == 0x2F && k > start) { k += 1 }
                    for j in start..<k where !isNameByte(b[j], first: j == start) { patches.append(j) }
                    var v = k
                    while v < n, isSpace(b[v]) { v += 1 }
                    guard v < n, b[v] == 0x3D else { continue }
                    v += 1
                    while v < n, isSpace(b[v]) { v += 1 }
                    if v < n, b[v] == 0x22 || b[v] == 0x27 {
                        k = (find(b, [b[v]], from: v + 1) ?? n - 1) + 1
                    } else {
                        k = v
                        while k < n, !isSpace(b[k]), b[k] != 0x3E { k += 1 }
                    }
                }
                i = k + 1
                // Script and style text is not markup.
                if let end = rawText { i = find(b, end, from: i, caseInsensitive: true) ?? n }
            }
        }
        guard !patches.isEmpty else { return nil }
        var output = input
        for p in patches { output[p] = 0x5F }
        return output
    }

    private static let scriptEnd = Array("</script".utf8), styleEnd = Array("</style".utf8)

    private static func rawTextEnd(_ b: UnsafeBufferPointer<UInt8>, nameStart: Int, nameEnd: Int) -> [UInt8]? {
        let length = nameEnd - nameStart
        func named(_ name: String) -> Bool {
            length == name.utf8.count && zip(b[nameStart..<nameEnd], name.utf8).allSatisfy { $0 | 0x20 == $1 }
        }
        if named("script") { return scriptEnd }
        if named("style") { return styleEnd }
        return nil
    }

    /// The index of the first `byte` at or after `from`.
    @inline(__always)
    private static func next(_ byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < b.count, let base = b.baseAddress, let hit = memchr(base + from, Int32(byte), b.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// `needle` (whose first byte is not a letter) at or after `from`; letters after it compare
    /// case-insensitively when asked.
    private static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int, caseInsensitive: Bool = false) -> Int? {
        guard !needle.isEmpty else { return nil }
        var i = from
        while let at = next(needle[0], in: b, from: i) {
            guard at + needle.count <= b.count else { return nil }
            var j = 1
            while j < needle.count, (caseInsensitive ? b[at + j] | 0x20 : b[at + j]) == needle[j] { j += 1 }
            if j == needle.count { return at }
            i = at + 1
        }
        return nil
    }

    @inline(__always) private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// What libxml2 reads in a name: a letter, `_`, `:` or `.` first, then also digits and `-`;
    /// bytes of non-ASCII characters pass untouched.
    @inline(__always) private static func isNameByte(_ c: UInt8, first: Bool) -> Bool {
        if isLetter(c) || c == 0x5F || c == 0x3A || c == 0x2E || c >= 0x80 { return true }
        return !first && (c == 0x2D || (c >= 0x30 && c <= 0x39))
    }
}
