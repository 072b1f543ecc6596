/// Where a JSON value is in its source: the line it starts on and its bytes.
public struct JSONSpan: Hashable, Sendable {
    public var line: Int
    /// Byte offsets of the value's first byte and one past its last (a string's quotes included).
    public var start: Int
    public var end: Int
    public init(line: Int, start: Int, end: Int) { self.line = line; self.start = start; self.end = end }
    public var range: Range<Int> { start..<end }
}

/// One member of a JSON object: its key (decoded), where the key's quoted text is, and its value.
public typealias JSONMember = (key: String, keyLine: Int, keySpan: Range<Int>, value: JSONNode)

/// A JSON value that remembers where it is: its line and its bytes.
///
/// Written by hand because Foundation's JSONSerialization and JSONDecoder report neither the line
/// of a syntax error nor the line of a value, and feeds.json errors must name both the JSON path
/// and the line; the byte spans let `FeedsJSONEdit` change one value of the user's file and leave
/// every other byte (formatting, key order) as it was. Strict RFC 8259 JSON; depth bounded.
public indirect enum JSONNode: Equatable, Sendable {
    case object([JSONMember], JSONSpan)
    case array([JSONNode], JSONSpan)
    case string(String, JSONSpan)
    case number(Double, JSONSpan)
    case bool(Bool, JSONSpan)
    case null(JSONSpan)

    public var span: JSONSpan {
        switch self {
        case .object(_, let s), .array(_, let s), .string(_, let s), .number(_, let s), .bool(_, let s), .null(let s): return s
        }
    }

    public var line: Int { span.line }

    /// The member `key` of an object (the first, when it appears twice).
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members, _) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The elements of an array (empty for other values).
    public var elements: [JSONNode] {
        if case .array(let items, _) = self { return items }
        return []
    }

    /// The text of a string value.
    public var stringValue: String? {
        if case .string(let s, _) = self { return s }
        return nil
    }

    public var typeName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    public static func == (a: JSONNode, b: JSONNode) -> Bool {
        switch (a, b) {
        case let (.object(x, _), .object(y, _)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(x, _), .array(y, _)): return x == y
        case let (.string(x, _), .string(y, _)): return x == y
        case let (.number(x, _), .number(y, _)): return x == y
        case let (.bool(x, _), .bool(y, _)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }
}

public struct JSONSyntaxError: Error, Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
}

public struct LocatedJSONParser {
    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private let maxDepth = 64

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var p = LocatedJSONParser(bytes: bytes)
        // A UTF-8 byte order mark is tolerated (some editors write one).
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3; p.lineStart = 3 }
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        if p.i < bytes.count { throw p.error("unexpected text after the JSON document") }
        return v
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: i - lineStart + 1, message: message)
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A: i += 1; line += 1; lineStart = i
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        guard i < bytes.count else { throw error("unexpected end of file") }
        let startLine = line, start = i
        func span() -> JSONSpan { JSONSpan(line: startLine, start: start, end: i) }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var members: [JSONMember] = []
            skipSpace()
            if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members, span()) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                let keyLine = line, keyStart = i
                let key = try string()
                let keySpan = keyStart..<i
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
                i += 1
                skipSpace()
                let v = try value(depth: depth + 1)
                members.append((key, keyLine, keySpan, v))
                skipSpace()
                guard i < bytes.count else { throw error("unexpected end of file: missing '}'") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members, span()) }
                throw error("expected ',' or '}' in object")
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONNode] = []
            skipSpace()
            if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items, span()) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw error("unexpected end of file: missing ']'") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items, span()) }
                throw error("expected ',' or ']' in array")
            }
        case UInt8(ascii: "\""):
            let text = try string()
            return .string(text, span())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true, span())
        case UInt8(ascii: "f"): try literal("false"); return .bool(false, span())
        case UInt8(ascii: "n"): try literal("null"); return .null(span())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let value = try number()
            return .number(value, span())
        default:
            throw error("unexpected character '\(String(decoding: [bytes[i]], as: UTF8.self))'")
        }
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { throw error("invalid literal") }
        i += w.count
    }

    private mutating func number() throws(JSONSyntaxError) -> Double {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) || bytes[i] == UInt8(ascii: ".")
                || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "+")
                || bytes[i] == UInt8(ascii: "-") { i += 1 }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw error("invalid number \(text)") }
        return d
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        i += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw error("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw error("control character in string (newlines must be written \\n)") }
            if b == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { throw error("unterminated string") }
                let e = bytes[i]; i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    out.append(contentsOf: Array(String(scalar).utf8))
                default: throw error("invalid escape \\\(String(decoding: [e], as: UTF8.self))")
                }
                continue
            }
            out.append(b); i += 1
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw error("string is not valid UTF-8") }
        return s
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]; i += 1
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            v = v * 16 + d
        }
        return v
    }
}
