import TelexImages
import TelexModel

/// How the reading view draws pictures: settings `images` and `image_height`, `I`, and `NO_COLOR`.
public struct PictureOptions: Hashable, Sendable {
    /// Pictures are drawn (false: captions and alternative text only).
    public var shown: Bool
    /// The tallest a picture is drawn, in percent of the screen's height.
    public var heightPercent: Int
    /// Colours of the character art (monochrome under `NO_COLOR` or `color: false`).
    public var colors: SymbolArt.Colors

    public init(shown: Bool = true, heightPercent: Int = 50, colors: SymbolArt.Colors = .indexed) {
        self.shown = shown; self.heightPercent = min(max(heightPercent, 10), 100); self.colors = colors
    }

    /// The options feeds.json's settings give. Every mode but `off` draws character art: the graphics
    /// protocols (kitty, sixel, iTerm2) are not drawn yet, so they fall back to it.
    public init(mode: ImagesMode, heightPercent: Int, useColor: Bool) {
        self.init(shown: mode != .off, heightPercent: heightPercent, colors: useColor ? .indexed : .monochrome)
    }

    /// The cells a picture takes in a column `columns` wide on a screen `screenHeight` rows tall.
    func size(of image: RGBAImage, columns: Int, screenHeight: Int) -> (columns: Int, rows: Int) {
        SymbolArt.size(of: image, maxColumns: columns, maxRows: max(1, screenHeight * heightPercent / 100))
    }
}
