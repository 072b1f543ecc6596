import TelexScreen

/// The bytes that make links of a frame OSC 8 hyperlinks, written after curses has drawn the frame.
///
/// curses cannot put OSC 8 around text, so the writer draws each link's cells again, the same glyphs
/// in the same style (SGR from the cell's `Style`), between `ESC ] 8 ; ; URL ESC \` and
/// `ESC ] 8 ; ; ESC \`, then puts the cursor and the attributes back where curses left them (normal
/// attributes, its cursor), so curses' idea of the screen stays true. A link is written again when it
/// is new or curses redrew any of its cells (which drops the link from them); the cells of a link that
/// went away unchanged are redrawn without one. Only URLs that pass `Hyperlink.isSafe` are ever
/// recorded in a buffer, so nothing but printable ASCII goes into a sequence.
struct HyperlinkWriter {
    /// How colours reach the terminal (as the backend draws them).
    var useColor: Bool
    var colors: Int
    var directColor: Bool

    func output(previous: ScreenBuffer?, current: ScreenBuffer, changes: [CellRun], cursor: (x: Int, y: Int)) -> String {
        let before = Set(previous?.hyperlinks ?? [])
        let now = Set(current.hyperlinks)
        func redrawn(_ link: Hyperlink) -> Bool {
            changes.contains { $0.y == link.y && $0.x < link.x + link.width && link.x < $0.x + $0.cells.count }
        }
        var out = ""
        for link in current.hyperlinks where previous == nil || !before.contains(link) || redrawn(link) {
            out += span(link, url: link.url, in: current)
        }
        if let previous {
            for link in previous.hyperlinks where !now.contains(link) && !redrawn(link) {
                // Same size only (a resize cleared the screen: nothing of the old link is left).
                guard previous.width == current.width, previous.height == current.height else { break }
                out += span(link, url: nil, in: current)
            }
        }
        guard !out.isEmpty else { return "" }
        return out + "\u{1B}[0m" + Self.move(x: cursor.x, y: cursor.y)
    }

    /// One link's cells (or those cells without a link, `url` nil), drawn at their place.
    func span(_ link: Hyperlink, url: String?, in buffer: ScreenBuffer) -> String {
        guard link.y >= 0, link.y < buffer.height else { return "" }
        var out = Self.move(x: link.x, y: link.y)
        if let url, Hyperlink.isSafe(url) { out += "\u{1B}]8;;" + url + "\u{1B}\\" }
        var style: Style? = nil
        var x = link.x
        while x < min(link.x + link.width, buffer.width) {
            let cell = buffer[x, link.y]
            x += 1
            if cell.isContinuation { continue }
            if cell.style != style { out += sgr(cell.style); style = cell.style }
            // Cells hold only text TerminalSafe let through.
            out += cell.glyph.text
            if cell.glyph.padding > 0 { out += String(repeating: " ", count: cell.glyph.padding) }
        }
        if url != nil { out += "\u{1B}]8;;\u{1B}\\" }
        return out
    }

    static func move(x: Int, y: Int) -> String { "\u{1B}[\(y + 1);\(x + 1)H" }

    /// The SGR sequence of a style, from the normal state.
    func sgr(_ style: Style) -> String {
        var codes = ["0"]
        let a = style.attributes
        if a.contains(.bold) { codes.append("1") }
        if a.contains(.dim) { codes.append("2") }
        if a.contains(.italic) { codes.append("3") }
        if a.contains(.underline) { codes.append("4") }
        if a.contains(.reverse) { codes.append("7") }
        if useColor {
            codes += color(style.foreground, base: 30)
            codes += color(style.background, base: 40)
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// As the backend maps colours to the terminal's: the palette where it has the entry, the nearest
    /// entry or eight colours otherwise, 24 bits where the terminal takes them.
    private func color(_ c: Color, base: Int) -> [String] {
        func indexed(_ i: Int) -> [String] {
            if i < 8 { return [String(base + i)] }
            if i < 16 && colors >= 16 { return [String(base + 60 + i - 8)] }
            if colors >= 256 || directColor { return [String(base + 8), "5", String(i)] }
            return [String(base + i % 8)]
        }
        switch c {
        case .default: return []
        case .indexed(let i): return indexed(Int(i))
        case .rgb(let r, let g, let b):
            if directColor { return [String(base + 8), "2", String(r), String(g), String(b)] }
            if colors >= 256 { return indexed(Int(Color.nearestIndexed(r, g, b))) }
            return [String(base + ((r > 127 ? 1 : 0) | (g > 127 ? 2 : 0) | (b > 127 ? 4 : 0)))]
        }
    }
}
