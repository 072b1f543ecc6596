import Foundation

/// Where the encoding a document was read in came from.
public enum EncodingSource: String, Sendable, Hashable {
    /// A byte order mark, or the first bytes of a UTF-16/32 or EBCDIC document (XML 1.0 Appendix F).
    case byteOrderMark = "bom"
    /// The transport: the HTTP Content-Type charset, or `telex parse --charset`.
    case transport
    /// The XML declaration, or an HTML `<meta charset>`.
    case declaration
    /// Detection from the bytes (uchardet), the document declaring nothing usable.
    case detected
    /// Nothing declared and nothing detected: UTF-8 (what XML says an undeclared document is).
    case fallback
}

/// Decides which encoding a feed's bytes are in, in the order browsers and feedparser use, and turns
/// them into UTF-8:
///  1. a byte order mark (or UTF-16/32 or EBCDIC recognised from the first bytes);
///  2. the transport's charset (HTTP Content-Type);
///  3. the XML declaration, or a `<meta charset>`;
///  4. detection from the bytes with uchardet;
///  5. UTF-8, stray bytes read as windows-1252.
/// A declared encoding in which the document is not valid is passed over, with a warning: the next
/// source decides. Labels mean what the WHATWG Encoding Standard says (`TextEncoding`).
enum FeedEncoding {
    struct Decoded {
        var utf8: [UInt8]
        var encoding: TextEncoding
        var source: EncodingSource
        var warnings: [String]
    }

    static func decode(_ bytes: [UInt8], transportCharset: String?) -> Decoded {
        // 1. Byte order marks and wide encodings recognised by their first bytes.
        if let (encoding, skip) = byteOrderMark(bytes) {
            let result = CharsetDecoder.decode(bytes[skip...], as: encoding)
            var warnings: [String] = []
            if result.errors > 0 { warnings.append("\(result.errors) byte sequences not valid \(encoding.name) (byte order mark) replaced") }
            return Decoded(utf8: result.utf8, encoding: encoding, source: .byteOrderMark, warnings: warnings)
        }
        if let encoding = ebcdicDeclaration(bytes) {
            let result = CharsetDecoder.decode(bytes[...], as: encoding)
            return Decoded(utf8: result.utf8, encoding: encoding, source: .byteOrderMark, warnings: [])
        }

        var warnings: [String] = []
        // 2 and 3. What the transport and the document declare, in that order.
        var candidates: [(TextEncoding, EncodingSource, String)] = []
        if let label = transportCharset.flatMap(nonEmptyLabel) {
            if let encoding = TextEncoding(label: label) {
                // A UTF-16/32 label on bytes that are not (their first bytes were checked above) is not believed.
                if !encoding.isWide { candidates.append((encoding, .transport, "Content-Type")) }
            } else {
                warnings.append("unknown charset \"\(label.prefix(40))\" in the Content-Type: ignored")
            }
        }
        if let (label, place) = declaredLabel(bytes) {
            if let encoding = TextEncoding(label: label) {
                if !encoding.isWide, !candidates.contains(where: { $0.0 == encoding }) { candidates.append((encoding, .declaration, place)) }
            } else {
                warnings.append("unknown encoding \"\(label.prefix(40))\" in the \(place): ignored")
            }
        }
        // A server that labels every document with its default single-byte charset ("text/xml;
        // charset=ISO-8859-1") while the feed declares UTF-8 and is valid UTF-8 with non-ASCII text:
        // a single-byte label can never be "invalid", but legacy text is never valid multi-byte UTF-8
        // either, so the declaration is believed (read as the label says, every ’ would be "â€™").
        if candidates.count >= 2, candidates[0].1 == .transport, candidates[0].0.isSingleByte, candidates[1].0 == .utf8,
           case let profile = CharsetDecoder.utf8Profile(bytes), profile.invalid == 0, profile.multibyte > 0 {
            warnings.append("the Content-Type says \(candidates[0].0.name), but the document is UTF-8, as it declares")
            candidates.removeFirst()
        }
        var utf8Profile: (multibyte: Int, invalid: Int)?
        var invalidUTF8 = false
        for (encoding, source, place) in candidates {
            let result = CharsetDecoder.decode(bytes[...], as: encoding)
            if result.errors == 0 {
                return Decoded(utf8: result.utf8, encoding: encoding, source: source, warnings: warnings)
            }
            if encoding == .utf8 {
                // UTF-8 with a few stray bytes (a pasted windows-1252 quote) is still UTF-8.
                let profile = CharsetDecoder.utf8Profile(bytes)
                utf8Profile = profile
                invalidUTF8 = true
                if profile.multibyte > profile.invalid {
                    warnings.append("\(result.errors) bytes not valid UTF-8 read as windows-1252")
                    return Decoded(utf8: result.utf8, encoding: encoding, source: source, warnings: warnings)
                }
            }
            warnings.append("the document is not valid \(encoding.name), as the \(place) says (\(result.errors) invalid sequences): read otherwise")
        }

        // 4. Nothing usable declared: valid UTF-8 is UTF-8 (uchardet says the same, at a cost); otherwise detect.
        let escape = bytes.contains(0x1B)   // ISO-2022-JP and friends are 7-bit: only their escapes show them
        if !escape, !invalidUTF8, CharsetDecoder.isValidUTF8(bytes) {
            return Decoded(utf8: bytes, encoding: .utf8, source: candidates.isEmpty ? .fallback : .detected, warnings: warnings)
        }
        let profile = utf8Profile ?? CharsetDecoder.utf8Profile(bytes)
        if !escape, profile.multibyte > profile.invalid {
            let result = CharsetDecoder.decode(bytes[...], as: .utf8)
            warnings.append("\(result.errors) bytes not valid UTF-8 read as windows-1252")
            return Decoded(utf8: result.utf8, encoding: .utf8, source: .fallback, warnings: warnings)
        }
        if let detected = CharsetDetector.detect(bytes), !detected.isWide || detected == .utf8 {
            let result = CharsetDecoder.decode(bytes[...], as: detected)
            if result.errors > 0 { warnings.append("\(result.errors) byte sequences not valid \(detected.name) (detected) replaced") }
            return Decoded(utf8: result.utf8, encoding: detected, source: .detected, warnings: warnings)
        }

        // 5. UTF-8, stray bytes read as windows-1252.
        let result = CharsetDecoder.decode(bytes[...], as: .utf8)
        if result.errors > 0 { warnings.append("\(result.errors) bytes not valid UTF-8 read as windows-1252") }
        return Decoded(utf8: result.utf8, encoding: .utf8, source: .fallback, warnings: warnings)
    }

    private static func nonEmptyLabel(_ label: String) -> String? {
        let trimmed = label.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n\"'"))
        return trimmed.isEmpty ? nil : trimmed
    }

    // MARK: First bytes

    /// A byte order mark, or the first bytes of an XML document in UTF-16/32 without one ("<" or "<?"
    /// with NULs around), and how many bytes to skip.
    static func byteOrderMark(_ b: [UInt8]) -> (TextEncoding, Int)? {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if b.starts(with: [0xFF, 0xFE, 0, 0]) { return (.utf32le, 4) }
        if b.starts(with: [0, 0, 0xFE, 0xFF]) { return (.utf32be, 4) }
        if b.starts(with: [0xFE, 0xFF]) { return (.utf16be, 2) }
        if b.starts(with: [0xFF, 0xFE]) { return (.utf16le, 2) }
        guard b.count >= 4 else { return nil }
        if b[0] == 0x3C, b[1] == 0, b[2] == 0, b[3] == 0 { return (.utf32le, 0) }
        if b[0] == 0, b[1] == 0, b[2] == 0, b[3] == 0x3C { return (.utf32be, 0) }
        if b[0] == 0x3C, b[1] == 0, b[3] == 0 { return (.utf16le, 0) }
        if b[0] == 0, b[1] == 0x3C, b[2] == 0 { return (.utf16be, 0) }
        return nil
    }

    /// An EBCDIC document ("<?xm" in code page 037): the encoding its declaration names, read in 037.
    private static func ebcdicDeclaration(_ b: [UInt8]) -> TextEncoding? {
        guard b.starts(with: [0x4C, 0x6F, 0xA7, 0x94]) else { return nil }
        let head = CharsetDecoder.decode(b.prefix(256), as: .ebcdic).utf8
        return prologEncoding(head).flatMap { TextEncoding(label: $0) } ?? .ebcdic
    }

    // MARK: Declarations

    /// The label the document declares: the XML declaration's `encoding`, else an HTML `<meta charset>`
    /// or `<meta http-equiv="Content-Type" content="...; charset=...">` in the first kilobyte.
    static func declaredLabel(_ bytes: [UInt8]) -> (String, String)? {
        if let label = prologEncoding(bytes) { return (label, "XML declaration") }
        if let label = metaCharset(bytes) { return (label, "<meta> charset") }
        return nil
    }

    /// The encoding="..." of an XML declaration in the first kilobyte (junk before it allowed).
    static func prologEncoding(_ bytes: [UInt8]) -> String? {
        // On bytes: this runs for every document, and String searching here was 2% of parse time.
        let head = bytes.prefix(1024)
        guard let start = firstIndex(of: "<?xml", in: head), let end = firstIndex(of: "?>", in: head, from: start),
              let key = firstIndex(of: "encoding", in: head[..<end], from: start) else { return nil }
        var i = key + 8
        while i < end, head[i] == 0x20 || head[i] == UInt8(ascii: "=") || head[i] == 0x09 || head[i] == 0x0A || head[i] == 0x0D { i += 1 }
        guard i < end, head[i] == UInt8(ascii: "\"") || head[i] == UInt8(ascii: "'") else { return nil }
        let quote = head[i]
        let valueStart = i + 1
        var j = valueStart
        while j < end, head[j] != quote { j += 1 }
        return j > valueStart ? String(decoding: head[valueStart..<j], as: UTF8.self) : nil
    }

    /// `<meta charset=X>` or `<meta ... content="text/html; charset=X">` in the first kilobyte, before
    /// the feed's root (an HTML preamble a server printed first; never markup inside the feed).
    private static func metaCharset(_ bytes: [UInt8]) -> String? {
        var head = Array(bytes.prefix(1024).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
        guard firstIndex(of: "<meta", in: head[...]) != nil else { return nil }
        if let root = [firstIndex(of: "<rss", in: head[...]), firstIndex(of: "<feed", in: head[...]),
                       firstIndex(of: "<rdf:rdf", in: head[...]), firstIndex(of: "<channel", in: head[...])].compactMap({ $0 }).min() {
            head.removeSubrange(root...)
        }
        var from = head.startIndex
        while let meta = firstIndex(of: "<meta", in: head[...], from: from) {
            let end = head[meta...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            if let key = firstIndex(of: "charset", in: head[meta..<end], from: meta) {
                var i = key + 7
                while i < end, head[i] == 0x20 || head[i] == 0x09 { i += 1 }
                if i < end, head[i] == UInt8(ascii: "=") {
                    i += 1
                    while i < end, head[i] == 0x20 || head[i] == 0x09 || head[i] == UInt8(ascii: "\"") || head[i] == UInt8(ascii: "'") { i += 1 }
                    var j = i
                    while j < end, head[j] > 0x20, head[j] != UInt8(ascii: "\""), head[j] != UInt8(ascii: "'"), head[j] != UInt8(ascii: ";"),
                          head[j] != UInt8(ascii: "/") { j += 1 }
                    if j > i { return String(decoding: head[i..<j], as: UTF8.self) }
                }
            }
            from = end
        }
        return nil
    }

    static func firstIndex(of needle: StaticString, in haystack: ArraySlice<UInt8>, from start: Int? = nil) -> Int? {
        let count = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        var i = start ?? haystack.startIndex
        while i + count <= haystack.endIndex {
            if haystack[i] == p[0] {
                var k = 1
                while k < count, haystack[i + k] == p[k] { k += 1 }
                if k == count { return i }
            }
            i += 1
        }
        return nil
    }

    /// The charset parameter of a Content-Type value ("text/xml; charset=ISO-8859-1").
    static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }
}
