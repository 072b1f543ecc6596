/// Related-story markers: the words that open a "READ …" / "Lire aussi" / "関連記事" line, and how a
/// block's start is tested against them.
extension RelatedStories {
    /// Lowercased prefixes that introduce a related-story line, in many languages.
    static let linePrefixes: [String] = [
        "read more:", "read more -", "read more »", "read more", "related:", "related stories:", "related story:",
        "related article:", "related articles:", "related coverage:", "see also:", "see also", "also read:", "also read",
        "read also:", "read also", "more:", "more on this:", "lire aussi", "à lire aussi", "a lire aussi",
        "à lire également", "lire également", "voir aussi", "sur le même sujet", "mehr zum thema", "lesen sie auch",
        "lesen sie mehr", "auch interessant", "das könnte sie auch interessieren", "lee también", "leer también",
        "lea también", "lee además", "ver también", "leia também", "leia mais", "veja também", "leggi anche",
        "leggi pure", "lees ook", "lees meer", "czytaj też", "czytaj także", "читайте также", "läs också", "les også",
        "læs også", "lue myös", "okuyun", "ayrıca oku", "関連記事", "関連ニュース", "あわせて読みたい", "相关阅读", "相关新闻",
        "延伸阅读", "相關新聞", "延伸閱讀", "관련기사", "관련 기사", "اقرأ أيضا", "اقرأ أيضاً", "اقرأ أيضًا", "إقرأ أيضا",
        "إقرأ أيضاً", "اقرأ المزيد", "مواضيع ذات صلة", "ذات صلة",
    ]
    static let sortedLinePrefixes = linePrefixes.sorted { $0.count > $1.count }
    /// Uppercase markers matched case-sensitively ("READ  Headline" on WordPress news sites).
    static let uppercasePrefixes: [String] = ["READ", "READ ALSO", "SEE ALSO", "RELATED", "ALSO READ", "LIRE AUSSI", "MEHR ZUM THEMA"]

    /// The first three visible bytes of every marker, ASCII-lowercased and packed.
    fileprivate static let markerHeads: Set<UInt32> = Set((linePrefixes + uppercasePrefixes).compactMap { marker in
        let b = Array(marker.lowercased().utf8.prefix(3))
        return b.count == 3 && b.allSatisfy({ $0 < 0x80 }) ? UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 : nil
    })

    /// False when the block's text cannot begin with a marker, judged on its first three visible
    /// bytes without building the text (blocks starting with non-ASCII letters are let through).
    static func mayStartWithMarker(_ tree: HTMLTree, _ node: Int) -> Bool {
        // The first three bytes, packed as they come (no array: this runs for most blocks of a page).
        var packed: UInt32 = 0, count = 0, nonASCII = false
        func push(_ c: UInt8) {
            guard count < 3 else { return }
            if c >= 0x80 { nonASCII = true }
            packed |= UInt32(HTMLTree.asciiLowercased(c)) << (8 * UInt32(count))
            count += 1
        }
        var pendingSpace = false
        var k = node
        let stop = tree.end(node)
        outer: while k < stop {
            let n = tree[k]
            if n.removed || !n.isText && HTMLTags.invisible.contains(n.tag) { k = tree.end(k); continue }
            if n.isText {
                // Whitespace collapsed and controls dropped, as in the text markers are matched on.
                for b in tree.textBytes(k) {
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) { pendingSpace = count > 0; continue }
                    if b < 0x20 || b == 0x7F { continue }
                    if pendingSpace { push(0x20); pendingSpace = false }
                    push(b)
                    if count >= 3 { break outer }
                }
            } else if HTMLTags.blockLike.contains(n.tag) {
                pendingSpace = count > 0
            }
            k += 1
        }
        guard count == 3, !nonASCII else { return true }
        return markerHeads.contains(packed)
    }

    /// Characters taken by a leading marker, or nil.
    static func markerLength(_ text: String) -> Int? {
        // Only the head can hold a marker: lowercasing and comparing whole blocks was a hot spot.
        let head = String(text.prefix(40))
        let upper = Array(head.utf8)
        for p in uppercaseMarkers where upper.starts(with: p.bytes) {
            if isSeparator(upper, at: p.bytes.count) { return p.characters }
        }
        let lower = Array(head.lowercased().utf8)
        for p in lowercaseMarkers where lower.starts(with: p.bytes) {
            // "Read more:" and "Lire aussi" need a separator or the end after them.
            let at = p.bytes.count
            if isSeparator(lower, at: at) || p.bytes.last == 0x3A || lower[at...].starts(with: [0xC2, 0xBB]) || lower[at...].first == 0x7C {
                // Bare "read more" without a colon is a marker only when the line is short.
                if (p.text == "read more" || p.text == "more:") && text.count > 200 { return nil }
                return p.characters
            }
        }
        return nil
    }

    private struct Marker {
        let text: String, bytes: [UInt8], characters: Int
        init(_ text: String) { self.text = text; bytes = Array(text.utf8); characters = text.count }
    }
    private static let uppercaseMarkers = uppercasePrefixes.map(Marker.init)
    private static let lowercaseMarkers = sortedLinePrefixes.map(Marker.init)

    /// The end, a space, a colon, a no-break space or a full-width colon or space at `at`.
    private static func isSeparator(_ b: [UInt8], at: Int) -> Bool {
        at == b.count || b[at] == 0x20 || b[at] == 0x3A || b[at...].starts(with: [0xC2, 0xA0])
            || b[at...].starts(with: [0xEF, 0xBC, 0x9A]) || b[at...].starts(with: [0xE3, 0x80, 0x80])
    }
}
