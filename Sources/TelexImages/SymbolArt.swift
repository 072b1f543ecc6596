import CImageCodecs
import TelexScreen

/// A picture drawn as character art (libchafa): rows of ordinary cells, so it goes through the
/// screen buffer, scrolls, diffs and snapshots like text.
public struct SymbolArt: Sendable, Hashable {
    public enum Colors: Sendable, Hashable {
        /// Shapes in the terminal's own colours (`NO_COLOR`).
        case monochrome
        /// Indexed colours 16-255 (the 16 theme colours are left alone).
        case indexed
    }

    public var rows: [[Cell]]
    public var columns: Int

    /// Cells of a terminal are about twice as tall as wide: the size in cells that keeps `image`'s
    /// aspect within `maxColumns` × `maxRows` (at least 1 × 1).
    public static func size(of image: RGBAImage, maxColumns: Int, maxRows: Int) -> (columns: Int, rows: Int) {
        let maxC = max(1, maxColumns), maxR = max(1, maxRows)
        // A picture narrower than the box is not blown up past one column a pixel.
        var columns = min(maxC, image.width)
        // Rows a picture `columns` wide needs: height / width × columns / 2.
        var rows = Int((Double(image.height) / Double(image.width) * Double(columns) / 2).rounded())
        if rows > maxR {
            rows = maxR
            columns = Int((Double(image.width) / Double(image.height) * Double(rows) * 2).rounded())
        }
        return (max(1, min(columns, maxC)), max(1, min(rows, maxR)))
    }

    /// `image` drawn as `columns` × `rows` cells.
    public static func render(_ image: RGBAImage, columns: Int, rows: Int, colors: Colors) -> SymbolArt {
        let c = max(1, min(columns, 4096)), r = max(1, min(rows, 4096))
        var cells = [telex_art_cell](repeating: telex_art_cell(), count: c * r)
        let status = image.pixels.withUnsafeBufferPointer { px in
            cells.withUnsafeMutableBufferPointer {
                telex_image_symbols(px.baseAddress, UInt32(image.width), UInt32(image.height), UInt32(c), UInt32(r),
                                    colors == .monochrome ? TELEX_ART_MONOCHROME : TELEX_ART_INDEXED_240, $0.baseAddress)
            }
        }
        var out: [[Cell]] = []
        out.reserveCapacity(r)
        for y in 0..<r {
            var row: [Cell] = []
            row.reserveCapacity(c)
            for x in 0..<c {
                let cell = cells[y * c + x]
                row.append(status == 0 ? Self.cell(cell) : .blank)
            }
            out.append(row)
        }
        return SymbolArt(rows: out, columns: c)
    }

    static func cell(_ art: telex_art_cell) -> Cell {
        // Only one-column glyphs: anything else (never expected from the symbol map) becomes a space.
        var glyph = Cell.blank.glyph
        if let scalar = Unicode.Scalar(art.codepoint) {
            let g = Glyph(Character(scalar))
            if g.width == 1, g.padding == 0, g != .replacement { glyph = g }
        }
        let fg: Color = art.foreground >= 0 ? .indexed(UInt8(art.foreground)) : .default
        let bg: Color = art.background >= 0 ? .indexed(UInt8(art.background)) : .default
        return Cell(glyph: glyph, style: Style(foreground: fg, background: bg))
    }
}

/// A picture as a sixel image (libchafa) filling `columns` × `rows` cells of `cellWidth` × `cellHeight`
/// pixels, its aspect kept: the DCS to write at the picture's top-left cell; nil when libchafa fails.
public enum SixelArt {
    public static func render(_ image: RGBAImage, columns: Int, rows: Int, cellWidth: Int, cellHeight: Int) -> [UInt8]? {
        guard (1...1000).contains(columns), (1...1000).contains(rows), (1...100).contains(cellWidth), (1...200).contains(cellHeight) else { return nil }
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = image.pixels.withUnsafeBufferPointer {
            telex_image_sixel($0.baseAddress, UInt32(image.width), UInt32(image.height), UInt32(columns), UInt32(rows),
                              UInt32(cellWidth), UInt32(cellHeight), &out, &length)
        }
        guard status == 0, let out else { return nil }
        defer { telex_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }
}
