import Foundation

/// Normalising single values: author strings and language tags.
extension FeedBuilder {
    /// `en_US` is a POSIX locale, not a language tag: BCP 47 uses `-` (as feedparser normalises it).
    static func languageTag(_ value: String) -> String {
        value.contains("_") ? value.replacingOccurrences(of: "_", with: "-") : value
    }

    /// RSS `<author>` holds "email (Name)" by the spec and "Name <email>" or "Name" in practice.
    static func authorName(_ raw: String) -> String? {
        let text = HTMLText.collapseWhitespace(raw)
        if text.isEmpty { return nil }
        // Most authors are a plain name: no "(", "<" or "mailto:" to take apart.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ":") }) { return text }
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            let inner = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
            let outer = text[..<open].trimmingCharacters(in: .whitespaces)
            if outer.contains("@"), !inner.isEmpty { return inner }
            if inner.contains("@"), !outer.isEmpty { return outer }
        }
        if let open = text.firstIndex(of: "<"), text.hasSuffix(">") {
            let outer = text[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            if !outer.isEmpty { return outer }
        }
        if text.hasPrefix("mailto:") { return String(text.dropFirst(7)) }
        return text
    }
}
