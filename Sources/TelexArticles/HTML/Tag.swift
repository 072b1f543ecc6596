/// Element names as small integers: the scorer compares and classifies tags for every node, and
/// comparing or hashing strings there dominated extraction time. Tags nothing looks at are `_other`.
enum Tag: UInt8, CaseIterable {
    case _other, _text, _root
    case html, head, body, title, meta, link, base, script, style, noscript, template
    case svg, math, button, input, select, textarea, option, iframe, object, embed, canvas, audio, video, source
    case track, map, dialog
    case p, div, section, article, main, header, footer, aside, nav, h1, h2, h3, h4, h5, h6
    case ul, ol, li, dl, dt, dd, blockquote, pre, figure, figcaption, table, thead, tbody, tfoot, tr, td, th
    case caption, hr, form, fieldset, address, center, details, summary, hgroup, menu, picture
    case a, span, br, img, em, i, cite, dfn, `var`, strong, b, code, kbd, samp, tt, time, col, colgroup

    /// The lowercased HTML name ("" for the synthetic kinds).
    var name: String { Tag.names[Int(rawValue)] }

    var isHeading: Bool { rawValue >= Tag.h1.rawValue && rawValue <= Tag.h6.rawValue }
    /// 1...6 for h1...h6.
    var headingLevel: Int { Int(rawValue - Tag.h1.rawValue) + 1 }

    static let names: [String] = allCases.map { $0.rawValue <= Tag._root.rawValue ? "" : String(describing: $0) }
    private static let lookup = NameTable(names)

    /// The tag of a lowercased element name given as UTF-8 bytes.
    static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> Tag {
        lookup.index(of: bytes).flatMap { Tag(rawValue: UInt8($0)) } ?? ._other
    }

    static func named(_ name: String) -> Tag {
        var s = name
        return s.withUTF8 { named($0) }
    }
}

/// A set of tags as a bit mask (membership is tested for every node in every pass).
struct TagSet: ExpressibleByArrayLiteral {
    private var low: UInt64 = 0, high: UInt64 = 0

    init(arrayLiteral elements: Tag...) {
        for t in elements { insert(t) }
    }

    mutating func insert(_ t: Tag) {
        let r = t.rawValue
        if r < 64 { low |= 1 << UInt64(r) } else { high |= 1 << UInt64(r - 64) }
    }

    @inline(__always)
    func contains(_ t: Tag) -> Bool {
        let r = t.rawValue
        return r < 64 ? low & (1 << UInt64(r)) != 0 : high & (1 << UInt64(r &- 64)) != 0
    }
}

/// The attributes extraction reads; all others are dropped at parse time.
enum Attr: UInt8, CaseIterable {
    case `class`, id, href, src, dataSrc, dataLazySrc, dataOriginal, srcset, dataSrcset, alt, content, property, name
    case itemprop, itemtype, rel, datetime, lang, type, style, hidden, ariaHidden, role, charset, httpEquiv, title
    case colspan, width, height

    static let names: [String] = allCases.map { attr in
        // dataLazySrc → data-lazy-src
        String(describing: attr).unicodeScalars.reduce(into: "") { out, s in
            if s.properties.isUppercase { out += "-" + String(s).lowercased() } else { out.unicodeScalars.append(s) }
        }
    }
    private static let lookup = NameTable(names)

    static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> Attr? {
        lookup.index(of: bytes).flatMap { Attr(rawValue: UInt8($0)) }
    }
}

/// Maps names (as lowercased UTF-8 bytes) to their index in a fixed list, without building a String:
/// an FNV-1a hash into an open-addressed table, confirmed by comparing bytes.
struct NameTable {
    private let names: [[UInt8]]
    private let slots: [Int16]
    private let mask: Int

    init(_ list: [String]) {
        names = list.map { Array($0.utf8) }
        var size = 16
        while size < list.count * 4 { size *= 2 }
        mask = size - 1
        var table = [Int16](repeating: -1, count: size)
        for (i, name) in names.enumerated() where !name.isEmpty {
            var slot = Int(truncatingIfNeeded: NameTable.hash(name)) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int16(i)
        }
        slots = table
    }

    @inline(__always)
    static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b | (b >= 0x41 && b <= 0x5A ? 0x20 : 0))) &* 0x100_0000_01b3 }
        return h
    }

    /// Case-insensitive for ASCII letters.
    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        var slot = Int(truncatingIfNeeded: NameTable.hash(bytes)) & mask
        while true {
            let i = Int(slots[slot])
            if i < 0 { return nil }
            let name = names[i]
            if name.count == bytes.count {
                var equal = true
                for k in 0..<name.count where name[k] != bytes[k] | (bytes[k] >= 0x41 && bytes[k] <= 0x5A ? 0x20 : 0) { equal = false; break }
                if equal { return i }
            }
            slot = (slot + 1) & mask
        }
    }
}
