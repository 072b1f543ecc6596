import TelexImages
import TelexModel
import TelexScreen

/// How the reading view draws pictures: settings `images` and `image_height`, `I`, and `NO_COLOR`.
public struct PictureOptions: Hashable, Sendable {
    /// Pictures are drawn (false: captions and alternative text only).
    public var shown: Bool
    /// The tallest a picture is drawn, in percent of the screen's height.
    public var heightPercent: Int
    /// Colours of the character art (monochrome under `NO_COLOR` or `color: false`).
    public var colors: SymbolArt.Colors
    /// Who draws them: telex, as character art in cells, or the terminal (kitty graphics).
    public var drawing: Drawing

    public enum Drawing: Hashable, Sendable {
        /// Character art (libchafa) in ordinary cells: every terminal.
        case symbols
        /// The terminal draws the picture (kitty's graphics protocol) where placeholder cells stand.
        case kitty
        /// Sixel or iTerm2 pictures written over blank cells while the whole picture is on screen
        /// (character art while it is partly scrolled off or covered).
        case sixel, iterm
    }
    /// A cell's size in pixels (sixel pictures are drawn to it): what the terminal reports, else 10 × 20.
    public var cellWidth = 10, cellHeight = 20

    public init(shown: Bool = true, heightPercent: Int = 50, colors: SymbolArt.Colors = .indexed, drawing: Drawing = .symbols) {
        self.shown = shown; self.heightPercent = min(max(heightPercent, 10), 100); self.colors = colors; self.drawing = drawing
    }

    /// The options feeds.json's settings give, on a terminal that said it speaks `terminal`
    /// (`TerminalGraphicsProbe`). `auto` takes the best the terminal answered: kitty, then iTerm2, then
    /// sixel, else character art; a protocol named in the setting is used unasked. kitty needs colours
    /// (its cells name their picture by colour): without them, character art.
    public init(mode: ImagesMode, heightPercent: Int, useColor: Bool, terminal: TerminalGraphics = [],
                cellPixels: (width: Int, height: Int)? = nil) {
        var drawing = Drawing.symbols
        switch mode {
        case .kitty: drawing = useColor ? .kitty : .symbols
        case .sixel: drawing = .sixel
        case .iterm: drawing = .iterm
        case .auto:
            if terminal.contains(.kitty) && useColor { drawing = .kitty }
            else if terminal.contains(.iterm) { drawing = .iterm }
            else if terminal.contains(.sixel) { drawing = .sixel }
        case .symbols, .off: break
        }
        self.init(shown: mode != .off, heightPercent: heightPercent, colors: useColor ? .indexed : .monochrome, drawing: drawing)
        if let c = cellPixels, (1...100).contains(c.width), (1...200).contains(c.height) { cellWidth = c.width; cellHeight = c.height }
    }

    /// The cells a picture takes in a column `columns` wide on a screen `screenHeight` rows tall.
    func size(of image: RGBAImage, columns: Int, screenHeight: Int) -> (columns: Int, rows: Int) {
        SymbolArt.size(of: image, maxColumns: columns, maxRows: max(1, screenHeight * heightPercent / 100))
    }
}
