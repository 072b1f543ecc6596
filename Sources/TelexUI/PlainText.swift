import TelexScreen

/// A small, local HTML-to-paragraphs conversion for the preview pane.
///
/// Deliberately simple (tags dropped, block tags end paragraphs, common entities decoded); the
/// articles layer's cleaner replaces it later, behind this one function.
public enum PlainText {
    /// Input beyond this many characters is ignored: the preview shows the start of an article.
    public static let maxInput = 64 * 1024

    static let blockTags: Set<String> = ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                         "blockquote", "tr", "table", "section", "article", "figure", "figcaption",
                                         "pre", "hr", "header", "footer", "aside", "dd", "dt", "dl"]
    static let skippedTags: Set<String> = ["script", "style", "head", "noscript", "template", "svg", "iframe", "object"]

    /// The text paragraphs of an HTML fragment, sanitised for the terminal, empty ones dropped.
    public static func paragraphs(fromHTML html: String) -> [String] {
        var paragraphs: [String] = []
        var current = ""
        var skipping: String?
        var chars = Substring(html.prefix(maxInput)).unicodeScalars[...]
        func endParagraph() {
            let p = collapse(decodeEntities(current))
            if !p.isEmpty { paragraphs.append(p) }
            current = ""
        }
        // Once no ">" is left, every later "<" is text (and scanning for one again would be quadratic).
        var noMoreTags = false
        while let c = chars.first {
            if c == "<" && !noMoreTags {
                guard let close = chars.firstIndex(of: ">") else {
                    // A lone "<" is text.
                    noMoreTags = true
                    if skipping == nil { current.unicodeScalars.append(c) }
                    chars = chars.dropFirst()
                    continue
                }
                let tag = String(String.UnicodeScalarView(chars[chars.index(after: chars.startIndex)..<close]))
                chars = chars[chars.index(after: close)...]
                let isEnd = tag.hasPrefix("/")
                let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
                if let s = skipping {
                    if isEnd && name == s { skipping = nil }
                    continue
                }
                if !isEnd && skippedTags.contains(name) && !tag.hasSuffix("/") { skipping = name; continue }
                // Inline tags (a, b, em, span) add nothing: the text around them carries its spaces.
                if blockTags.contains(name) { endParagraph() }
                continue
            }
            if skipping == nil { current.unicodeScalars.append(c) }
            chars = chars.dropFirst()
        }
        endParagraph()
        return paragraphs
    }

    /// Whitespace runs become one space; controls and bidi overrides are removed.
    static func collapse(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in TerminalSafe.clean(text) {
            if ch.isWhitespace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(ch)
        }
        return out
    }

    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "hellip": "…",
        "mdash": "—", "ndash": "–", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "laquo": "«",
        "raquo": "»", "copy": "©", "reg": "®", "eacute": "é", "egrave": "è", "agrave": "à", "ccedil": "ç",
        "uuml": "ü", "ouml": "ö", "auml": "ä", "szlig": "ß", "euro": "€", "middot": "·", "bull": "•",
    ]

    /// Decodes named (common) and numeric character references; unknown ones stay as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = String(after[..<semi])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = entities[name]
                }
                if let decoded {
                    out += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        out += rest
        return out
    }
}
