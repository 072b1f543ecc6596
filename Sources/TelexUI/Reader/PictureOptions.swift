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
    }

    public init(shown: Bool = true, heightPercent: Int = 50, colors: SymbolArt.Colors = .indexed, drawing: Drawing = .symbols) {
        self.shown = shown; self.heightPercent = min(max(heightPercent, 10), 100); self.colors = colors; self.drawing = drawing
    }

    /// The options feeds.json's settings give, on a terminal that said it speaks `terminal`
    /// (`TerminalGraphicsProbe`). kitty graphics when the setting is `kitty`, or `auto` and the terminal
    /// answered kitty's query; character art otherwise: `sixel` and `iterm` are not drawn yet and fall
    /// back to it, and so does kitty without colours (its cells name their picture by colour).
    public init(mode: ImagesMode, heightPercent: Int, useColor: Bool, terminal: TerminalGraphics = []) {
        let kitty = useColor && (mode == .kitty || (mode == .auto && terminal.contains(.kitty)))
        self.init(shown: mode != .off, heightPercent: heightPercent, colors: useColor ? .indexed : .monochrome,
                  drawing: kitty ? .kitty : .symbols)
    }

    /// The cells a picture takes in a column `columns` wide on a screen `screenHeight` rows tall.
    func size(of image: RGBAImage, columns: Int, screenHeight: Int) -> (columns: Int, rows: Int) {
        SymbolArt.size(of: image, maxColumns: columns, maxRows: max(1, screenHeight * heightPercent / 100))
    }
}
