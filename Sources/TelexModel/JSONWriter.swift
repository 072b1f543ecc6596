import Foundation

/// A JSON value as every `--json` output writes it (typed, never `Any`).
///
/// Objects are written with their keys sorted, so outputs are stable from run to run.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// An object whose members are written in the order given (rows written a million times, whose
    /// caller lists the keys sorted once instead of sorting a dictionary's keys per row).
    case members(JSONMembers)

    public init(_ value: String?) { self = value.map(JSONValue.string) ?? .null }
    public init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    public init(_ value: Int64?) { self = value.map(JSONValue.int) ?? .null }
    public init(_ value: Bool) { self = .bool(value) }
    public init(_ values: [String]) { self = .array(values.map(JSONValue.string)) }

    /// A time as ISO 8601 in UTC with seconds and a Z ("2026-12-04T05:00:00Z"); null for no time.
    public static func time(_ date: Date?) -> JSONValue {
        guard let date else { return .null }
        return .string(iso8601(date))
    }

    /// ISO 8601 in UTC with a Z, seconds precision (gmtime_r and digits by hand: no formatter object, safe
    /// across threads, and String(format:) made two dates a row cost a third of a million-row listing).
    public static func iso8601(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        var bytes = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int32, at offset: Int, digits: Int) {
            var v = max(0, Int(value))
            for i in stride(from: offset + digits - 1, through: offset, by: -1) { bytes[i] = UInt8(48 + v % 10); v /= 10 }
        }
        put(parts.tm_year + 1900, at: 0, digits: 4)
        put(parts.tm_mon + 1, at: 5, digits: 2)
        put(parts.tm_mday, at: 8, digits: 2)
        put(parts.tm_hour, at: 11, digits: 2)
        put(parts.tm_min, at: 14, digits: 2)
        put(parts.tm_sec, at: 17, digits: 2)
        (bytes[4], bytes[7], bytes[10], bytes[13], bytes[16], bytes[19]) = (45, 45, 84, 58, 58, 90)  // - - T : : Z
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The members of an object in a fixed order (see `JSONValue.members`).
public struct JSONMembers: Sendable, Equatable {
    public var keys: [String]
    public var values: [JSONValue]
    public init(keys: [String], values: [JSONValue]) {
        precondition(keys.count == values.count)
        self.keys = keys; self.values = values
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// The one JSON writer of every `--json` and `--jsonl` output: values, or arrays streamed element by
/// element in constant memory, into a buffer flushed to a sink (standard output in the CLI).
///
/// Every control character (C0, DEL, C1 such as U+009B, the one-byte CSI) and every bidi control
/// (U+061C, U+200E/F, U+202A-E, U+2066-9) and U+2028/9 is written as a `\u` escape, so JSON piped to a
/// terminal is as safe as the text outputs: the bytes that could move the cursor or reorder text never
/// appear raw. Everything else is UTF-8 as is. Hand-written because JSONSerialization builds a whole
/// object graph before writing (26 s and 722 MB for a 100k-item feed) and escapes neither C1 nor bidi.
public final class JSONWriter {
    /// How a streamed array is laid out.
    public enum Framing: Sendable {
        /// `[`, one compact element per line separated by commas, `]`: one JSON document.
        case array
        /// One compact element per line, nothing around them (JSON Lines).
        case lines
    }

    private var buffer: [UInt8] = []
    private let sink: ([UInt8]) -> Void
    private let flushAt: Int
    private var framing: Framing?
    private var elements = 0

    /// A writer handing its bytes to `sink` in chunks of about `bufferSize` bytes.
    public init(bufferSize: Int = 1 << 16, sink: @escaping ([UInt8]) -> Void) {
        self.sink = sink
        self.flushAt = bufferSize
        buffer.reserveCapacity(bufferSize + 1024)
    }

    /// A writer to standard output.
    public static func standardOutput() -> JSONWriter {
        JSONWriter { bytes in
            fflush(nil)  // text printed before through stdio goes first (nil: every output stream)
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
                    if n <= 0 {
                        if n < 0 && errno == EINTR { continue }
                        return  // a closed pipe (`| head`): the rest has nowhere to go
                    }
                    offset += n
                }
            }
        }
    }

    /// One whole document, indented by two spaces, and a newline.
    public func document(_ value: JSONValue) {
        write(value, indent: 0)
        buffer.append(0x0A)
        flush()
    }

    /// Starts a document whose first member is an array streamed element by element (`element(_:)`, each
    /// compact on its own line); `endDocument(_:)` writes the other members once the array is done, since a
    /// feed's title and warnings are known only when its items have been read. A document with 100,000
    /// items never exists as one value.
    public func beginDocument(streaming key: String) {
        buffer.append(UInt8(ascii: "{"))
        newline(1)
        writeString(key)
        buffer.append(contentsOf: [UInt8(ascii: ":"), 0x20])
        begin(.array)
    }

    /// Ends the streamed array of `beginDocument(streaming:)`, writes `members` with their keys sorted,
    /// closes the document and flushes.
    public func endDocument(_ members: [String: JSONValue]) {
        if elements > 0 { newline(1) }
        buffer.append(UInt8(ascii: "]"))
        framing = nil
        for name in members.keys.sorted() {
            buffer.append(UInt8(ascii: ","))
            newline(1)
            writeString(name)
            buffer.append(contentsOf: [UInt8(ascii: ":"), 0x20])
            write(members[name]!, indent: 1)
        }
        newline(0)
        buffer.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        flush()
    }

    /// Starts a streamed array (or JSON Lines).
    public func begin(_ framing: Framing) {
        self.framing = framing
        elements = 0
        if framing == .array { buffer.append(UInt8(ascii: "[")) }
    }

    /// One element of the streamed array, on its own line.
    public func element(_ value: JSONValue) {
        switch framing {
        case .array?: buffer.append(contentsOf: elements == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
        case .lines?, nil: break
        }
        write(value, indent: nil)
        if framing == .lines { buffer.append(0x0A) }
        elements += 1
        if buffer.count >= flushAt { flush() }
    }

    /// Ends the streamed array and flushes.
    public func end() {
        if framing == .array { buffer.append(contentsOf: elements == 0 ? Array("]\n".utf8) : Array("\n]\n".utf8)) }
        framing = nil
        flush()
    }

    /// Hands what is buffered to the sink.
    public func flush() {
        guard !buffer.isEmpty else { return }
        sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// The text of one value, compact (tests, and values embedded elsewhere).
    public static func text(_ value: JSONValue, pretty: Bool = false) -> String {
        var out: [UInt8] = []
        let writer = JSONWriter { out += $0 }
        writer.write(value, indent: pretty ? 0 : nil)
        writer.flush()
        return String(decoding: out, as: UTF8.self)
    }

    private func write(_ value: JSONValue, indent: Int?) {
        switch value {
        case .null: buffer.append(contentsOf: Self.nullBytes)
        case .bool(let b): buffer.append(contentsOf: b ? Self.trueBytes : Self.falseBytes)
        case .int(let i): buffer.append(contentsOf: String(i).utf8)
        case .double(let d):
            if d.isFinite { buffer.append(contentsOf: (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)).utf8) }
            else { buffer.append(contentsOf: Self.nullBytes) }
        case .string(let s): writeString(s)
        case .array(let values):
            guard !values.isEmpty else { buffer.append(contentsOf: Array("[]".utf8)); return }
            buffer.append(UInt8(ascii: "["))
            for (i, v) in values.enumerated() {
                if i > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(indent.map { $0 + 1 })
                write(v, indent: indent.map { $0 + 1 })
            }
            newline(indent)
            buffer.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { buffer.append(contentsOf: Array("{}".utf8)); return }
            buffer.append(UInt8(ascii: "{"))
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(indent.map { $0 + 1 })
                writeString(key)
                buffer.append(UInt8(ascii: ":"))
                if indent != nil { buffer.append(0x20) }
                write(members[key]!, indent: indent.map { $0 + 1 })
            }
            newline(indent)
            buffer.append(UInt8(ascii: "}"))
        case .members(let members):
            guard !members.keys.isEmpty else { buffer.append(contentsOf: Array("{}".utf8)); return }
            buffer.append(UInt8(ascii: "{"))
            for (i, key) in members.keys.enumerated() {
                if i > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(indent.map { $0 + 1 })
                writeString(key)
                buffer.append(UInt8(ascii: ":"))
                if indent != nil { buffer.append(0x20) }
                write(members.values[i], indent: indent.map { $0 + 1 })
            }
            newline(indent)
            buffer.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ indent: Int?) {
        guard let indent else { return }
        buffer.append(0x0A)
        buffer.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private func writeString(_ s: String) {
        buffer.append(UInt8(ascii: "\""))
        var copy = s
        copy.withUTF8 { bytes in
            var i = 0
            var runStart = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                var escapeLength = 0  // bytes of one character to write as \u
                if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F {
                    escapeLength = 1
                } else if b >= 0xC2 {
                    escapeLength = Self.escapedSequenceLength(bytes, at: i)
                }
                if escapeLength == 0 { i += 1; continue }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                if escapeLength == 1 {
                    switch b {
                    case UInt8(ascii: "\""): buffer.append(contentsOf: [0x5C, UInt8(ascii: "\"")])
                    case UInt8(ascii: "\\"): buffer.append(contentsOf: [0x5C, 0x5C])
                    case 0x0A: buffer.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                    case 0x0D: buffer.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                    case 0x09: buffer.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                    default: unicodeEscape(UInt32(b))
                    }
                } else {
                    unicodeEscape(Self.scalar(bytes, at: i, length: escapeLength))
                }
                i += escapeLength
                runStart = i
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// The length of the UTF-8 sequence at `i` when it encodes a C1 control, a bidi control or U+2028/9; else 0.
    private static func escapedSequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = bytes.count
        switch bytes[i] {
        case 0xC2:  // U+0080-U+009F
            return i + 1 < n && bytes[i + 1] <= 0x9F ? 2 : 0
        case 0xD8:  // U+061C ARABIC LETTER MARK
            return i + 1 < n && bytes[i + 1] == 0x9C ? 2 : 0
        case 0xE2:
            guard i + 2 < n else { return 0 }
            let (b1, b2) = (bytes[i + 1], bytes[i + 2])
            if b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (0xA8...0xAE).contains(b2)) { return 3 }  // U+200E/F, U+2028-U+202E
            if b1 == 0x81 && (0xA6...0xA9).contains(b2) { return 3 }  // U+2066-U+2069
            return 0
        default:
            return 0
        }
    }

    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> UInt32 {
        length == 2
            ? (UInt32(bytes[i] & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
            : (UInt32(bytes[i] & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
    }

    private func unicodeEscape(_ scalar: UInt32) {
        let hex = Self.hexDigits
        buffer.append(contentsOf: [0x5C, UInt8(ascii: "u"), hex[Int(scalar >> 12 & 0xF)], hex[Int(scalar >> 8 & 0xF)],
                                   hex[Int(scalar >> 4 & 0xF)], hex[Int(scalar & 0xF)]])
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
}
