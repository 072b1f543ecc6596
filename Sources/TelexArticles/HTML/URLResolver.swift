import Foundation

/// Resolves hrefs against the page URL (or `<base href>`) and keeps only the schemes a reader follows.
struct URLResolver {
    let base: URL?

    init(base: String?) {
        self.base = base.flatMap { URLResolver.parse($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
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

enum TerminalSafeScalars {
    static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (s.value >= 0x7F && s.value <= 0x9F) }
}
