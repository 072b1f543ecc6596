import CUchardet

/// Guesses the encoding of undeclared (or wrongly declared) bytes with uchardet, the detector Mozilla's
/// universal charset detector became: statistical models of each legacy encoding's byte sequences,
/// which no hand-written rule matches.
enum CharsetDetector {
    /// Detection looks at this much of a document at most (a feed's first items say enough, and the
    /// models cost a few ns a byte).
    static let sampleBytes = 1 << 16

    /// The detected encoding, or nil when uchardet has no answer (or names nothing we decode).
    static func detect(_ bytes: [UInt8]) -> TextEncoding? {
        guard let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        let count = min(bytes.count, sampleBytes)
        let status = bytes.withUnsafeBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return 1 }
            return base.withMemoryRebound(to: CChar.self, capacity: count) { uchardet_handle_data(detector, $0, count) }
        }
        guard status == 0 else { return nil }
        uchardet_data_end(detector)
        guard let name = uchardet_get_charset(detector).map({ String(cString: $0) }), !name.isEmpty else { return nil }
        return TextEncoding(label: name)
    }
}
