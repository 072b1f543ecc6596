import TelexScreen

/// Text ready for line breaking: the drawn UTF-8 bytes of its grapheme clusters, and for each
/// cluster a small plain record (where its bytes end, its width, line-break class and style).
///
/// Why this shape: layout touches every character of a story, and a `String` and a role per
/// cluster (the first version) made laying out a 1 MB page cost 240 ms. Plain records and one
/// byte buffer need no reference counting; ASCII (most of Latin text) is read a byte at a time
/// without grapheme segmentation, which only runs where non-ASCII text is; and a run of ASCII
/// letters, inside which UAX #14 never breaks (LB28), is one cell until a line has to split a
/// word (`exploded()`): the 1 MB page's layout went from about 20 ms to about 13 ms.
struct Paragraph {
    struct Cell {
        /// End of the cluster's bytes in `bytes` (it starts where the previous cell ends).
        var end: Int32
        var width: UInt8
        var breakClass: LineBreakClass
        var flags: UInt8
        /// Index into `styles`.
        var style: UInt32

        static let softHyphen: UInt8 = 1
        static let joinsNext: UInt8 = 2
        /// A run of ASCII letters in one cell (one column per byte); `exploded()` splits it.
        static let letterRun: UInt8 = 4

        var isSpace: Bool { breakClass == .SP }
        /// A forced line break (a `<br>`): not drawn, it ends the line.
        var isForcedBreak: Bool { breakClass == .BK }
        var isSoftHyphen: Bool { flags & Cell.softHyphen != 0 }
        var joinsNextCell: Bool { flags & Cell.joinsNext != 0 }
    }

    struct Style: Hashable {
        var role: TextRole
        var linkIndex: Int?
    }

    private(set) var bytes: [UInt8] = []
    private(set) var cells: [Cell] = []
    private(set) var styles: [Style] = []
    /// Some cell holds a run of letters (see `exploded()`).
    private(set) var hasLetterRuns = false

    init() {}

    init(_ text: String, role: TextRole, linkIndex: Int? = nil) {
        append(text, role: role, linkIndex: linkIndex)
    }

    var isEmpty: Bool { cells.isEmpty }

    func start(_ i: Int) -> Int { i == 0 ? 0 : Int(cells[i - 1].end) }

    /// The drawn text of cells `range`.
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return String(decoding: bytes[start(range.lowerBound)..<Int(cells[range.upperBound - 1].end)], as: UTF8.self)
    }

    /// Width of cells `range`.
    func width(_ range: Range<Int>) -> Int {
        var w = 0
        for k in range { w += Int(cells[k].width) }
        return w
    }

    // MARK: Building

    /// Appends `text` with a role and link. Controls are removed; whitespace other than the
    /// no-break spaces becomes breaking spaces (one per whitespace character).
    mutating func append(_ text: String, role: TextRole, linkIndex: Int?) {
        let style = styleIndex(Style(role: role, linkIndex: linkIndex))
        var text = text
        text.withUTF8 { append(utf8: $0, style: style) }
    }

    /// A forced line break.
    mutating func appendForcedBreak() {
        cells.append(Cell(end: Int32(bytes.count), width: 0, breakClass: .BK, flags: 0, style: styleIndex(Style(role: .body))))
    }

    mutating func append(_ other: Paragraph) {
        let offset = Int32(bytes.count)
        var styleMap: [UInt32] = []
        for style in other.styles { styleMap.append(styleIndex(style)) }
        bytes += other.bytes
        hasLetterRuns = hasLetterRuns || other.hasLetterRuns
        for var cell in other.cells {
            cell.end += offset
            cell.style = styleMap[Int(cell.style)]
            cells.append(cell)
        }
    }

    private mutating func styleIndex(_ style: Style) -> UInt32 {
        if let last = styles.last, last == style { return UInt32(styles.count - 1) }
        if let i = styles.lastIndex(of: style) { return UInt32(i) }
        styles.append(style)
        return UInt32(styles.count - 1)
    }

    private mutating func append(utf8 s: UnsafeBufferPointer<UInt8>, style: UInt32) {
        let n = s.count
        guard n > 0 else { return }
        // Grown geometrically: paragraphs are built from many short runs.
        if bytes.capacity < bytes.count + n { bytes.reserveCapacity(max(bytes.count + n, 2 * bytes.capacity)) }
        if cells.capacity < cells.count + n { cells.reserveCapacity(max(cells.count + n, 2 * cells.capacity)) }
        let ascii = LineBreakRules.asciiClasses
        // At most one cell per byte: they are made in a scratch buffer and appended at once (an
        // append per cell, with its uniqueness and capacity checks, was most of this function's time).
        withUnsafeTemporaryAllocation(of: Cell.self, capacity: n) { made in
            var count = 0
            var i = 0
            while i < n {
                let b = s[i]
                // An ASCII byte not followed by a non-ASCII one (which could be a combining mark) is a
                // grapheme cluster of its own.
                if b < 0x80 && (i + 1 == n || s[i + 1] < 0x80) {
                    guard Self.isKept(b) else { i += 1; continue }
                    // A run of printable ASCII and whitespace: its bytes at once (whitespace as spaces);
                    // a cell per run of letters, else per byte.
                    var j = i + 1
                    while j < n && Self.isKept(s[j]) && (j + 1 == n || s[j + 1] < 0x80) { j += 1 }
                    let offset = Int32(bytes.count) - Int32(i)
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[i..<j]))
                    var k = i
                    while k < j {
                        let c = s[k]
                        var e = k + 1
                        if c <= 0x20 {
                            if c != 0x20 { bytes[Int(offset) + k] = 0x20 }
                            made[count] = Cell(end: offset + Int32(e), width: 1, breakClass: .SP, flags: 0, style: style)
                        } else if Self.isLetter(c) && e < j && Self.isLetter(s[e]) {
                            while e < j && e - k < 255 && Self.isLetter(s[e]) { e += 1 }
                            made[count] = Cell(end: offset + Int32(e), width: UInt8(e - k), breakClass: .AL, flags: Cell.letterRun, style: style)
                            hasLetterRuns = true
                        } else {
                            made[count] = Cell(end: offset + Int32(e), width: 1, breakClass: ascii[Int(c)], flags: 0, style: style)
                        }
                        count += 1
                        k = e
                    }
                    i = j
                    continue
                }
                // Grapheme clusters up to the next ASCII byte followed by ASCII (a cluster boundary).
                var j = i + 1
                while j < n && !(s[j] < 0x80 && (j + 1 == n || s[j + 1] < 0x80)) { j += 1 }
                for ch in String(decoding: UnsafeBufferPointer(rebasing: s[i..<j]), as: UTF8.self) {
                    if let cell = cell(ch, style: style) { made[count] = cell; count += 1 }
                }
                i = j
            }
            cells.append(contentsOf: UnsafeBufferPointer(rebasing: made[0..<count]))
        }
    }

    /// Printable ASCII and the whitespace controls (tab, newlines), which become spaces; other
    /// controls are dropped.
    @inline(__always)
    private static func isKept(_ b: UInt8) -> Bool { (b >= 0x20 && b < 0x7F) || (b >= 0x09 && b <= 0x0D) }

    @inline(__always)
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// The same text with one cell per grapheme cluster: where a word has to be split.
    func exploded() -> Paragraph {
        guard hasLetterRuns else { return self }
        var out = self
        out.hasLetterRuns = false
        out.cells = []
        out.cells.reserveCapacity(bytes.count)
        var start: Int32 = 0
        for cell in cells {
            if cell.flags & Cell.letterRun != 0 {
                var cut = cell
                cut.flags = 0
                cut.width = 1
                for end in (start + 1)...cell.end { cut.end = end; out.cells.append(cut) }
            } else {
                out.cells.append(cell)
            }
            start = cell.end
        }
        return out
    }

    private mutating func space(_ style: UInt32) -> Cell {
        bytes.append(0x20)
        return Cell(end: Int32(bytes.count), width: 1, breakClass: .SP, flags: 0, style: style)
    }

    /// The cell of one grapheme cluster, its drawn bytes appended to `bytes`; nil when it draws nothing.
    private mutating func cell(_ ch: Character, style: UInt32) -> Cell? {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return nil }
        var breakClass = LineBreakRules.lineBreakClass(of: first)
        // Whitespace: a tab or newline before a non-ASCII character arrives here too (CR LF is one cluster).
        if breakClass != .GL && ((first.value >= 0x09 && first.value <= 0x0D) || Self.isWhiteSpace(first)) { return space(style) }
        if TerminalSafe.isUnsafe(first) { return nil }
        let single = scalars.index(after: scalars.startIndex) == scalars.endIndex
        if single, let invisible = Self.invisible(first) {
            return Cell(end: Int32(bytes.count), width: 0, breakClass: invisible,
                        flags: first == "\u{AD}" ? Cell.softHyphen : 0, style: style)
        }
        let glyph = Glyph(ch)
        if glyph == .replacement && !(single && first == "\u{FFFD}") { return nil }
        // LB10: a mark with nothing to attach to (or attached to a space) is a letter.
        if breakClass == .CM || breakClass == .ZWJ || (breakClass == .SP && !single) { breakClass = .AL }
        bytes += glyph.text.utf8
        for _ in 0..<glyph.padding { bytes.append(0x20) }
        return Cell(end: Int32(bytes.count), width: UInt8(clamping: glyph.width), breakClass: breakClass,
                    flags: !single && scalars.last == "\u{200D}" ? Cell.joinsNext : 0, style: style)
    }

    /// Unicode White_Space outside ASCII (U+0085, U+00A0, U+1680, U+2000…U+200A, U+2028, U+2029,
    /// U+202F, U+205F, U+3000); the no-break ones are kept by their class (GL) before this is asked.
    private static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        guard v == 0x85 || v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x205F) || v == 0x3000 else { return false }
        return s.properties.isWhitespace
    }

    /// Format characters that take no cell and only say where lines may (not) break.
    private static func invisible(_ s: Unicode.Scalar) -> LineBreakClass? {
        switch s.value {
        case 0xAD: return .BA           // soft hyphen: a break opportunity, shown only when used
        case 0x200B: return .ZW         // zero-width space
        case 0x2060, 0xFEFF: return .WJ // word joiners
        case 0x200C: return .CM         // zero-width non-joiner: attaches, breaks nothing
        default: return nil
        }
    }

    // MARK: Output

    /// The spans of cells `range` (same role and link merged), with a hyphen after them when `hyphen`.
    func spans(_ range: Range<Int>, hyphen: Bool) -> [DisplaySpan] {
        var spans: [DisplaySpan] = []
        var k = range.lowerBound
        while k < range.upperBound {
            let style = cells[k].style
            var end = k + 1
            while end < range.upperBound && cells[end].style == style { end += 1 }
            let text = self.text(k..<end)
            if !text.isEmpty {
                let s = styles[Int(style)]
                spans.append(DisplaySpan(text: text, role: s.role, linkIndex: s.linkIndex))
            }
            k = end
        }
        if hyphen, range.upperBound > 0 {
            let s = styles[Int(cells[range.upperBound - 1].style)]
            spans.append(DisplaySpan(text: LineBreaker.hyphen, role: s.role, linkIndex: s.linkIndex))
        }
        return spans
    }
}
