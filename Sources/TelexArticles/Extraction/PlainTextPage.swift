/// A page of plain text (served as text/plain, or with no markup at all) as the HTML the extractor reads:
/// paragraphs where the text has blank lines, hard-wrapped lines joined, indented runs kept as
/// preformatted text. Its "READ  Headline" lines then become related stories like a web page's, and
/// the story reads in the reading view instead of an empty page.
///
/// Works on bytes: `&`, `<` and `>` are escaped and everything else is copied, so the text keeps its
/// encoding and the content type's charset (given back for the HTML) still names it.
enum PlainTextPage {
    /// The page as HTML, or nil when it is not plain text (another content type, binary bytes).
    static func html(_ bytes: [UInt8], contentType: String?) -> (bytes: [UInt8], contentType: String)? {
        let parts = contentType?.lowercased().split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        if let type = parts.first, !type.isEmpty, type != "text/plain" { return nil }
        let head = bytes.prefix(1024)
        // Binary content has NUL bytes early on; UTF-16 text too (not read here).
        guard !bytes.isEmpty, !head.contains(0), !head.starts(with: Array("%PDF".utf8)) else { return nil }
        // The label as a label: quotes and anything else a server may put there are dropped, so it names an
        // encoding in the HTML made here and nothing more.
        let label: String = parts.dropFirst().first { $0.hasPrefix("charset=") }
            .map { String($0.dropFirst(8).filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }) } ?? ""
        let charset = label.isEmpty ? "utf-8" : label

        var out = Array("<!DOCTYPE html><html><head><meta charset=\"\(charset)\"></head><body>\n".utf8)
        var paragraph: [[UInt8]] = []
        func flush() {
            defer { paragraph = [] }
            let lines = paragraph.map(trimmingTrailingSpace)
            guard lines.contains(where: { !$0.isEmpty }) else { return }
            // Indented lines (code, tables, verse set out by hand) keep their line breaks and spacing.
            let preformatted = lines.contains { $0.starts(with: [0x20, 0x20]) || $0.first == 0x09 }
            if preformatted {
                out += Array("<pre>".utf8)
                for (i, line) in lines.enumerated() { if i > 0 { out.append(0x0A) }; appendEscaped(line, to: &out) }
                out += Array("</pre>\n".utf8)
            } else {
                out += Array("<p>".utf8)
                for (i, line) in lines.enumerated() { if i > 0 { out.append(0x20) }; appendEscaped(line, to: &out) }
                out += Array("</p>\n".utf8)
            }
        }
        var start = 0
        // A byte order mark is the encoding's, not text.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = Array(bytes[start..<end])
            if line.last == 0x0D { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0C }) { flush() } else { paragraph.append(line) }
            start = end + 1
        }
        flush()
        out += Array("</body></html>\n".utf8)
        return (out, "text/html; charset=\(charset)")
    }

    private static func trimmingTrailingSpace(_ line: [UInt8]) -> [UInt8] {
        var line = line
        while let last = line.last, last == 0x20 || last == 0x09 { line.removeLast() }
        return line
    }

    private static func appendEscaped(_ line: [UInt8], to out: inout [UInt8]) {
        for byte in line {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            default: out.append(byte)
            }
        }
    }
}
