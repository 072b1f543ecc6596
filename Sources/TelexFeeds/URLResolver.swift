import CLibXML2

/// RFC 3986 reference resolution (libxml2's xmlBuildURI) for xml:base and the document URL.
enum URLResolver {
    static func resolve(_ reference: String, against base: String?) -> String {
        let ref = reference.trimmingASCIIWhitespace()
        guard let base, !base.isEmpty, !hasScheme(ref) else { return ref }
        guard let built = xmlBuildURI(ref, base) else { return ref }
        defer { telex_xmlFree(built) }
        return String(cString: built)
    }

    static func hasScheme(_ s: String) -> Bool {
        var first = true
        for c in s.utf8 {
            if c == UInt8(ascii: ":") { return !first }
            let letter = (c | 0x20) >= 97 && (c | 0x20) <= 122
            if first { if !letter { return false } } else if !(letter || (c >= 48 && c <= 57) || c == 43 || c == 45 || c == 46) { return false }
            first = false
        }
        return false
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let u = utf8
        guard let start = u.firstIndex(where: { !HTMLText.isSpace($0) }) else { return "" }
        let end = u.lastIndex(where: { !HTMLText.isSpace($0) })!
        if start == u.startIndex, end == u.index(before: u.endIndex) { return self }
        return String(self[start...end])
    }
}
