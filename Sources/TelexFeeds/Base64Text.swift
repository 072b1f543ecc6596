/// Base64 text in Atom (`mode="base64"` in 0.3, binary types in 1.0) decoded to UTF-8 text.
enum Base64Text {
    enum Decoded: Equatable {
        /// Base64 of UTF-8 text.
        case text([UInt8])
        /// Base64 of bytes that are not text (an image).
        case binary
        /// Not base64 at all.
        case notBase64
    }

    /// The input (whitespace anywhere, padding optional) decoded.
    static func decode(_ input: [UInt8]) -> Decoded {
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for c in input {
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
            case UInt8(ascii: "="): continue
            default:
                if HTMLText.isSpace(c) { continue }
                return .notBase64
            }
            accumulator = (accumulator << 6) | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        // Six bits left over: not whole bytes, so not base64 (what Python's decoder says too).
        if out.isEmpty || bits >= 6 { return .notBase64 }
        return CharsetDecoder.isValidUTF8(out) ? .text(out) : .binary
    }
}
