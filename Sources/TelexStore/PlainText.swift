/// HTML to plain text for the search index: tags dropped, common entities decoded, whitespace collapsed.
///
/// Only for indexing; what is shown comes from TelexArticles. Bounded: at most `limit` characters out.
enum PlainText {
    static func fromHTML(_ html: String, limit: Int = 32_768) -> String {
        var out = String.UnicodeScalarView()
        var inTag = false
        var lastWasSpace = true
        var count = 0
        var entity: String.UnicodeScalarView? = nil
        func emit(_ s: Unicode.Scalar) {
            if s.properties.isWhitespace || s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) {
                if !lastWasSpace { out.append(" "); lastWasSpace = true; count += 1 }
            } else {
                out.append(s); lastWasSpace = false; count += 1
            }
        }
        for s in html.unicodeScalars {
            if count >= limit { break }
            if inTag { if s == ">" { inTag = false; emit(" ") }; continue }
            if var e = entity {
                if s == ";" {
                    if let decoded = decode(String(e)) { emit(decoded) } else { "&\(String(e));".unicodeScalars.forEach(emit) }
                    entity = nil
                } else if e.count > 10 || !(s.properties.isAlphabetic || s.properties.numericType != nil || s == "#") {
                    "&\(String(e))".unicodeScalars.forEach(emit)
                    entity = nil
                    if s == "<" { inTag = true } else if s == "&" { entity = .init() } else { emit(s) }
                } else {
                    e.append(s); entity = e
                }
                continue
            }
            switch s {
            case "<": inTag = true
            case "&": entity = .init()
            default: emit(s)
            }
        }
        if let e = entity { "&\(String(e))".unicodeScalars.forEach(emit) }
        var text = String(out)
        if text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    static func decode(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default: break
        }
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
        return nil
    }
}
