import CLibXML2
import Foundation

/// Parses HTML bytes with libxml2's forgiving HTML parser into an `HTMLTree`.
enum HTMLParser {
    /// Upper bound on input size: beyond it the tail is ignored.
    static let maximumInputBytes = 16 << 20

    private static let initialized: Bool = {
        xmlInitParser()
        telex_silenceLibXML2()
        return true
    }()

    static func parse(_ bytes: [UInt8], contentType: String? = nil) -> HTMLTree {
        _ = initialized
        var tree = HTMLTree(capacity: bytes.count / 2)
        let input = bytes.count > maximumInputBytes ? Array(bytes.prefix(maximumInputBytes)) : bytes
        guard !input.isEmpty else { return tree }
        let encoding = chooseEncoding(input, contentType: contentType)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let doc: htmlDocPtr? = input.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlReadMemory(chars, Int32(buffer.count), nil, encoding, options)
            }
        }
        guard let doc else { return tree }
        defer { xmlFreeDoc(doc) }
        copy(from: doc, into: &tree)
        return tree
    }

    /// Fragments (feed content) are wrapped so libxml2 sees a UTF-8 document.
    static func parseFragment(_ html: String) -> HTMLTree {
        let wrapped = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        return parse(Array(wrapped.utf8), contentType: "text/html; charset=utf-8")
    }

    /// The declared charset (header, then meta), else UTF-8 when the bytes are valid UTF-8, else windows-1252.
    private static func chooseEncoding(_ bytes: [UInt8], contentType: String?) -> String {
        // Non-ASCII text that validates as UTF-8 is UTF-8 whatever the page claims: a legacy
        // encoding almost never forms valid multi-byte sequences by accident.
        if bytes.contains(where: { $0 >= 0x80 }), String(validating: bytes, as: UTF8.self) != nil { return "UTF-8" }
        if let contentType, let cs = charset(in: contentType.lowercased()), isSupported(cs) { return cs }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        if let range = head.range(of: "charset") {
            let rest = head[range.upperBound...].drop { $0 == "=" || $0 == " " || $0 == "\"" || $0 == "'" }
            let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            if !name.isEmpty, isSupported(name) { return name }
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return "UTF-8" }
        if String(validating: bytes, as: UTF8.self) != nil { return "UTF-8" }
        return "windows-1252"
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

    /// Iterative copy in document order (documents can nest thousands of levels deep). Only the
    /// attributes in `Attr` are kept, and the text of scripts (other than JSON-LD) and style sheets,
    /// which nothing reads, is not copied.
    private static func copy(from doc: htmlDocPtr, into tree: inout HTMLTree) {
        var parents: [Int] = [tree.root]
        var next = doc.pointee.children
        while let node = next {
            var descend = false
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let tag = node.pointee.name.map { Tag.named(cBytes($0)) } ?? ._other
                let index = tree.appendElement(tag, parent: parents[parents.count - 1])
                var attr = node.pointee.properties
                while let a = attr {
                    if let rawName = a.pointee.name, let name = Attr.named(cBytes(rawName)) {
                        addAttribute(name, a, to: &tree)
                    }
                    attr = a.pointee.next
                }
                tree.finishAttributes()
                descend = node.pointee.children != nil && !(tag == .style || tag == .script && !isJSONScript(tree, index))
                if descend { parents.append(index) } else { tree.close(index) }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    tree.appendText(cBytes(content), parent: parents[parents.count - 1])
                }
            default:
                break
            }
            if descend { next = node.pointee.children; continue }
            // The next node in document order: a sibling, else the sibling of the nearest ancestor.
            var current = node
            next = nil
            while true {
                if let sibling = current.pointee.next { next = sibling; break }
                guard parents.count > 1, let up = current.pointee.parent else { break }
                tree.close(parents.removeLast())
                current = up
            }
        }
        while let open = parents.popLast() { tree.close(open) }
    }

    private static func addAttribute(_ name: Attr, _ a: xmlAttrPtr, to tree: inout HTMLTree) {
        // The usual case, a single text child, is read in place.
        if let child = a.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content {
            tree.addAttribute(name, cBytes(content))
        } else if let value = xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self)) {
            tree.addAttribute(name, cBytes(value))
            telex_xmlFree(value)
        }
    }

    private static func cBytes(_ p: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)))
    }

    private static func isJSONScript(_ tree: HTMLTree, _ index: Int) -> Bool {
        FastText.contains(ArraySlice((tree.attribute(index, .type) ?? "").lowercased().utf8), jsonNeedle)
    }
    private static let jsonNeedle = Array("json".utf8)
}
