/// HTML to plain text for the search index and for measuring a feed's text (`FeedText`): tags
/// dropped, common entities decoded, whitespace collapsed.
///
/// Not for display: what is shown comes from TelexArticles. Bounded: at most `limit` characters out.
/// It runs on every summary and article the fetcher stores, so it works on UTF-8 bytes: a
/// scalar-by-scalar version with `Unicode.Scalar.Properties` took a third of a cold fetch pass.
public enum PlainText {
    public static func fromHTML(_ html: String, limit: Int = 32_768) -> String {
        counted(html, limit: limit).text
    }

    /// The plain text and its length in Unicode scalars, counted as it is written (walking the
    /// result's scalars again cost a cold fetch pass nearly as much as the conversion).
    public static func counted(_ html: String, limit: Int = 32_768) -> (text: String, scalars: Int) {
        var html = html
        return html.withUTF8 { bytes in render(bytes, limit: limit) }
    }

    private static func render(_ input: UnsafeBufferPointer<UInt8>, limit: Int) -> (text: String, scalars: Int) {
        let n = input.count
        // Every step writes at most 4 bytes for at least as many read, except a decoded entity
        // ("&#233;" is 6 bytes for 2): the output never outgrows the input, and stops at `limit`
        // scalars. Written through a pointer: appending to an array byte by byte was most of the cost.
        let capacity = min(n, limit &* 4) + 4
        var count = 0
        let text = String(unsafeUninitializedCapacity: capacity) { out -> Int in
            var length = 0
            var lastWasSpace = true
            var i = 0
            @inline(__always) func space() {
                if !lastWasSpace { out[length] = 0x20; length += 1; lastWasSpace = true; count += 1 }
            }
            @inline(__always) func copy(_ from: Int, _ bytes: Int) {
                for k in 0..<bytes { out[length + k] = input[from + k] }
                length += bytes; lastWasSpace = false; count += 1
            }
            func scalar(_ v: UInt32) {
                if isSpace(v) { space(); return }
                guard let s = Unicode.Scalar(v) else { return }
                for byte in UTF8.encode(s)! { out[length] = byte; length += 1 }
                lastWasSpace = false; count += 1
            }

            while i < n && count < limit && length + 4 <= capacity {
                let b = input[i]
                if b == UInt8(ascii: "<") {
                    // A tag: skipped whole, counted as a word break.
                    i += 1
                    while i < n && input[i] != UInt8(ascii: ">") { i += 1 }
                    if i < n { i += 1; space() }
                    continue
                }
                if b == UInt8(ascii: "&") {
                    var j = i + 1
                    while j < n && j - i <= 11, isEntityByte(input[j]) { j += 1 }
                    if j < n && input[j] == UInt8(ascii: ";") && j > i + 1,
                       let v = decode(UnsafeBufferPointer(rebasing: input[(i + 1)..<j])) {
                        scalar(v)
                        i = j + 1
                    } else {
                        copy(i, 1)
                        i += 1
                    }
                    continue
                }
                if b < 0x80 {
                    if b <= 0x20 || b == 0x7F { space(); i += 1; continue }
                    // A run of printable ASCII (most of any feed's text) is copied in one go.
                    var end = i + 1
                    let stop = min(n, i + (limit - count), i + (capacity - 4 - length))
                    while end < stop {
                        let c = input[end]
                        if c <= 0x20 || c >= 0x7F || c == UInt8(ascii: "<") || c == UInt8(ascii: "&") { break }
                        end += 1
                    }
                    let run = end - i
                    (out.baseAddress! + length).update(from: input.baseAddress! + i, count: run)
                    length += run; count += run; lastWasSpace = false
                    i = end
                    continue
                }
                // A multi-byte UTF-8 sequence (the string is valid UTF-8): decode only to test for
                // Unicode spaces and C1 controls, copy the bytes otherwise.
                let bytes = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                guard i + bytes <= n else { break }
                var v = UInt32(b & (bytes == 2 ? 0x1F : bytes == 3 ? 0x0F : 0x07))
                for k in 1..<bytes { v = (v << 6) | UInt32(input[i + k] & 0x3F) }
                if isSpace(v) { space() } else { copy(i, bytes) }
                i += bytes
            }
            if length > 0 && out[length - 1] == 0x20 { length -= 1; count -= 1 }
            return length
        }
        return (text, count)
    }

    private static func isEntityByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "#")
    }

    /// Whitespace, controls and the Unicode space separators all become one space.
    private static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0...0x20, 0x7F...0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    private static func decode(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let text = String(decoding: name, as: UTF8.self)
        switch text {
        case "amp": return 0x26
        case "lt": return 0x3C
        case "gt": return 0x3E
        case "quot": return 0x22
        case "apos": return 0x27
        case "nbsp": return 0x20
        default: break
        }
        if text.hasPrefix("#x") || text.hasPrefix("#X") { return UInt32(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("#") { return UInt32(text.dropFirst()) }
        return nil
    }
}
