import Foundation

/// Relative URLs inside escaped HTML (summaries, contents) resolved against xml:base or the document
/// URL, as feedparser's `_resolveRelativeURIs` does: the HTML then stands on its own in the cache.
/// One pass over UTF-8; the input is returned untouched (nil) when nothing needed rewriting.
enum RelativeURLs {
    static func resolve(in html: [UInt8], against base: String) -> [UInt8]? {
        var out: [UInt8] = []
        var copied = 0
        html.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i < n {
                // Tags start with "<" and a letter; memchr skips the text between them.
                guard let found = memchr(b.baseAddress! + i, Int32(UInt8(ascii: "<")), n - i) else { break }
                i = UnsafeRawPointer(found) - UnsafeRawPointer(b.baseAddress!)
                guard i + 1 < n, HTMLText.isLetter(b[i + 1]) else { i += 1; continue }
                var j = i + 1
                let nameStart = j
                while j < n, isNameByte(b[j]) { j += 1 }
                let tag = tagKind(b, nameStart, j)
                // Attributes up to ">".
                while j < n, b[j] != UInt8(ascii: ">") {
                    if HTMLText.isSpace(b[j]) || b[j] == UInt8(ascii: "/") { j += 1; continue }
                    let attrStart = j
                    while j < n, isNameByte(b[j]) { j += 1 }
                    if j == attrStart { j += 1; continue }
                    let attrEnd = j
                    while j < n, HTMLText.isSpace(b[j]) { j += 1 }
                    guard j < n, b[j] == UInt8(ascii: "=") else { continue }
                    j += 1
                    while j < n, HTMLText.isSpace(b[j]) { j += 1 }
                    guard j < n else { break }
                    var valueStart = j, valueEnd: Int
                    if b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                        let quote = b[j]
                        valueStart = j + 1
                        valueEnd = valueStart
                        while valueEnd < n, b[valueEnd] != quote { valueEnd += 1 }
                        j = min(valueEnd + 1, n)
                    } else {
                        valueEnd = j
                        while valueEnd < n, !HTMLText.isSpace(b[valueEnd]), b[valueEnd] != UInt8(ascii: ">") { valueEnd += 1 }
                        j = valueEnd
                    }
                    guard tag != .none, holdsURL(tag, b, attrStart, attrEnd) else { continue }
                    let value = String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<valueEnd]), as: UTF8.self)
                    let raw = decodeAmpersands(value)
                    if raw.isEmpty || URLResolver.hasScheme(raw.trimmingASCIIWhitespace()) || raw.hasPrefix("#") { continue }
                    let resolved = URLResolver.resolve(raw, against: base)
                    if resolved == raw { continue }
                    if out.isEmpty { out.reserveCapacity(n + 256) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<valueStart]))
                    let quoted = valueStart > 0 && (b[valueStart - 1] == UInt8(ascii: "\"") || b[valueStart - 1] == UInt8(ascii: "'"))
                    for c in resolved.utf8 {
                        switch c {
                        case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                        case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                        case UInt8(ascii: " ") where !quoted, UInt8(ascii: ">") where !quoted: out.append(contentsOf: "%20".utf8)
                        default: out.append(c)
                        }
                    }
                    copied = valueEnd
                }
                i = j
            }
            if copied > 0 { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<n])) }
        }
        return copied > 0 ? out : nil
    }

    /// The elements of feedparser's list (`relative_uris`), by name.
    enum Tag { case none, a, area, link, img, input, script, source, audio, video, iframe, frame, object, blockquote, q, ins, del, form, body, head, applet }

    private static func isNameByte(_ c: UInt8) -> Bool {
        HTMLText.isLetter(c) || (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: ":") || c == UInt8(ascii: "_")
    }

    private static func equals(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ name: StaticString) -> Bool {
        guard end - start == name.utf8CodeUnitCount else { return false }
        let q = name.utf8Start
        for k in 0..<(end - start) where b[start + k] | 0x20 != q[k] { return false }
        return true
    }

    private static func tagKind(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Tag {
        switch end - start {
        case 1:
            if equals(b, start, end, "a") { return .a }
            if equals(b, start, end, "q") { return .q }
        case 3:
            if equals(b, start, end, "img") { return .img }
            if equals(b, start, end, "ins") { return .ins }
            if equals(b, start, end, "del") { return .del }
        case 4:
            if equals(b, start, end, "area") { return .area }
            if equals(b, start, end, "link") { return .link }
            if equals(b, start, end, "form") { return .form }
            if equals(b, start, end, "body") { return .body }
            if equals(b, start, end, "head") { return .head }
        case 5:
            if equals(b, start, end, "input") { return .input }
            if equals(b, start, end, "audio") { return .audio }
            if equals(b, start, end, "video") { return .video }
            if equals(b, start, end, "frame") { return .frame }
        case 6:
            if equals(b, start, end, "script") { return .script }
            if equals(b, start, end, "source") { return .source }
            if equals(b, start, end, "iframe") { return .iframe }
            if equals(b, start, end, "object") { return .object }
            if equals(b, start, end, "applet") { return .applet }
        case 10:
            if equals(b, start, end, "blockquote") { return .blockquote }
        default: break
        }
        return .none
    }

    private static func holdsURL(_ tag: Tag, _ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        func is_(_ name: StaticString) -> Bool { equals(b, s, e, name) }
        switch tag {
        case .none: return false
        case .a, .area, .link: return is_("href")
        case .img: return is_("src") || is_("longdesc") || is_("usemap")
        case .input: return is_("src") || is_("usemap")
        case .script, .source, .audio: return is_("src")
        case .video: return is_("src") || is_("poster")
        case .iframe, .frame: return is_("src") || is_("longdesc")
        case .object: return is_("data") || is_("classid") || is_("codebase") || is_("usemap")
        case .blockquote, .q, .ins, .del: return is_("cite")
        case .form: return is_("action")
        case .body: return is_("background")
        case .head: return is_("profile")
        case .applet: return is_("codebase")
        }
    }

    /// Attribute values are HTML: `&amp;` (and the other basic references) stand for their characters.
    private static func decodeAmpersands(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "&")) else { return value }
        let b = Array(value.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "&"), let (scalar, length) = HTMLText.decodeEntity(b, at: i), let u = Unicode.Scalar(scalar) {
                out.append(contentsOf: String(Character(u)).utf8); i += length
            } else {
                out.append(b[i]); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
