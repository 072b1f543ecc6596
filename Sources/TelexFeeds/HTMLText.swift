/// HTML fragments to plain text, for titles and for text renderings of summaries.
public enum HTMLText {
    /// Strips tags (and script/style bodies and comments), decodes entities, collapses whitespace.
    public static func plainText(_ html: String) -> String {
        // Without markup or references (most titles) this is only whitespace collapsing.
        // (0xC2 excluded: collapseWhitespace reads a raw U+00A0 as a space, this function keeps it.)
        if !html.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") || $0 == 0xC2 }) { return collapseWhitespace(html) }
        var out: [UInt8] = []
        let b = Array(html.utf8)
        out.reserveCapacity(b.count)
        var i = 0
        var pendingSpace = false
        func emit(_ bytes: some Sequence<UInt8>) {
            for c in bytes {
                if isSpace(c) { pendingSpace = true; continue }
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(c)
            }
        }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "<"), i + 1 < b.count {
                let next = b[i + 1]
                if next == UInt8(ascii: "!") {
                    // Comment or declaration: skip to "-->" or ">".
                    // An unterminated comment ends at the next ">" (as feedparser's sgmllib reads it: the
                    // text after it is kept); a declaration with no ">" at all is text, not markup.
                    if b[i...].starts(with: Array("<!--".utf8)) {
                        i = find(Array("-->".utf8), in: b, from: i + 4).map { $0 + 3 }
                            ?? b[(i + 4)...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? b.count
                    } else if b[i...].starts(with: Array("<![CDATA[".utf8)) {
                        let end = find(Array("]]>".utf8), in: b, from: i + 9) ?? b.count
                        emit(b[(i + 9)..<end]); i = min(end + 3, b.count)
                    } else if let close = b[i...].firstIndex(of: UInt8(ascii: ">")) {
                        i = close + 1
                    } else {
                        emit(CollectionOfOne(c)); i += 1
                    }
                    continue
                }
                if isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "?") {
                    let nameStart = next == UInt8(ascii: "/") ? i + 2 : i + 1
                    var nameEnd = nameStart
                    while nameEnd < b.count, isLetter(b[nameEnd]) || (b[nameEnd] >= 48 && b[nameEnd] <= 57) { nameEnd += 1 }
                    let name = b[nameStart..<nameEnd].map { $0 | 0x20 }
                    let end = tagEnd(b, from: nameEnd)
                    if next != UInt8(ascii: "/"), name == Array("script".utf8) || name == Array("style".utf8) {
                        let closing = Array("</".utf8) + name
                        var j = end
                        while j < b.count, !(b[j] == UInt8(ascii: "<") && b[j...].count >= closing.count
                                             && b[j..<(j + closing.count)].map({ $0 | 0x20 }) == closing.map({ $0 | 0x20 })) { j += 1 }
                        i = tagEnd(b, from: min(j + closing.count, b.count))
                        continue
                    }
                    if blockTags.contains(name) { pendingSpace = true }
                    i = end
                    continue
                }
            }
            if c == UInt8(ascii: "&"), let (scalar, length) = decodeEntity(b, at: i) {
                if scalar == 0xA0 { pendingSpace = true } else { emit(String(Character(Unicode.Scalar(scalar)!)).utf8) }
                i += length
                continue
            }
            emit(CollectionOfOne(c))
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Collapses runs of whitespace to one space and trims, without touching markup.
    static func collapseWhitespace(_ text: String) -> String {
        if isCollapsed(text) { return text }
        var out: [UInt8] = []
        var pendingSpace = false
        var afterC2 = false
        for c in text.utf8 {
            // U+00A0 (C2 A0) counts as a space too: titles are for display.
            if afterC2 {
                afterC2 = false
                if c == 0xA0 { pendingSpace = true; continue }
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(0xC2)
            }
            if c == 0xC2 { afterC2 = true; continue }
            if isSpace(c) { pendingSpace = true; continue }
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(c)
        }
        if afterC2 { out.append(0xC2) }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `collapseWhitespace` would return the text unchanged (the common case: no copy).
    private static func isCollapsed(_ text: String) -> Bool {
        var previousSpace = true   // a leading space is not collapsed
        for c in text.utf8 {
            if c == 0x20 {
                if previousSpace { return false }
                previousSpace = true
            } else if c == 0xC2 || (c < 0x20 && isSpace(c)) {
                return false
            } else {
                previousSpace = false
            }
        }
        return !previousSpace || text.isEmpty
    }

    /// feedparser's test: a closing tag or an entity reference means the text is HTML.
    static func looksLikeHTML(_ text: String) -> Bool {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) { return false }
        let b = Array(text.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "<"), i + 2 < b.count, b[i + 1] == UInt8(ascii: "/"), isLetter(b[i + 2]) {
                var j = i + 2
                while j < b.count, isLetter(b[j]) || (b[j] >= 48 && b[j] <= 57) { j += 1 }
                if j < b.count, b[j] == UInt8(ascii: ">") { return true }
            }
            if b[i] == UInt8(ascii: "&"), decodeEntity(b, at: i) != nil { return true }
            i += 1
        }
        return false
    }

    /// Escapes text for inclusion in HTML.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// `&name;`, `&#123;` or `&#x1F;` at `i`: the code point and the length consumed.
    static func decodeEntity(_ b: [UInt8], at i: Int) -> (UInt32, Int)? {
        var j = i + 1
        guard j < b.count else { return nil }
        if b[j] == UInt8(ascii: "#") {
            j += 1
            var value: UInt32 = 0
            let hex = j < b.count && (b[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let digitsStart = j
            while j < b.count, j - digitsStart < 8 {
                let c = b[j]
                if c >= 48 && c <= 57 { value = value * (hex ? 16 : 10) + UInt32(c - 48) }
                else if hex, (c | 0x20) >= 97, (c | 0x20) <= 102 { value = value * 16 + UInt32((c | 0x20) - 87) }
                else { break }
                j += 1
            }
            guard j > digitsStart else { return nil }
            if j < b.count, b[j] == UInt8(ascii: ";") { j += 1 }
            if (0x80...0x9F).contains(value) { value = CharsetDecoder.windows1252Scalar(UInt8(value)) }
            if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { value = 0xFFFD }
            return (value, j - i)
        }
        while j < b.count, j - i <= 32, isLetter(b[j]) || (b[j] >= 48 && b[j] <= 57) { j += 1 }
        guard j > i + 1, j < b.count, b[j] == UInt8(ascii: ";") else { return nil }
        let name = Array(b[(i + 1)..<j])
        let value: UInt32?
        switch name {
        case Array("amp".utf8): value = 0x26
        case Array("lt".utf8): value = 0x3C
        case Array("gt".utf8): value = 0x3E
        case Array("quot".utf8): value = 0x22
        default: value = HTMLEntities.codePoint(name)
        }
        guard let value else { return nil }
        return (value, j + 1 - i)
    }

    private static func tagEnd(_ b: [UInt8], from start: Int) -> Int {
        var j = start
        var quote: UInt8 = 0
        var afterEquals = false
        while j < b.count {
            let c = b[j]
            if quote != 0 { if c == quote { quote = 0 } }
            // A quote opens a value only right after "=": in `href=http://x/">` it is part of the value.
            else if afterEquals, c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
            else if c == UInt8(ascii: ">") { return j + 1 }
            if !isSpace(c) { afterEquals = quote == 0 && c == UInt8(ascii: "=") }
            j += 1
        }
        return b.count
    }

    private static func find(_ needle: [UInt8], in b: [UInt8], from start: Int) -> Int? {
        guard needle.count <= b.count else { return nil }
        var j = start
        while j + needle.count <= b.count {
            if b[j] == needle[0], b[j..<(j + needle.count)].elementsEqual(needle) { return j }
            j += 1
        }
        return nil
    }

    private static let blockTags: Set<[UInt8]> = Set(["br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5",
        "h6", "blockquote", "pre", "hr", "table", "dd", "dt", "dl", "section", "article", "figure", "figcaption", "header", "footer"].map { Array($0.utf8) })

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
}
