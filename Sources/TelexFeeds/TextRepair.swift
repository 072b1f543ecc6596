/// Two repairs of the text of a UTF-8 feed that real feeds need, as feedparser makes them:
///  - text that was UTF-8, read as windows-1252 (or Latin-1) and encoded again ("cafÃ©", "â€¦") is
///    decoded once more, when every character of the field is one windows-1252 encodes and those
///    bytes are valid UTF-8 with at least one multi-byte sequence (ordinary text never is: "é" alone
///    is not valid UTF-8);
///  - C1 control characters (U+0080-U+009F), which Windows text read as Latin-1 leaves behind, become
///    the windows-1252 characters of those bytes (U+0092 is ’).
enum TextRepair {
    /// The repaired UTF-8, or nil when the field needs nothing (the common case, checked first).
    static func repair(_ bytes: [UInt8]) -> [UInt8]? {
        guard mayNeedRepair(bytes) else { return nil }
        var text = bytes
        var changed = false
        if let once = decodedAgain(text) { text = once; changed = true }
        if let mapped = mappingC1(text) { text = mapped; changed = true }
        return changed ? text : nil
    }

    /// Whether the field holds U+0080-U+00FF ("Ã", "â", C1 controls): every double-encoded text does.
    private static func mayNeedRepair(_ b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            let raw = UnsafeRawPointer(base)
            var i = 0
            let n = buffer.count
            while i < n {
                while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                if i >= n { break }
                if buffer[i] == 0xC2 || buffer[i] == 0xC3 { return true }
                i += 1
            }
            return false
        }
    }

    /// The field's characters as windows-1252 bytes, when they all are and form valid UTF-8.
    private static func decodedAgain(_ b: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var multibyte = false
        var pending = 0   // continuation bytes the last lead byte still expects (fails fast on ordinary text)
        var i = 0
        while i < b.count {
            let c = b[i]
            let scalar: UInt32
            if c < 0x80 {
                scalar = UInt32(c); i += 1
            } else if c < 0xE0, i + 1 < b.count {
                scalar = UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F); i += 2
            } else if c < 0xF0, i + 2 < b.count {
                scalar = UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F); i += 3
            } else {
                return nil
            }
            let byte: UInt8
            if scalar < 0x100 { byte = UInt8(scalar) } else if let high = windows1252Byte[scalar] { byte = high } else { return nil }
            if byte & 0xC0 == 0x80 {
                guard pending > 0 else { return nil }
                pending -= 1
            } else {
                guard pending == 0 else { return nil }
                switch byte {
                case 0..<0x80: break
                case 0xC2...0xDF: pending = 1; multibyte = true
                case 0xE0...0xEF: pending = 2; multibyte = true
                case 0xF0...0xF4: pending = 3; multibyte = true
                default: return nil
                }
            }
            out.append(byte)
        }
        guard pending == 0, multibyte, CharsetDecoder.isValidUTF8(out) else { return nil }
        return out
    }

    /// C1 controls replaced by their windows-1252 characters (the five bytes Windows leaves undefined stay).
    private static func mappingC1(_ b: [UInt8]) -> [UInt8]? {
        guard b.indices.contains(where: { $0 + 1 < b.count && b[$0] == 0xC2 && b[$0 + 1] >= 0x80 && b[$0 + 1] <= 0x9F }) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 8)
        var i = 0
        while i < b.count {
            if b[i] == 0xC2, i + 1 < b.count, b[i + 1] >= 0x80, b[i + 1] <= 0x9F {
                CharsetDecoder.appendUTF8(CharsetDecoder.windows1252Scalar(b[i + 1]), to: &out)
                i += 2
            } else {
                out.append(b[i]); i += 1
            }
        }
        return out
    }

    /// windows-1252's characters above U+00FF, to their bytes.
    private static let windows1252Byte: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for byte in UInt8(0x80)...0x9F {
            let scalar = CharsetDecoder.windows1252Scalar(byte)
            if scalar > 0xFF { table[scalar] = byte }
        }
        return table
    }()
}
