import Foundation

/// The one decoder: bytes in a `TextEncoding` to UTF-8, counting what was not valid in it.
///
/// UTF-8, UTF-16/32, windows-1252 and x-user-defined are decoded here (they are the hot paths, and
/// windows-1252 must follow the WHATWG index, which glibc's CP1252 does not for five bytes); every
/// other encoding goes through glibc's iconv. An invalid sequence becomes U+FFFD, except in UTF-8,
/// where a stray byte is read as windows-1252: documents that mix the two are mostly that.
enum CharsetDecoder {
    struct Result {
        var utf8: [UInt8]
        /// Invalid sequences met (each replaced).
        var errors: Int
    }

    static func decode(_ bytes: ArraySlice<UInt8>, as encoding: TextEncoding) -> Result {
        switch encoding.decoder {
        case .utf8:
            let input = Array(bytes)
            if isValidUTF8(input) { return Result(utf8: input, errors: 0) }
            return repairUTF8(input)
        case .utf16le: return wide(bytes, unit: 2, bigEndian: false)
        case .utf16be: return wide(bytes, unit: 2, bigEndian: true)
        case .utf32le: return wide(bytes, unit: 4, bigEndian: false)
        case .utf32be: return wide(bytes, unit: 4, bigEndian: true)
        case .windows1252: return singleByte(bytes) { windows1252Scalar($0) }
        case .xUserDefined: return singleByte(bytes) { 0xF780 + UInt32($0) - 0x80 }
        case .singleByte(let name):
            guard let table = SingleByteTables.shared.table(name) else { return Result(utf8: Array(bytes), errors: bytes.count) }
            var errors = 0
            var result = singleByte(bytes) { byte in
                let scalar = table[Int(byte - 0x80)]
                if scalar == 0xFFFD { errors += 1 }
                return scalar
            }
            result.errors = errors
            return result
        case .iconv(let names):
            var best: Result?
            for name in names {
                guard let result = iconv(bytes, from: name) else { continue }
                if result.errors == 0 { return result }
                if best == nil || result.errors < best!.errors { best = result }
            }
            return best ?? Result(utf8: Array(bytes), errors: bytes.count)
        }
    }

    // MARK: UTF-8

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

    /// How a document that is not valid UTF-8 looks as UTF-8: its valid multi-byte sequences and its
    /// invalid bytes. Mostly valid sequences means UTF-8 with a few stray bytes, not a legacy encoding
    /// (a GB2312 or windows-1251 text forms a valid sequence now and then, never mostly).
    static func utf8Profile(_ bytes: [UInt8]) -> (multibyte: Int, invalid: Int) {
        var multibyte = 0, invalid = 0
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                if b[i] < 0x80 { i += 1; continue }
                let length = sequenceLength(b, i)
                if length == 0 { invalid += 1; i += 1 } else { multibyte += 1; i += length }
            }
        }
        return (multibyte, invalid)
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

    /// Valid sequences kept; every other byte read as windows-1252.
    private static func repairUTF8(_ bytes: [UInt8]) -> Result {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var errors = 0
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x80 { out.append(c); i += 1; continue }
                let length = sequenceLength(b, i)
                if length == 0 {
                    appendUTF8(windows1252Scalar(c), to: &out)
                    errors += 1
                    i += 1
                } else {
                    out.append(contentsOf: b[i..<(i + length)]); i += length
                }
            }
        }
        return Result(utf8: out, errors: errors)
    }

    // MARK: UTF-16 and UTF-32

    private static func wide(_ bytes: ArraySlice<UInt8>, unit: Int, bigEndian: Bool) -> Result {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var errors = 0
        var i = bytes.startIndex
        func read(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<unit {
                let byte = UInt32(bytes[at + (bigEndian ? k : unit - 1 - k)])
                v = v << 8 | byte
            }
            return v
        }
        while i + unit <= bytes.endIndex {
            var scalar = read(i)
            i += unit
            if unit == 2, (0xD800...0xDBFF).contains(scalar) {
                if i + 2 <= bytes.endIndex, case let low = read(i), (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 2
                } else {
                    scalar = 0xFFFD; errors += 1
                }
            } else if (0xD800...0xDFFF).contains(scalar) || scalar > 0x10FFFF {
                scalar = 0xFFFD; errors += 1
            }
            appendUTF8(scalar, to: &out)
        }
        if i < bytes.endIndex { errors += 1 }
        return Result(utf8: out, errors: errors)
    }

    // MARK: Single-byte encodings of our own

    private static func singleByte(_ bytes: ArraySlice<UInt8>, high: (UInt8) -> UInt32) -> Result {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        for c in bytes {
            if c < 0x80 { out.append(c) } else { appendUTF8(high(c), to: &out) }
        }
        return Result(utf8: out, errors: 0)
    }

    /// The WHATWG windows-1252 index for 0x80-0x9F (the five bytes Windows leaves undefined map to the
    /// C1 controls of the same value, as in the standard); ISO-8859-1 above.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The code point of one windows-1252 byte (also what `&#128;`-`&#159;` mean in feeds and HTML).
    static func windows1252Scalar(_ byte: UInt8) -> UInt32 {
        (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
    }

    /// Appends the UTF-8 encoding of a code point.
    static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        switch value {
        case 0..<0x80: out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (value >> 6))); out.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (value >> 12))); out.append(UInt8(0x80 | ((value >> 6) & 0x3F))); out.append(UInt8(0x80 | (value & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (value >> 18))); out.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F))); out.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    // MARK: iconv

    /// One pass of glibc iconv; an invalid or truncated sequence becomes U+FFFD and decoding goes on
    /// one byte later. Nil when iconv has no converter of that name.
    private static func iconv(_ bytes: ArraySlice<UInt8>, from charset: String) -> Result? {
        let cd = iconv_open("UTF-8", charset)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var errors = 0
        let chunk = 1 << 16
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        bytes.withUnsafeBufferPointer { input in
            guard let start = input.baseAddress else { return }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self))
            var inLeft = input.count
            while inLeft > 0 {
                var outPointer: UnsafeMutablePointer<CChar>? = buffer
                var outLeft = chunk
                let status = Glibc.iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                let code = errno
                out.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: chunk - outLeft))
                if status == -1, code != E2BIG {
                    // EILSEQ, or EINVAL (a sequence cut by the end of the document).
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    errors += 1
                    inPointer = inPointer! + 1
                    inLeft -= 1
                }
            }
        }
        return Result(utf8: out, errors: errors)
    }
}

/// The upper halves of single-byte encodings, read from glibc iconv one byte at a time (and flushed
/// after each, so that converters which compose, as CP1255 and CP1258 do, give the plain character),
/// once per process. Parses run on any thread: a lock guards the cache.
final class SingleByteTables: @unchecked Sendable {
    static let shared = SingleByteTables()
    private let lock = NSLock()
    private var tables: [String: [UInt32]] = [:]

    /// 128 code points for 0x80-0xFF (U+FFFD where the encoding has no character), or nil when iconv
    /// has no converter of that name.
    func table(_ name: String) -> [UInt32]? {
        lock.lock(); defer { lock.unlock() }
        if let table = tables[name] { return table }
        let cd = iconv_open("UTF-8", name)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var table = [UInt32](repeating: 0xFFFD, count: 128)
        for byte in 0x80...0xFF {
            var input: [CChar] = [CChar(bitPattern: UInt8(byte))]
            var output = [CChar](repeating: 0, count: 16)
            let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    _ = Glibc.iconv(cd, nil, nil, nil, nil)   // initial state
                    var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                    var inLeft = 1
                    var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                    var outLeft = outBuffer.count
                    if Glibc.iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { return nil }
                    if Glibc.iconv(cd, nil, nil, &outPointer, &outLeft) == -1 { return nil }
                    return outBuffer.count - outLeft
                }
            }
            guard let produced, produced > 0 else { continue }
            let scalars = String(decoding: output[0..<produced].map { UInt8(bitPattern: $0) }, as: UTF8.self).unicodeScalars
            if scalars.count == 1, let scalar = scalars.first { table[byte - 0x80] = scalar.value }
        }
        tables[name] = table
        return table
    }
}
