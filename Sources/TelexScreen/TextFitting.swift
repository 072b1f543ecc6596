/// Cutting and padding text by display width, at grapheme boundaries.
public enum TextFitting {
    /// `text` cut to at most `width` columns; when cut, the last column is an ellipsis.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        var used = 0
        var out = ""
        var cutAt: String.Index? = nil
        for (i, cluster) in zip(text.indices, text) {
            let w = Glyph(cluster).width
            if used + w > width { cutAt = i; break }
            out.append(cluster)
            used += w
        }
        guard cutAt != nil else { return out }
        // Make room for the ellipsis (1 column).
        while used + 1 > width, let last = out.popLast() { used -= Glyph(last).width }
        return out + String(ellipsis)
    }

    /// `text` truncated, then padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int) -> String {
        let t = truncate(text, to: width)
        let w = DisplayWidth.of(t)
        return w < width ? t + String(repeating: " ", count: width - w) : t
    }

    /// Right-aligned in `width` columns.
    public static func rightAligned(_ text: String, to width: Int) -> String {
        let t = truncate(text, to: width)
        let w = DisplayWidth.of(t)
        return w < width ? String(repeating: " ", count: width - w) + t : t
    }
}
