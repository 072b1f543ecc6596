import CLibXML2
import Foundation

/// Parses HTML bytes with libxml2's forgiving HTML parser into an `HTMLTree`.
enum HTMLParser {
    /// Attributes worth keeping; everything else is dropped to keep the tree small.
    private static let keptAttributes: Set<String> = [
        "class", "id", "href", "src", "data-src", "data-lazy-src", "data-original", "srcset", "data-srcset", "alt",
        "content", "property", "name", "itemprop", "itemtype", "rel", "datetime", "lang", "type", "style", "hidden",
        "aria-hidden", "role", "charset", "http-equiv", "title", "colspan", "width", "height",
    ]
    /// Upper bound on input size: beyond it the tail is ignored.
    static let maximumInputBytes = 16 << 20

    private static let initialized: Bool = {
        xmlInitParser()
        telex_silenceLibXML2()
        return true
    }()

    static func parse(_ bytes: [UInt8], contentType: String? = nil) -> HTMLTree {
        _ = initialized
        var tree = HTMLTree()
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

    /// Iterative copy: documents can nest thousands of levels deep.
    private static func copy(from doc: htmlDocPtr, into tree: inout HTMLTree) {
        var stack: [(xmlNodePtr, Int)] = []
        var child = doc.pointee.children
        while let c = child { stack.append((c, tree.root)); child = c.pointee.next }
        stack.reverse()
        while let (node, parent) = stack.popLast() {
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let name = String(cString: node.pointee.name).lowercased()
                var attributes: [HTMLTree.Attribute] = []
                var attr = node.pointee.properties
                while let a = attr {
                    let attrName = String(cString: a.pointee.name).lowercased()
                    if keptAttributes.contains(attrName) || attrName.hasPrefix("data-") && attrName.hasSuffix("src") {
                        if let value = xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self)) {
                            attributes.append(.init(name: attrName, value: String(cString: value)))
                            telex_xmlFree(value)
                        }
                    }
                    attr = a.pointee.next
                }
                let index = tree.append(.init(tag: name, text: "", attributes: attributes, parent: parent, children: []))
                var kids: [(xmlNodePtr, Int)] = []
                var k = node.pointee.children
                while let kk = k { kids.append((kk, index)); k = kk.pointee.next }
                stack.append(contentsOf: kids.reversed())
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    tree.append(.init(tag: "", text: String(cString: content), attributes: [], parent: parent, children: []))
                }
            default:
                break
            }
        }
    }
}
