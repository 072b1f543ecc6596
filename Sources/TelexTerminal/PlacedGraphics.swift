import TelexScreen

/// Sixel and iTerm2 pictures: pixels written at a cell, between frames (`CursesBackend.draw`).
///
/// The cursor is saved (DECSC), moved to the picture's top-left cell, the picture written, and the
/// cursor restored (DECRC), so curses' idea of the cursor holds. A sixel is libchafa's DCS, sent only if
/// it is `ESC P`, printable ASCII, `ESC \`; an iTerm2 picture is its PNG in base64 (OSC 1337), sized in
/// cells with its aspect kept.
public enum PlacedGraphics {
    static let maxBytes = 8 << 20

    public static func draw(_ image: TerminalImage) -> [UInt8] {
        guard image.x >= 0, image.y >= 0, image.columns > 0, image.rows > 0, !image.data.isEmpty, image.data.count <= maxBytes else { return [] }
        let payload: [UInt8]
        switch image.kind {
        case .kitty: return []
        case .sixel:
            guard isSafeSixel(image.data) else { return [] }
            payload = image.data
        case .iterm:
            payload = Array("\u{1B}]1337;File=inline=1;size=\(image.data.count);width=\(image.columns);height=\(image.rows);preserveAspectRatio=1:".utf8)
                + Base64.encode(image.data) + [0x07]
        }
        return Array("\u{1B}7\u{1B}[\(image.y + 1);\(image.x + 1)H".utf8) + payload + Array("\u{1B}8".utf8)
    }

    /// `ESC P`, then only printable ASCII (sixel data, its parameters and colour definitions), then `ESC \`.
    static func isSafeSixel(_ d: [UInt8]) -> Bool {
        guard d.count >= 5, d[0] == 0x1B, d[1] == UInt8(ascii: "P"), d[d.count - 2] == 0x1B, d[d.count - 1] == UInt8(ascii: "\\") else { return false }
        return d[2..<(d.count - 2)].allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// True when every cell under the picture is a blank of the terminal's default background: nothing
    /// (an overlay, a prompt) was drawn where it stands, so drawing it hides nothing.
    public static func isUncovered(_ image: TerminalImage, in buffer: ScreenBuffer) -> Bool {
        guard image.x >= 0, image.y >= 0, image.x + image.columns <= buffer.width, image.y + image.rows <= buffer.height else { return false }
        for y in image.y..<(image.y + image.rows) {
            for x in image.x..<(image.x + image.columns) {
                let c = buffer[x, y]
                if c.glyph.text != " " || c.style.background != .default || c.style.attributes.contains(.reverse) { return false }
            }
        }
        return true
    }

    /// Whether a run of redrawn cells touches the picture (its pixels there are gone: draw it again).
    static func touches(_ run: CellRun, _ image: TerminalImage) -> Bool {
        run.y >= image.y && run.y < image.y + image.rows && run.x < image.x + image.columns && run.x + run.cells.count > image.x
    }
}
