/// Display widths as ncurses advances them.
///
/// ncurses advances the cursor by glibc's `wcwidth` of the spacing character of each cell; the
/// combining characters stored with it add nothing. So a grapheme cluster is laid out with the
/// width of its first scalar, except where terminals and `wcwidth` disagree (emoji ZWJ sequences,
/// flags, VS16 presentation): there the cluster is drawn as its first scalar plus padding, and
/// `Glyph` records both widths so layout and drawing stay in step.
public enum DisplayWidth {
    /// glibc `wcwidth` of one scalar: 0, 1, 2, or nil when unprintable.
    public static func of(_ scalar: Unicode.Scalar) -> Int? {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if contains(WidthTable.zero, v) { return 0 }
        if contains(WidthTable.wide, v) { return 2 }
        if contains(WidthTable.unprintable, v) { return nil }
        return 1
    }

    /// The columns a whole string takes when drawn cluster by cluster.
    public static func of(_ text: String) -> Int {
        var total = 0
        for cluster in text { total += Glyph(cluster).width }
        return total
    }

    /// The columns one cluster takes.
    public static func of(_ cluster: Character) -> Int { Glyph(cluster).width }

    private static func contains(_ table: [(UInt32, UInt32)], _ v: UInt32) -> Bool {
        var lo = 0, hi = table.count - 1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            let (a, b) = table[mid]
            if v < a { hi = mid - 1 } else if v > b { lo = mid + 1 } else { return true }
        }
        return false
    }
}

/// How one grapheme cluster is drawn: the scalars handed to ncurses and the columns it takes.
public struct Glyph: Hashable, Sendable {
    /// What goes into the cell (a spacing scalar and its combining marks).
    public let text: String
    /// Columns taken in the layout (what the cursor advances after drawing `text` plus padding).
    public let width: Int
    /// Spaces drawn after `text` because the terminal's idea of the cluster's width and ncurses'
    /// disagree; 0 almost always.
    public let padding: Int

    public static let replacement = Glyph(text: "\u{FFFD}", width: 1, padding: 0)

    public init(text: String, width: Int, padding: Int) {
        self.text = text; self.width = width; self.padding = padding
    }

    public init(_ cluster: Character) {
        let scalars = cluster.unicodeScalars
        guard let first = scalars.first else { self = .replacement; return }
        // Controls never reach a cell.
        if TerminalSafe.isUnsafe(first) { self = .replacement; return }
        guard let firstWidth = DisplayWidth.of(first) else { self = .replacement; return }
        if scalars.count == 1 {
            if firstWidth == 0 {
                // A lone combining mark: draw it on a no-break space so it has a cell of its own.
                self.init(text: "\u{00A0}" + String(first), width: 1, padding: 0)
            } else {
                self.init(text: String(cluster), width: firstWidth, padding: 0)
            }
            return
        }
        var allZeroAfterFirst = true
        var presentation = false
        var safe = String.UnicodeScalarView()
        safe.append(first)
        for s in scalars.dropFirst() {
            if s.value == 0xFE0F { presentation = true }
            if TerminalSafe.isUnsafe(s) { continue }
            guard let w = DisplayWidth.of(s) else { continue }
            if w != 0 || s.value == 0x200D { allZeroAfterFirst = false }
            safe.append(s)
        }
        let isRegionalPair = (0x1F1E6...0x1F1FF).contains(first.value)
        if allZeroAfterFirst && !presentation && !isRegionalPair {
            let base = firstWidth == 0 ? 1 : firstWidth
            let text = firstWidth == 0 ? "\u{00A0}" + String(safe) : String(safe)
            self.init(text: text, width: base, padding: 0)
            return
        }
        // Emoji sequences: terminals draw them two columns wide; ncurses counts the first scalar.
        let layoutWidth = max(2, firstWidth)
        self.init(text: String(first), width: layoutWidth, padding: layoutWidth - max(firstWidth, 1))
    }
}

