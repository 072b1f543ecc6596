import TelexScreen

/// Word wrapping by display width, at grapheme boundaries.
public enum TextWrap {
    /// `text` broken into lines of at most `width` columns; words longer than a line (or text
    /// without spaces, such as Chinese or Japanese) break between graphemes.
    public static func lines(_ text: String, width: Int, maxLines: Int = .max) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        func flush() { lines.append(line); line = ""; lineWidth = 0 }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if lines.count >= maxLines { break }
            let w = DisplayWidth.of(String(word))
            if lineWidth > 0 && lineWidth + 1 + w <= width {
                line += " " + word; lineWidth += 1 + w
                continue
            }
            if lineWidth > 0 { flush() }
            if w <= width { line = String(word); lineWidth = w; continue }
            for cluster in word {
                let cw = DisplayWidth.of(cluster)
                if lineWidth + cw > width { flush(); if lines.count >= maxLines { break } }
                line.append(cluster); lineWidth += cw
            }
        }
        if lineWidth > 0 && lines.count < maxLines { flush() }
        return lines
    }
}
