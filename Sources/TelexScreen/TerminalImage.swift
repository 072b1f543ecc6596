/// A picture the terminal itself draws, named by the frame that shows it.
///
/// kitty graphics: the cells where it stands are ordinary cells of the buffer holding `KittyPlaceholder`
/// glyphs, so the picture scrolls, is covered by overlays and disappears with its cells like text. The
/// backend sends the picture's data before the frame whose cells show it, and deletes it from the
/// terminal once a frame no longer lists it (scrolled off, another view, suspended, quit).
///
/// Sixel and iTerm2: pixels written at a cell (`x`, `y`) over blank cells of the buffer, only while the
/// whole picture is on screen and nothing covers it. The backend writes it after the frame's cells, again
/// whenever a cell under it was redrawn, and has curses redraw the lines it stood on once it moves or goes.
public struct TerminalImage: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case kitty, sixel, iterm
    }
    public var kind: Kind
    /// kitty: the number the placeholder cells carry in their foreground colour (16...255: see `KittyPlaceholder`).
    public var id: UInt8
    /// What the picture is (its URL): a new key under the same id sends the data again.
    public var key: String
    /// Sixel and iTerm2: the top-left cell.
    public var x: Int
    public var y: Int
    /// The size of the placement in cells.
    public var columns: Int
    public var rows: Int
    /// kitty and iTerm2: the picture as PNG (sent base64-encoded, so no byte of it reaches the terminal as
    /// is); sixel: the DCS libchafa wrote (checked to be printable ASCII between `ESC P` and `ESC \`).
    public var data: [UInt8]

    public init(id: UInt8, key: String, columns: Int, rows: Int, data: [UInt8]) {
        self.kind = .kitty; self.id = id; self.key = key; self.x = 0; self.y = 0; self.columns = columns; self.rows = rows; self.data = data
    }

    /// A sixel or iTerm2 picture at cell (`x`, `y`).
    public init(kind: Kind, key: String, x: Int, y: Int, columns: Int, rows: Int, data: [UInt8]) {
        self.kind = kind; self.id = 0; self.key = key; self.x = x; self.y = y; self.columns = columns; self.rows = rows; self.data = data
    }

    /// Largest picture sent to a terminal (the cache keeps pictures of at most 480 pixels a side: far smaller).
    public static let maxPNGBytes = 4 << 20

    public static func == (a: TerminalImage, b: TerminalImage) -> Bool {
        // The data follows from the key and size; comparing megabytes at every frame would be waste.
        a.kind == b.kind && a.id == b.id && a.key == b.key && a.x == b.x && a.y == b.y && a.columns == b.columns && a.rows == b.rows
            && a.data.count == b.data.count
    }
    public func hash(into h: inout Hasher) { h.combine(id); h.combine(key); h.combine(x); h.combine(y); h.combine(columns); h.combine(rows) }
}

/// The cells of a kitty Unicode placeholder: U+10EEEE with a diacritic for the row and one for the
/// column of the picture it shows, in the foreground colour that names the picture (kitty's
/// graphics protocol, "Unicode placeholders"). One column wide; ncurses keeps the two combining marks
/// with the base character (glibc's `wcwidth` is 1 for U+10EEEE and 0 for the marks).
public enum KittyPlaceholder {
    public static let base: Unicode.Scalar = "\u{10EEEE}"

    /// Image ids telex uses: the colour index is the id, and 16 and up are sent as an index
    /// (or, on a direct-colour terminal, as the 24-bit number) never as one of the 16 theme colours.
    public static let firstID: UInt8 = 16

    /// The row and column a placeholder can name: the protocol's table of diacritics.
    public static var maxIndex: Int { diacritics.count }

    /// The glyph of the cell at (`row`, `column`) of a picture, nil past the table.
    public static func glyph(row: Int, column: Int) -> Glyph? {
        guard diacritics.indices.contains(row), diacritics.indices.contains(column),
              let r = Unicode.Scalar(diacritics[row]), let c = Unicode.Scalar(diacritics[column]) else { return nil }
        var s = String.UnicodeScalarView()
        s.append(base); s.append(r); s.append(c)
        return Glyph(text: String(s), width: 1, padding: 0)
    }

    /// The style of a placeholder cell of picture `id`.
    public static func style(id: UInt8) -> Style { Style(foreground: .indexed(id)) }

    /// True for a cell that is part of a picture (the backend sends its colour as the bare id).
    public static func isPlaceholder(_ glyph: Glyph) -> Bool { glyph.text.unicodeScalars.first == base }

    /// kitty's `rowcolumn-diacritics.txt`: the combining marks of class 230 in Unicode 6.0 without a
    /// decomposition, minus those normalisation may fuse; the n-th stands for row or column n.
    static let diacritics: [UInt32] = {
        let ranges: [ClosedRange<UInt32>] = [
            0x0305...0x0305, 0x030D...0x030E, 0x0310...0x0310, 0x0312...0x0312, 0x033D...0x033F, 0x0346...0x0346,
            0x034A...0x034C, 0x0350...0x0352, 0x0357...0x0357, 0x035B...0x035B, 0x0363...0x036F, 0x0483...0x0487,
            0x0592...0x0595, 0x0597...0x0599, 0x059C...0x05A1, 0x05A8...0x05A9, 0x05AB...0x05AC, 0x05AF...0x05AF,
            0x05C4...0x05C4, 0x0610...0x0617, 0x0657...0x065B, 0x065D...0x065E, 0x06D6...0x06DC, 0x06DF...0x06E2,
            0x06E4...0x06E4, 0x06E7...0x06E8, 0x06EB...0x06EC, 0x0730...0x0730, 0x0732...0x0733, 0x0735...0x0736,
            0x073A...0x073A, 0x073D...0x073D, 0x073F...0x0741, 0x0743...0x0743, 0x0745...0x0745, 0x0747...0x0747,
            0x0749...0x074A, 0x07EB...0x07F1, 0x07F3...0x07F3, 0x0816...0x0819, 0x081B...0x0823, 0x0825...0x0827,
            0x0829...0x082D, 0x0951...0x0951, 0x0953...0x0954, 0x0F82...0x0F83, 0x0F86...0x0F87, 0x135D...0x135F,
            0x17DD...0x17DD, 0x193A...0x193A, 0x1A17...0x1A17, 0x1A75...0x1A7C, 0x1B6B...0x1B6B, 0x1B6D...0x1B73,
            0x1CD0...0x1CD2, 0x1CDA...0x1CDB, 0x1CE0...0x1CE0, 0x1DC0...0x1DC1, 0x1DC3...0x1DC9, 0x1DCB...0x1DCC,
            0x1DD1...0x1DE6, 0x1DFE...0x1DFE, 0x20D0...0x20D1, 0x20D4...0x20D7, 0x20DB...0x20DC, 0x20E1...0x20E1,
            0x20E7...0x20E7, 0x20E9...0x20E9, 0x20F0...0x20F0, 0x2CEF...0x2CF1, 0x2DE0...0x2DFF, 0xA66F...0xA66F,
            0xA67C...0xA67D, 0xA6F0...0xA6F1, 0xA8E0...0xA8F1, 0xAAB0...0xAAB0, 0xAAB2...0xAAB3, 0xAAB7...0xAAB8,
            0xAABE...0xAABF, 0xAAC1...0xAAC1, 0xFE20...0xFE26, 0x10A0F...0x10A0F, 0x10A38...0x10A38,
            0x1D185...0x1D189, 0x1D1AA...0x1D1AD, 0x1D242...0x1D244,
        ]
        return ranges.flatMap { Array($0) }
    }()
}
