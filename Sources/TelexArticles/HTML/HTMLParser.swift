import CLibXML2
import Foundation

/// Parses HTML bytes with libxml2's forgiving HTML parser into an `HTMLTree` (through `TreeBuilder`).
enum HTMLParser {
    /// Upper bound on input size: beyond it the tail is ignored.
    static let maximumInputBytes = 16 << 20

    private static let initialized: Bool = {
        xmlInitParser()
        telex_silenceLibXML2()
        return true
    }()

    /// The tree of `bytes`; with a `deadline`, parsing stops when it passes (the deadline then says so).
    static func parse(_ bytes: [UInt8], contentType: String? = nil, deadline: Deadline? = nil) -> HTMLTree {
        _ = initialized
        let capped = bytes.count > maximumInputBytes ? Array(bytes.prefix(maximumInputBytes)) : bytes
        let input = AttributeNames.repaired(capped) ?? capped
        guard !input.isEmpty, let context = htmlNewParserCtxt() else { return HTMLTree() }
        defer { htmlFreeParserCtxt(context) }
        let encoding = chooseEncoding(input, contentType: contentType)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let builder = TreeBuilder(capacity: input.count, deadline: deadline)
        builder.attach(to: context)
        let doc: htmlDocPtr? = input.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, encoding, options)
            }
        }
        // Without tree-building callbacks there is no document, but free one if libxml2 made it.
        if let doc { xmlFreeDoc(doc) }
        return builder.finish()
    }

    /// Fragments (feed content) are wrapped so libxml2 sees a UTF-8 document.
    static func parseFragment(_ html: String, deadline: Deadline? = nil) -> HTMLTree {
        let wrapped = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        return parse(Array(wrapped.utf8), contentType: "text/html; charset=utf-8", deadline: deadline)
    }

    /// The declared charset (header, then meta), else UTF-8 when the bytes are valid UTF-8, else windows-1252.
    private static func chooseEncoding(_ bytes: [UInt8], contentType: String?) -> String {
        // Non-ASCII text that validates as UTF-8 is UTF-8 whatever the page claims: a legacy
        // encoding almost never forms valid multi-byte sequences by accident.
        if bytes.contains(where: { $0 >= 0x80 }), isValidUTF8(bytes) { return "UTF-8" }
        if let contentType, let cs = charset(in: contentType.lowercased()), isSupported(cs) { return cs }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        if let range = head.range(of: "charset") {
            let rest = head[range.upperBound...].drop { $0 == "=" || $0 == " " || $0 == "\"" || $0 == "'" }
            let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            if !name.isEmpty, isSupported(name) { return name }
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return "UTF-8" }
        if isValidUTF8(bytes) { return "UTF-8" }
        return "windows-1252"
    }

    /// Validation without the copy `String(validating:)` makes of the whole page.
    private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        (try? UTF8Span(validating: bytes.span)) != nil
    }

    private static func charset(in contentType: String) -> String? {
        guard let range = contentType.range(of: "charset=") else { return nil }
        let value = contentType[range.upperBound...].prefix { $0 != ";" && $0 != " " }
        let trimmed = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func isSupported(_ name: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }
}
