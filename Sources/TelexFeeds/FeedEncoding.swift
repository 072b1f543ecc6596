import Foundation

/// Turns feed bytes in any declared or sniffed charset into UTF-8 (BOM, then the XML prolog, then
/// the HTTP Content-Type, then UTF-8; bytes that are not valid UTF-8 are read as windows-1252).
enum FeedEncoding {
    struct Decoded {
        var utf8: [UInt8]
        var encoding: String
        var warnings: [String]
    }

    static func decode(_ bytes: [UInt8], contentType: String?) -> Decoded {
        var warnings: [String] = []
        // 1. Byte order marks and UTF-16 without one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Decoded(utf8: Array(bytes.dropFirst(3)), encoding: "utf-8", warnings: []) }
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            return Decoded(utf8: convert(Array(bytes.dropFirst(4)), from: bytes[0] == 0 ? "UTF-32BE" : "UTF-32LE", warnings: &warnings) ?? [], encoding: "utf-32", warnings: warnings)
        }
        if bytes.starts(with: [0xFE, 0xFF]) { return Decoded(utf8: utf16(bytes.dropFirst(2), bigEndian: true), encoding: "utf-16be", warnings: []) }
        if bytes.starts(with: [0xFF, 0xFE]) { return Decoded(utf8: utf16(bytes.dropFirst(2), bigEndian: false), encoding: "utf-16le", warnings: []) }
        if bytes.count >= 4, bytes[0] == 0x3C, bytes[1] == 0, bytes[3] == 0 {
            return Decoded(utf8: utf16(bytes[...], bigEndian: false), encoding: "utf-16le", warnings: [])
        }
        if bytes.count >= 4, bytes[0] == 0, bytes[1] == 0x3C, bytes[2] == 0 {
            return Decoded(utf8: utf16(bytes[...], bigEndian: true), encoding: "utf-16be", warnings: [])
        }

        // 2. Declared charsets.
        let declared = prologEncoding(bytes).map(normalizedName)
        let fromHeader = contentType.flatMap(charsetParameter).map(normalizedName)
        var candidates: [String] = []
        if let declared { candidates.append(declared) }
        if let fromHeader, !candidates.contains(fromHeader) { candidates.append(fromHeader) }
        if !candidates.contains("utf-8") { candidates.append("utf-8") }
        // A UTF-16 label on a document that is plainly 8-bit (we checked for UTF-16 above) is a lie.
        candidates.removeAll { $0.hasPrefix("utf-16") || $0.hasPrefix("utf-32") }
        if candidates.isEmpty { candidates = ["utf-8"] }

        for (index, name) in candidates.enumerated() {
            if name == "utf-8" {
                if isValidUTF8(bytes) { return Decoded(utf8: bytes, encoding: name, warnings: warnings) }
                // Invalid UTF-8: try a declared 8-bit charset next, else repair byte by byte.
                if index + 1 < candidates.count { continue }
                warnings.append("invalid UTF-8: stray bytes read as windows-1252")
                return Decoded(utf8: repairUTF8(bytes), encoding: "utf-8", warnings: warnings)
            }
            if name == "windows-1252" || name == "iso-8859-1" || name == "us-ascii" {
                if index > 0 { warnings.append("document is not valid \(candidates[0]); read as \(name)") }
                return Decoded(utf8: latin(bytes), encoding: name, warnings: warnings)
            }
            if let converted = convert(bytes, from: name, warnings: &warnings) {
                if index > 0 { warnings.append("document is not valid \(candidates[0]); read as \(name)") }
                return Decoded(utf8: converted, encoding: name, warnings: warnings)
            }
            warnings.append("unsupported charset \"\(name)\"")
        }
        warnings.append("invalid UTF-8: stray bytes read as windows-1252")
        return Decoded(utf8: repairUTF8(bytes), encoding: "utf-8", warnings: warnings)
    }

    /// The encoding="..." of an XML declaration in the first kilobyte (junk before it allowed).
    static func prologEncoding(_ bytes: [UInt8]) -> String? {
        // On bytes: this runs for every document, and String searching here was 2% of parse time.
        let head = bytes.prefix(1024)
        guard let start = firstIndex(of: "<?xml", in: head), let end = firstIndex(of: "?>", in: head, from: start),
              let key = firstIndex(of: "encoding", in: head[..<end], from: start) else { return nil }
        var i = key + 8
        while i < end, head[i] == 0x20 || head[i] == UInt8(ascii: "=") || head[i] == 0x09 || head[i] == 0x0A || head[i] == 0x0D { i += 1 }
        guard i < end, head[i] == UInt8(ascii: "\"") || head[i] == UInt8(ascii: "'") else { return nil }
        let quote = head[i]
        let valueStart = i + 1
        var j = valueStart
        while j < end, head[j] != quote { j += 1 }
        return j > valueStart ? String(decoding: head[valueStart..<j], as: UTF8.self) : nil
    }

    private static func firstIndex(of needle: StaticString, in haystack: ArraySlice<UInt8>, from start: Int? = nil) -> Int? {
        let count = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        var i = start ?? haystack.startIndex
        while i + count <= haystack.endIndex {
            if haystack[i] == p[0] {
                var k = 1
                while k < count, haystack[i + k] == p[k] { k += 1 }
                if k == count { return i }
            }
            i += 1
        }
        return nil
    }

    static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    static func normalizedName(_ name: String) -> String {
        let lower = name.lowercased().trimmingCharacters(in: .whitespaces)
        switch lower {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "utf-8"
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "cp819", "ibm819", "iso-ir-100": return "iso-8859-1"
        case "windows-1252", "cp1252", "x-cp1252", "win-1252": return "windows-1252"
        case "ascii", "us-ascii", "ansi_x3.4-1968": return "us-ascii"
        case "utf-16", "utf16", "ucs-2": return "utf-16"
        default: return lower
        }
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            let n = buffer.count
            guard let base = buffer.baseAddress else { return true }
            let raw = UnsafeRawPointer(base)
            while i < n {
                // ASCII runs (most of a feed) eight bytes at a time.
                while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                if i >= n { break }
                let c = buffer[i]
                if c < 0x80 { i += 1; continue }
                let length = sequenceLength(buffer, i)
                if length == 0 { return false }
                i += length
            }
            return true
        }
    }

    /// The length of a valid UTF-8 sequence at `i`, or 0 (overlongs, surrogates and truncation are invalid).
    @inline(__always)
    static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i], n = b.count
        func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
        switch c {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1) && b[i + 1] >= 0xA0 && cont(2) ? 3 : 0
        case 0xED: return cont(1) && b[i + 1] < 0xA0 && cont(2) ? 3 : 0
        case 0xE1...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xF0: return cont(1) && b[i + 1] >= 0x90 && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1) && b[i + 1] < 0x90 && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// Valid sequences kept; every other byte read as windows-1252 (mixed-up documents are mostly that).
    static func repairUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x80 { out.append(c); i += 1; continue }
                let length = sequenceLength(b, i)
                if length == 0 {
                    Windows1252.appendUTF8(Windows1252.decode(c), to: &out)
                    i += 1
                } else {
                    out.append(contentsOf: b[i..<(i + length)]); i += length
                }
            }
        }
        return out
    }

    private static func latin(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        for c in bytes {
            if c < 0x80 { out.append(c) } else { Windows1252.appendUTF8(Windows1252.decode(c), to: &out) }
        }
        return out
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Any other charset through iconv; undecodable bytes are skipped. Nil when iconv does not know the name.
    private static func convert(_ bytes: [UInt8], from charset: String, warnings: inout [String]) -> [UInt8]? {
        let cd = iconv_open("UTF-8", charset)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var input = bytes
        var skipped = 0
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                while inLeft > 0 {
                    if iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                        if errno == E2BIG { break }
                        // EILSEQ / EINVAL: skip one byte and go on.
                        inPointer = inPointer! + 1; inLeft -= 1; skipped += 1
                    }
                }
                return outBuffer.count - outLeft
            }
        }
        if skipped > 0 { warnings.append("\(skipped) bytes not valid \(charset) were skipped") }
        return Array(output[0..<produced])
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
