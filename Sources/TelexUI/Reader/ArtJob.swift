import TelexImages

/// A picture to draw as character art at a size (`IOEffect.drawArt`), and what identifies the result.
public struct ArtJob: Hashable, Sendable {
    public var url: String
    public var image: RGBAImage
    public var columns: Int
    public var rows: Int
    public var colors: SymbolArt.Colors

    public init(url: String, image: RGBAImage, columns: Int, rows: Int, colors: SymbolArt.Colors) {
        self.url = url; self.image = image; self.columns = columns; self.rows = rows; self.colors = colors
    }

    /// The art, drawn (by the runner, off the terminal thread).
    public func draw() -> DrawnArt {
        DrawnArt(url: url, colors: colors, art: SymbolArt.render(image, columns: columns, rows: rows, colors: colors))
    }

    public static func == (a: ArtJob, b: ArtJob) -> Bool {
        a.url == b.url && a.columns == b.columns && a.rows == b.rows && a.colors == b.colors
            && a.image.width == b.image.width && a.image.height == b.image.height
    }
    public func hash(into h: inout Hasher) { h.combine(url); h.combine(columns); h.combine(rows) }
}

/// A picture drawn as character art (`Action.artDrawn`).
public struct DrawnArt: Hashable, Sendable {
    public var url: String
    public var colors: SymbolArt.Colors
    public var art: SymbolArt
    public init(url: String, colors: SymbolArt.Colors, art: SymbolArt) { self.url = url; self.colors = colors; self.art = art }
}
