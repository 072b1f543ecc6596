import Foundation

/// Resolves hrefs against the page URL (or `<base href>`) and keeps only the schemes a reader follows.
struct URLResolver {
    let base: URL?
    /// "scheme://authority" of an http(s) base, for the fast path.
    private let origin: [UInt8]?

    init(base: String?) {
        self.base = base.flatMap { URLResolver.parse($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        origin = self.base.flatMap { URLResolver.origin(of: Array($0.absoluteString.utf8)) }
    }

    /// An absolute http(s) or mailto URL, or nil.
    func link(_ raw: String) -> String? {
        resolve(raw, allowed: ["http", "https", "mailto"])
    }

    /// An absolute http(s) URL for an image, or nil.
    func image(_ raw: String) -> String? {
        resolve(raw, allowed: ["http", "https"])
    }

    private func resolve(_ raw: String, allowed: Set<String>) -> String? {
        if let fast = fastResolve(raw) { return fast }
        // A link within the page ("#top"): nothing to follow (said before trimming, which is costly).
        if raw.utf8.first == UInt8(ascii: "#") { return nil }
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty || s.hasPrefix("#") || s.utf8.count > 4096 { return nil }
        if s.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains(where: TerminalSafeScalars.isControl) }) {
            s = String(s.unicodeScalars.filter { !TerminalSafeScalars.isControl($0) }.map(Character.init))
                .replacingOccurrences(of: " ", with: "%20")
        }
        let url: URL?
        if let absolute = URLResolver.parse(s), absolute.scheme != nil {
            url = absolute
        } else if let base {
            url = URL(string: s, relativeTo: base)?.absoluteURL
                ?? s.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(.urlPathAllowed)).flatMap { URL(string: $0, relativeTo: base)?.absoluteURL }
        } else {
            url = nil
        }
        guard let url, let scheme = url.scheme?.lowercased(), allowed.contains(scheme) else { return nil }
        if scheme != "mailto" && (url.host ?? "").isEmpty { return nil }
        return url.absoluteString
    }

    static func parse(_ s: String) -> URL? {
        if let u = URL(string: s) { return u }
        return s.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(.urlPathAllowed)).flatMap(URL.init(string:))
    }
}

extension URLResolver {
    /// Absolute http(s) URLs and root-relative paths made only of plain URL characters, resolved
    /// without Foundation (whose URL parsing was a hot spot); anything else returns nil and goes
    /// the general way.
    func fastResolve(_ raw: String) -> String? {
        let b = Array(raw.utf8)
        guard !b.isEmpty, b.count <= 4096, b.allSatisfy(Self.isPlainURLByte), !Self.hasDotSegment(b) else { return nil }
        if let length = Self.httpSchemeLength(b) {
            // A host must follow "//".
            guard b.count > length + 3, b[length + 3] != 0x2F else { return nil }
            return raw
        }
        guard let origin, b[0] == 0x2F, b.count == 1 || b[1] != 0x2F else { return nil }
        return String(decoding: origin + b, as: UTF8.self)
    }

    static func origin(of b: [UInt8]) -> [UInt8]? {
        guard let length = httpSchemeLength(b), b.count > length + 3 else { return nil }
        let authorityStart = length + 3
        let end = b[authorityStart...].firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 } ?? b.count
        return end > authorityStart ? Array(b[..<end]) : nil
    }

    /// The length of "http" or "https" when followed by "://".
    private static func httpSchemeLength(_ b: [UInt8]) -> Int? {
        func lower(_ i: Int) -> UInt8 { i < b.count ? b[i] | 0x20 : 0 }
        guard lower(0) == 0x68, lower(1) == 0x74, lower(2) == 0x74, lower(3) == 0x70 else { return nil }
        let length = lower(4) == 0x73 ? 5 : 4
        guard b.count > length + 2, b[length] == 0x3A, b[length + 1] == 0x2F, b[length + 2] == 0x2F else { return nil }
        return length
    }

    /// RFC 3986 unreserved and reserved characters and "%": what URL(string:) takes unchanged.
    private static func isPlainURLByte(_ c: UInt8) -> Bool {
        switch c {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "/"),
             UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","),
             UInt8(ascii: ";"), UInt8(ascii: "="): return true
        default: return false
        }
    }

    /// "/." anywhere: dot segments are left to Foundation's resolution; so is a "%" that does not
    /// start an escape of two hex digits.
    private static func hasDotSegment(_ b: [UInt8]) -> Bool {
        for i in b.indices {
            if b[i] == 0x25, !(i + 2 < b.count && isHexDigit(b[i + 1]) && isHexDigit(b[i + 2])) { return true }
            if b[i] == 0x2F, i + 1 < b.count, b[i + 1] == 0x2E { return true }
        }
        return false
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)
    }
}

enum TerminalSafeScalars {
    static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (s.value >= 0x7F && s.value <= 0x9F) }
}
