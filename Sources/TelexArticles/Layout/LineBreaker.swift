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
        var paragraph = Paragraph(text, role: .body)
        return wrap(&paragraph, width: width, language: language).map { line in
            paragraph.text(line.range) + (line.hyphen ? hyphen : "")
        }
    }

    /// What laying `document` out will want that is not loaded yet (the hyphenation dictionary of
    /// its language), claimed for the caller to load with `run()` off the terminal thread; nil when
    /// nothing is missing or someone else loads it. Until it is loaded, layout does not wait: it
    /// splits over-long words with a plain hyphen, and the reader lays the page out again once
    /// `run()` returns. Other callers (`telex read`) need not ask: layout loads what it needs itself.
    public static func preparation(for document: ArticleDocument) -> LayoutPreparation? {
        guard let key = DictionaryKey(document.metadata.language), Dictionaries.shared.claim(key) else { return nil }
        return LayoutPreparation(key: key)
    }

    /// The visible hyphen added where a word is broken.
    static let hyphen = "-"

    /// One line: cells of the paragraph (trailing spaces left out), and whether a hyphen ends it.
    struct Line: Equatable {
        var range: Range<Int>
        var hyphen: Bool
    }

    /// Lines of at most `width` columns. Forced breaks in `paragraph` end a line even when empty.
    /// When a word has to be split, `paragraph` is replaced by its `exploded()` form (one cell per
    /// cluster), which the lines' ranges then refer to.
    static func wrap(_ paragraph: inout Paragraph, width: Int, language: String?) -> [Line] {
        if let lines = wrapOrGiveUp(paragraph, width: width, language: language) { return lines }
        paragraph = paragraph.exploded()
        return wrapOrGiveUp(paragraph, width: width, language: language) ?? []
    }

    /// The lines, or nil when a word must be split inside a cell holding a run of letters.
    private static func wrapOrGiveUp(_ paragraph: Paragraph, width: Int, language: String?) -> [Line]? {
        let width = max(width, 1)
        var lines: [Line] = []
        let cells = paragraph.cells
        var segmentStart = 0
        for (i, cell) in cells.enumerated() where cell.isForcedBreak {
            let before = lines.count
            guard fill(paragraph, segmentStart..<i, width: width, language: language, into: &lines) else { return nil }
            if lines.count == before { lines.append(Line(range: i..<i, hyphen: false)) }
            segmentStart = i + 1
        }
        guard fill(paragraph, segmentStart..<cells.count, width: width, language: language, into: &lines) else { return nil }
        return lines
    }

    /// Lines of at most `width` columns cut anywhere (preformatted text).
    static func hardWrap(_ paragraph: inout Paragraph, width: Int) -> [Line] {
        paragraph = paragraph.exploded()
        var lines: [Line] = []
        var start = 0, used = 0
        for (k, cell) in paragraph.cells.enumerated() {
            if used + Int(cell.width) > width && k > start { lines.append(Line(range: start..<k, hyphen: false)); start = k; used = 0 }
            used += Int(cell.width)
        }
        if start < paragraph.cells.count { lines.append(Line(range: start..<paragraph.cells.count, hyphen: false)) }
        return lines
    }

    /// Greedy filling of one run of cells with no forced break inside; false when a word must be
    /// split and `p` has runs of letters in single cells.
    private static func fill(_ p: Paragraph, _ segment: Range<Int>, width: Int, language: String?, into lines: inout [Line]) -> Bool {
        guard !segment.isEmpty else { return true }
        let c = p.cells
        let n = segment.upperBound
        let classes = LineBreakRules.Classes(c, segment), pairs = LineBreakRules.pairs
        func mayBreak(_ i: Int) -> Bool { LineBreakRules.mayBreak(before: i - segment.lowerBound, in: classes, pairs: pairs) }
        func emit(_ start: Int, _ end: Int, hyphen: Bool) {
            var last = end
            while last > start && (c[last - 1].isSpace || c[last - 1].width == 0) { last -= 1 }
            lines.append(Line(range: start..<last, hyphen: hyphen))
        }
        var start = segment.lowerBound
        while true {
            while start < n && c[start].isSpace { start += 1 }
            guard start < n else { return true }
            // Walk until the line overflows, remembering the last break that fits and the last break seen.
            var used = 0          // width of c[start..<i]
            var visible = 0       // the same without trailing spaces
            var fits = -1         // the furthest break (index) whose line fits, hyphen included
            var lastBreak = start // the last break position seen (start when none)
            var i = start
            while i < n {
                if i > start && mayBreak(i) {
                    lastBreak = i
                    if visible + (c[i - 1].isSoftHyphen ? 1 : 0) <= width { fits = i }
                }
                used += Int(c[i].width)
                if !c[i].isSpace { visible = used }
                if visible > width { break }
                i += 1
            }
            if i == n {
                emit(start, n, hyphen: false)
                return true
            }
            // Cluster i overflows. The word it belongs to runs from the last break to the next one.
            var wordEnd = i + 1
            while wordEnd < n && !mayBreak(wordEnd) { wordEnd += 1 }
            let lineHasWords = fits > start
            if lineHasWords && visibleWidth(c, lastBreak, wordEnd) <= width {
                // The ordinary case: break at the last opportunity that fits.
                emit(start, fits, hyphen: c[fits - 1].isSoftHyphen)
                start = fits
                continue
            }
            if p.hasLetterRuns { return false }
            // A word wider than the line: hyphenated by the dictionary of the language, starting on
            // this line when the line already holds words and a hyphenation point fits after them.
            let from = lineHasWords ? lastBreak : start
            let points = hyphenationPoints(p, from, wordEnd, language: language)
            let room = width - p.width(start..<from)
            if let point = points.last(where: { p.width(from..<$0) + 1 <= room }) {
                emit(start, point, hyphen: true)
                start = point
                continue
            }
            if lineHasWords {
                // The word starts the next line; only a word the dictionary cannot hyphenate (none for
                // the language, or a long URL) fills the room left here, split between two letters.
                if points.isEmpty, room >= min(8, width / 3), let split = forcedSplit(p, from: from, to: n, room: room), split.hyphenated {
                    emit(start, split.end, hyphen: true)
                    start = split.end
                } else {
                    emit(start, fits, hyphen: c[fits - 1].isSoftHyphen)
                    start = fits
                }
                continue
            }
            // Alone on its line and no hyphenation point fits: split where the line is full.
            if let split = forcedSplit(p, from: start, to: n, room: width) {
                emit(start, split.end, hyphen: split.hyphenated)
                start = split.end
            } else {
                // Not even one cluster fits (a wide character on a one-column line): it goes alone.
                emit(start, start + 1, hyphen: false)
                start += 1
            }
        }
    }

    /// Width of `c[start..<end]` without its trailing spaces.
    private static func visibleWidth(_ c: [Paragraph.Cell], _ start: Int, _ end: Int) -> Int {
        var used = 0, visible = 0
        for k in start..<end {
            used += Int(c[k].width)
            if !c[k].isSpace { visible = used }
        }
        return visible
    }

    /// The dictionary's hyphenation points inside cells `wordStart..<wordEnd`, in order, as
    /// positions a line may end before (with a hyphen). Each run of letters is looked up on its own
    /// ("(Donaudampfschiff…)," has one).
    private static func hyphenationPoints(_ p: Paragraph, _ wordStart: Int, _ wordEnd: Int, language: String?) -> [Int] {
        guard language != nil else { return [] }
        var points: [Int] = []
        var k = wordStart
        while k < wordEnd {
            guard isLetter(p, k) else { k += 1; continue }
            var end = k
            while end < wordEnd && isLetter(p, end) { end += 1 }
            if end - k >= 4 {
                let letters = (k..<end).map { Substring(p.text($0..<($0 + 1))) }
                points += Hyphenator.points(letters, language: language).map { k + $0 }
            }
            k = end
        }
        return points
    }

    /// Where to split a word with no hyphenation point that fits: after as many clusters as fit
    /// `room`, with a visible hyphen when letters or digits are on both sides; nil when none fits.
    private static func forcedSplit(_ p: Paragraph, from start: Int, to limit: Int, room: Int) -> (end: Int, hyphenated: Bool)? {
        let c = p.cells
        var end = start
        var used = 0
        while end < limit && used + Int(c[end].width) <= room { used += Int(c[end].width); end += 1 }
        guard end > start else { return nil }
        guard end < limit, room >= 2, isWordCharacter(p, end - 1), isWordCharacter(p, end) else { return (end, false) }
        // Leave room for the hyphen.
        if used + 1 > room {
            guard end - 1 > start else { return (end, false) }
            end -= 1
        }
        return (end, isWordCharacter(p, end - 1) && isWordCharacter(p, end))
    }

    private static func firstCharacter(_ p: Paragraph, _ k: Int) -> Character? { p.text(k..<(k + 1)).first }

    private static func isLetter(_ p: Paragraph, _ k: Int) -> Bool {
        let cls = p.cells[k].breakClass
        guard cls == .AL || cls == .HL else { return false }
        return firstCharacter(p, k)?.isLetter ?? false
    }

    private static func isWordCharacter(_ p: Paragraph, _ k: Int) -> Bool {
        let cls = p.cells[k].breakClass
        guard cls == .AL || cls == .HL || cls == .NU, let first = firstCharacter(p, k) else { return false }
        return first.isLetter || first.isNumber
    }
}

/// Work that makes later layouts better (a hyphenation dictionary to load), from
/// `LineBreaker.preparation(for:)`; slow for some languages, so run it off the terminal thread.
public struct LayoutPreparation: Sendable {
    let key: DictionaryKey

    /// Loads what was claimed (once: a second `run` loads nothing more than the first).
    public func run() {
        Dictionaries.shared.load(key)
    }
}
