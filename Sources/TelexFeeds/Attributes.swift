import CLibXML2

/// A view of libxml2's SAX2 attribute array (5 pointers per attribute: local name, prefix, URI,
/// value start, value end), decoded only when asked for.
struct Attributes {
    let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The value of the first attribute with this local name (lowercase, matched ignoring case), whatever
    /// its namespace (xml:* excluded).
    func value(_ name: StaticString) -> String? {
        guard let pointer, count > 0 else { return nil }
        for i in 0..<count {
            guard let local = pointer[5 * i], equals(local, name) else { continue }
            if let prefix = pointer[5 * i + 1], equals(prefix, "xml") { continue }
            return decode(i)
        }
        return nil
    }

    /// `xml:base`, or a plain `base` attribute (CDF's `<CHANNEL BASE=...>`; feedparser honours it on any element).
    var xmlBase: String? {
        guard count > 0 else { return nil }
        return xmlAttribute("base") ?? value("base")
    }
    var xmlLang: String? { xmlAttribute("lang") }

    private func xmlAttribute(_ name: StaticString) -> String? {
        guard let pointer, count > 0 else { return nil }
        for i in 0..<count {
            guard let prefix = pointer[5 * i + 1], equals(prefix, "xml"), let local = pointer[5 * i], equals(local, name) else { continue }
            return decode(i)
        }
        return nil
    }

    /// Every attribute as (local name, value), for re-serializing XHTML.
    var all: [(String, String)] {
        guard let pointer, count > 0 else { return [] }
        return (0..<count).compactMap { i in
            guard let local = pointer[5 * i] else { return nil }
            if let prefix = pointer[5 * i + 1], equals(prefix, "xml") { return nil }
            return (String(cString: local), decode(i))
        }
    }

    /// Without XML_PARSE_NOENT libxml2 leaves `&#38;` for each `&amp;` in attribute values: undone here.
    private func decode(_ i: Int) -> String {
        guard let start = pointer![5 * i + 3], let end = pointer![5 * i + 4] else { return "" }
        let buffer = UnsafeBufferPointer(start: start, count: end - start)
        guard buffer.contains(UInt8(ascii: "&")) else { return String(decoding: buffer, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(buffer.count)
        var k = 0
        while k < buffer.count {
            if buffer[k] == UInt8(ascii: "&"), k + 4 < buffer.count, buffer[k + 1] == UInt8(ascii: "#"), buffer[k + 2] == UInt8(ascii: "3"),
               buffer[k + 3] == UInt8(ascii: "8"), buffer[k + 4] == UInt8(ascii: ";") {
                out.append(UInt8(ascii: "&")); k += 5
            } else {
                out.append(buffer[k]); k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ASCII case-insensitive against a lowercase name, as feedparser matches attributes (CDF writes `HREF`).
    /// `| 0x20` folds only letters here: the names asked for are lowercase letters, digits and `-`.
    private func equals(_ p: UnsafePointer<xmlChar>, _ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        let q = s.utf8Start
        for k in 0..<count where p[k] | 0x20 != q[k] { return false }
        return p[count] == 0
    }
}
