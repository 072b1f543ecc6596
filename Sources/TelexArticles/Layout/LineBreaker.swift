import TelexScreen

/// One grapheme cluster ready for layout: what is drawn, its width, role, link and line-break class.
struct LayoutCluster {
    /// The cell text ("" for the invisible: soft hyphen, zero-width space, word joiner).
    var text: String
    var width: Int
    var role: TextRole
    var linkIndex: Int?
    var breakClass: LineBreakClass
    /// The cluster ends with a ZWJ: no break after it (UAX #14 LB8a).
    var joinsNext = false
    var isSoftHyphen = false

    var isSpace: Bool { breakClass == .SP }
}

/// The one line breaker: the reading view, the preview and `telex read` all break lines here.
///
/// Break opportunities follow Unicode line breaking (UAX #14, `LineBreakRules`), so lines never
/// break at a no-break space (U+00A0, U+202F, U+2007) or a word joiner, never start with closing
/// punctuation (French ; : ! ? », Japanese and Chinese 。、」）ー… by kinsoku) nor end with an
/// opening one (« ( 「), and CJK text breaks between ideographs. Lines are filled greedily by
/// display width (`Glyph`, the width ncurses advances). A soft hyphen (U+00AD) is invisible
/// unless the line breaks there, where it shows as a hyphen. A word wider than the whole line is
/// hyphenated by the text's language when a libhyphen dictionary is installed (`Hyphenator`), and
/// otherwise split where the line is full, with a visible hyphen between letters.
public enum LineBreaker {
    /// `text` broken into lines of at most `width` columns; `language` (a BCP 47 tag such as
    /// "de-DE") picks the hyphenation dictionary for over-long words.
    public static func lines(_ text: String, width: Int, language: String? = nil) -> [String] {
        guard width > 0 else { return [] }
        let items = clusters(text, role: .body, linkIndex: nil).map { Optional($0) }
        return wrap(items, width: width, language: language).map { line in line.map(\.text).joined() }
    }

    /// Loads what laying `document` out may need, so that the terminal thread does not wait for it:
    /// the hyphenation dictionary of its language when it has words long enough to need one in a
    /// narrow pane or table column (`preparedWordLength` letters). Loading is slow for some
    /// languages (German's 78,000 patterns take about 3 s in libhyphen) and done once per process.
    public static func prepare(for document: ArticleDocument) {
        guard let language = document.metadata.language, let key = DictionaryKey(language), !Dictionaries.shared.isLookedUp(key) else { return }
        var run = 0
        for paragraph in document.plainParagraphs {
            for scalar in paragraph.unicodeScalars {
                if scalar.properties.isAlphabetic {
                    run += 1
                    if run >= preparedWordLength { Hyphenator.prepare(language: language); return }
                } else {
                    run = 0
                }
            }
            run = 0
        }
    }

    /// Words at least this long make `prepare(for:)` load the dictionary.
    static let preparedWordLength = 16

    /// The visible hyphen added where a word is broken.
    static let hyphen = "-"

    /// Clusters of `text` with a role. Controls are removed; whitespace other than the no-break
    /// spaces becomes single breaking spaces.
    static func clusters(_ text: String, role: TextRole, linkIndex: Int?) -> [LayoutCluster] {
        var result: [LayoutCluster] = []
        result.reserveCapacity(text.utf8.count)
        for ch in text {
            let scalars = ch.unicodeScalars
            guard let first = scalars.first else { continue }
            var breakClass = LineBreakRules.lineBreakClass(of: first)
            if ch.isWhitespace && breakClass != .GL {
                result.append(LayoutCluster(text: " ", width: 1, role: role, linkIndex: linkIndex, breakClass: .SP))
                continue
            }
            if TerminalSafe.isUnsafe(first) { continue }
            if scalars.count == 1, let invisible = Self.invisible(first) {
                result.append(LayoutCluster(text: "", width: 0, role: role, linkIndex: linkIndex, breakClass: invisible,
                                            isSoftHyphen: first == "\u{AD}"))
                continue
            }
            let glyph = Glyph(ch)
            if glyph == .replacement && !scalars.elementsEqual("\u{FFFD}".unicodeScalars) { continue }
            // LB10: a mark with nothing to attach to (or attached to a space) is a letter.
            if breakClass == .CM || breakClass == .ZWJ || (breakClass == .SP && scalars.count > 1) { breakClass = .AL }
            result.append(LayoutCluster(text: glyph.padding == 0 ? glyph.text : glyph.text + String(repeating: " ", count: glyph.padding),
                                        width: glyph.width, role: role, linkIndex: linkIndex, breakClass: breakClass,
                                        joinsNext: scalars.count > 1 && scalars.last == "\u{200D}"))
        }
        return result
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

    /// Lines of at most `width` columns. A `nil` element in `items` is a forced line break.
    static func wrap(_ items: [LayoutCluster?], width: Int, language: String?) -> [[LayoutCluster]] {
        let width = max(width, 1)
        var lines: [[LayoutCluster]] = []
        var segment: [LayoutCluster] = []
        for item in items {
            if let item { segment.append(item); continue }
            // A forced break ends the line even when it is empty.
            let before = lines.count
            fill(segment, width: width, language: language, into: &lines)
            if lines.count == before { lines.append([]) }
            segment.removeAll(keepingCapacity: true)
        }
        fill(segment, width: width, language: language, into: &lines)
        return lines
    }

    /// Greedy filling of one paragraph (no forced breaks inside).
    private static func fill(_ c: [LayoutCluster], width: Int, language: String?, into lines: inout [[LayoutCluster]]) {
        let n = c.count
        guard n > 0 else { return }
        let breaks = LineBreakRules.opportunities(c.map(\.breakClass), joinsNext: c.map(\.joinsNext))
        var start = 0
        while true {
            while start < n && c[start].isSpace { start += 1 }
            guard start < n else { return }
            // Walk until the line overflows, remembering the last break that fits and the last break seen.
            var used = 0          // width of c[start..<i]
            var visible = 0       // the same without trailing spaces
            var fits = -1         // the furthest break (index) whose line fits, hyphen included
            var lastBreak = start // the last break position seen (start when none)
            var i = start
            while i < n {
                if i > start && breaks[i] {
                    lastBreak = i
                    if visible + (c[i - 1].isSoftHyphen ? 1 : 0) <= width { fits = i }
                }
                used += c[i].width
                if !c[i].isSpace { visible = used }
                if visible > width { break }
                i += 1
            }
            if i == n {
                lines.append(line(c, start, n, hyphenated: false))
                return
            }
            // Cluster i overflows. The word it belongs to runs from the last break to the next one.
            var wordEnd = i + 1
            while wordEnd < n && !breaks[wordEnd] { wordEnd += 1 }
            let lineHasWords = fits > start
            if lineHasWords && visibleWidth(c, lastBreak, wordEnd) <= width {
                // The ordinary case: break at the last opportunity that fits.
                lines.append(line(c, start, fits, hyphenated: c[fits - 1].isSoftHyphen))
                start = fits
                continue
            }
            // A word wider than the line: hyphenated by the dictionary of the language, starting on
            // this line when the line already holds words and a hyphenation point fits after them.
            let from = lineHasWords ? lastBreak : start
            let points = hyphenationPoints(c, from, wordEnd, language: language)
            let room = width - widthFrom(c, start, from)
            if let p = points.last(where: { widthFrom(c, from, $0) + 1 <= room }) {
                lines.append(line(c, start, p, hyphenated: true))
                start = p
                continue
            }
            if lineHasWords {
                // The word starts the next line; only a word the dictionary cannot hyphenate (none for
                // the language, or a long URL) fills the room left here, split between two letters.
                if points.isEmpty, room >= min(8, width / 3), let split = forcedSplit(c, from: from, room: room), split.hyphenated {
                    lines.append(line(c, start, split.end, hyphenated: true))
                    start = split.end
                } else {
                    lines.append(line(c, start, fits, hyphenated: c[fits - 1].isSoftHyphen))
                    start = fits
                }
                continue
            }
            // Alone on its line and no hyphenation point fits: split where the line is full.
            if let split = forcedSplit(c, from: start, room: width) {
                lines.append(line(c, start, split.end, hyphenated: split.hyphenated))
                start = split.end
            } else {
                // Not even one cluster fits (a wide character on a one-column line): it goes alone.
                lines.append(line(c, start, start + 1, hyphenated: false))
                start += 1
            }
        }
    }

    /// The clusters of a line, trailing spaces and invisible clusters dropped, a hyphen added when the word was broken.
    private static func line(_ c: [LayoutCluster], _ start: Int, _ end: Int, hyphenated: Bool) -> [LayoutCluster] {
        var last = end
        while last > start && (c[last - 1].isSpace || c[last - 1].width == 0) { last -= 1 }
        var out = Array(c[start..<last])
        out.removeAll { $0.width == 0 && $0.text.isEmpty }
        if hyphenated, end > start {
            let at = c[end - 1]
            out.append(LayoutCluster(text: hyphen, width: 1, role: at.role, linkIndex: at.linkIndex, breakClass: .HY))
        }
        return out
    }

    /// Width of `c[start..<end]` without its trailing spaces.
    private static func visibleWidth(_ c: [LayoutCluster], _ start: Int, _ end: Int) -> Int {
        var used = 0, visible = 0
        for k in start..<end {
            used += c[k].width
            if !c[k].isSpace { visible = used }
        }
        return visible
    }

    /// The dictionary's hyphenation points inside `c[wordStart..<wordEnd]`, in order, as positions
    /// a line may end before (with a hyphen). Each run of letters is looked up on its own
    /// ("(Donaudampfschiff…)," has one).
    private static func hyphenationPoints(_ c: [LayoutCluster], _ wordStart: Int, _ wordEnd: Int, language: String?) -> [Int] {
        guard language != nil else { return [] }
        var points: [Int] = []
        var k = wordStart
        while k < wordEnd {
            guard isLetter(c[k]) else { k += 1; continue }
            var end = k
            while end < wordEnd && isLetter(c[end]) { end += 1 }
            if end - k >= 4 {
                points += Hyphenator.points(c[k..<end].map { Substring($0.text) }, language: language).map { k + $0 }
            }
            k = end
        }
        return points
    }

    /// Where to split a word with no hyphenation point that fits: after as many clusters as fit
    /// `room`, with a visible hyphen when letters or digits are on both sides; nil when none fits.
    private static func forcedSplit(_ c: [LayoutCluster], from start: Int, room: Int) -> (end: Int, hyphenated: Bool)? {
        var p = start
        var used = 0
        while p < c.count && used + c[p].width <= room { used += c[p].width; p += 1 }
        guard p > start else { return nil }
        guard p < c.count, room >= 2, isWordCharacter(c[p - 1]), isWordCharacter(c[p]) else { return (p, false) }
        // Leave room for the hyphen.
        if used + 1 > room {
            guard p - 1 > start else { return (p, false) }
            p -= 1
        }
        return (p, isWordCharacter(c[p - 1]) && isWordCharacter(c[p]))
    }

    private static func widthFrom(_ c: [LayoutCluster], _ start: Int, _ end: Int) -> Int {
        var w = 0
        for k in start..<end { w += c[k].width }
        return w
    }

    private static func isLetter(_ c: LayoutCluster) -> Bool {
        guard c.breakClass == .AL || c.breakClass == .HL, let first = c.text.first else { return false }
        return first.isLetter
    }

    private static func isWordCharacter(_ c: LayoutCluster) -> Bool {
        guard c.breakClass == .AL || c.breakClass == .HL || c.breakClass == .NU, let first = c.text.first else { return false }
        return first.isLetter || first.isNumber
    }

    /// Spans from clusters, merging neighbours with the same role and link.
    static func spans(_ clusters: [LayoutCluster]) -> [DisplaySpan] {
        var spans: [DisplaySpan] = []
        for c in clusters where !c.text.isEmpty {
            if let last = spans.last, last.role == c.role, last.linkIndex == c.linkIndex {
                spans[spans.count - 1].text += c.text
            } else {
                spans.append(DisplaySpan(text: c.text, role: c.role, linkIndex: c.linkIndex))
            }
        }
        return spans
    }

    static func width(_ clusters: [LayoutCluster]) -> Int { clusters.reduce(0) { $0 + $1.width } }
}
