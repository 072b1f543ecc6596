/// Removes everything from untrusted text that could act on a terminal.
///
/// C0 and C1 controls (ESC, CSI, OSC introducers, BEL...), DEL, bidi overrides and isolates, and
/// other invisible format characters that reorder or hide text are dropped; tabs and newlines
/// become spaces unless `keepNewlines` is set. Used by every human-readable output: the TUI's cells,
/// CLI listings and log lines quoting server text.
public enum TerminalSafe {
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidi embeddings, overrides, isolates and marks that can reorder what a line shows.
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        // Line/paragraph separators break lines behind the layout's back.
        case 0x2028, 0x2029: return true
        // Interlinear annotations, object replacement, specials.
        case 0xFFF9...0xFFFB: return true
        default: return false
        }
    }

    /// The sanitised text. Controls are removed; whitespace controls become a space.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        var needsWork = false
        for s in text.unicodeScalars where isUnsafe(s) { needsWork = true; break }
        if !needsWork { return text }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            if s == "\n" && keepNewlines { out.append(s); continue }
            if s == "\t" || s == "\n" || s == "\r" || s == "\u{0B}" || s == "\u{0C}" || s == "\u{2028}" || s == "\u{2029}" {
                out.append(" ")
                continue
            }
            if isUnsafe(s) { continue }
            out.append(s)
        }
        return String(out)
    }
}
