import TelexImages

/// A picture to draw as character art at a size (`IOEffect.drawArt`), and what identifies the result.
public struct ArtJob: Hashable, Sendable {
    public var url: String
    public var image: RGBAImage
    public var columns: Int
    public var rows: Int
    public var colors: SymbolArt.Colors
    /// Set when the terminal takes sixel pictures: the cell's size in pixels (the sixel is drawn too).
    public var sixelCell: PixelSize?

    public init(url: String, image: RGBAImage, columns: Int, rows: Int, colors: SymbolArt.Colors, sixelCell: PixelSize? = nil) {
        self.url = url; self.image = image; self.columns = columns; self.rows = rows; self.colors = colors; self.sixelCell = sixelCell
    }

    /// The art, drawn (by the runner, off the terminal thread).
    public func draw() -> DrawnArt {
        var d = DrawnArt(url: url, colors: colors, art: SymbolArt.render(image, columns: columns, rows: rows, colors: colors))
        if let c = sixelCell { d.sixel = SixelArt.render(image, columns: columns, rows: rows, cellWidth: c.width, cellHeight: c.height) }
        return d
    }

    public static func == (a: ArtJob, b: ArtJob) -> Bool {
        a.url == b.url && a.columns == b.columns && a.rows == b.rows && a.colors == b.colors && a.sixelCell == b.sixelCell
            && a.image.width == b.image.width && a.image.height == b.image.height
    }
    public func hash(into h: inout Hasher) { h.combine(url); h.combine(columns); h.combine(rows) }
}

/// A picture drawn as character art (`Action.artDrawn`).
public struct DrawnArt: Hashable, Sendable {
    public var url: String
    public var colors: SymbolArt.Colors
    public var art: SymbolArt
    /// The sixel of the same picture and size, when asked for.
    public var sixel: [UInt8]?
    public init(url: String, colors: SymbolArt.Colors, art: SymbolArt, sixel: [UInt8]? = nil) {
        self.url = url; self.colors = colors; self.art = art; self.sixel = sixel
    }
}

/// A cell's size in pixels.
public struct PixelSize: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}
