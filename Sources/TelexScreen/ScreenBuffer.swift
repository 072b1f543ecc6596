/// A grid of cells that views render into; the backend draws the difference between two buffers.
public struct ScreenBuffer: Hashable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should rest (nil: hidden).
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0
    /// Cells that are links to URLs (OSC 8), for a backend that writes hyperlinks; empty unless the
    /// reader turned them on. Only `Hyperlink.isSafe` URLs are kept.
    public private(set) var hyperlinks: [Hyperlink] = []

    public init(width: Int, height: Int) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills a rectangle with blanks of a style.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                self[x, y] = Cell(glyph: Cell.blank.glyph, style: style)
            }
        }
    }

    /// Writes text from (x, y), clipped to `maxX` (default: the buffer's width). Wide glyphs that
    /// would straddle the clip edge are replaced by spaces. Returns the column after the text.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxX: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(maxX ?? width, width)
        var col = x
        for cluster in text {
            if col >= limit { break }
            let glyph = Glyph(cluster)
            if glyph.width == 0 { continue }
            if col + glyph.width > limit {
                while col < limit { if col >= 0 { self[col, y] = Cell(glyph: Cell.blank.glyph, style: style) }; col += 1 }
                break
            }
            if col >= 0 { place(glyph, x: col, y: y, style: style) }
            col += glyph.width
        }
        return col
    }

    /// Places one glyph, clearing any wide glyph it overwrites half of.
    public mutating func place(_ glyph: Glyph, x: Int, y: Int, style: Style) {
        guard y >= 0, y < height, x >= 0, x + glyph.width <= width else { return }
        // Overwriting the right half of a wide glyph: blank its left half.
        if self[x, y].isContinuation {
            var lx = x - 1
            while lx >= 0 && self[lx, y].isContinuation { lx -= 1 }
            if lx >= 0 { self[lx, y] = Cell(glyph: Cell.blank.glyph, style: self[lx, y].style) }
        }
        // Overwriting the left half of a wide glyph: blank its continuation cells.
        let end = x + glyph.width
        var rx = end
        while rx < width && self[rx, y].isContinuation {
            self[rx, y] = Cell(glyph: Cell.blank.glyph, style: self[rx, y].style); rx += 1
        }
        self[x, y] = Cell(glyph: glyph, style: style)
        if glyph.width > 1 { for c in (x + 1)..<end { self[c, y] = .continuation(style) } }
    }

    /// Marks cells of row `y` from `x` to `maxX` as a link to `url`, clipped to the buffer; an unsafe
    /// URL (`Hyperlink.isSafe`) is not recorded, so it never reaches the terminal.
    public mutating func addHyperlink(_ url: String, x: Int, y: Int, maxX: Int) {
        let from = max(0, x), to = min(maxX, width)
        guard y >= 0, y < height, from < to, Hyperlink.isSafe(url) else { return }
        // A span continuing the previous one (a link drawn in pieces) extends it.
        if let last = hyperlinks.last, last.y == y, last.x + last.width == from, last.url == url {
            hyperlinks[hyperlinks.count - 1].width += to - from
        } else {
            hyperlinks.append(Hyperlink(x: from, y: y, width: to - from, url: url))
        }
    }

    /// Applies a style over a rectangle, keeping the glyphs.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { self[x, y].style = transform(self[x, y].style) }
        }
    }

    /// The text of one row, as a test or `capture-pane` would read it (padding included).
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width {
            let c = self[x, y]
            if c.isContinuation { continue }
            s += c.glyph.text
            if c.glyph.padding > 0 { s += String(repeating: " ", count: c.glyph.padding) }
        }
        return s
    }

    /// All rows as text, trailing spaces trimmed: handy for snapshot tests.
    public var lines: [String] {
        (0..<height).map { y in
            var l = line(y)
            while l.last == " " { l.removeLast() }
            return l
        }
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursorX == b.cursorX && a.cursorY == b.cursorY
            && a.hyperlinks == b.hyperlinks
    }
    public func hash(into h: inout Hasher) { h.combine(width); h.combine(height); h.combine(cells) }
}
