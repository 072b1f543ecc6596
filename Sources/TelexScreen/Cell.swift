/// One column of the screen.
///
/// A wide glyph occupies its cell and `width - 1` continuation cells after it, which draw nothing.
public struct Cell: Hashable, Sendable {
    public var glyph: Glyph
    public var style: Style
    /// True for the columns covered by the wide glyph to the left.
    public var isContinuation: Bool

    public init(glyph: Glyph, style: Style = .plain, isContinuation: Bool = false) {
        self.glyph = glyph; self.style = style; self.isContinuation = isContinuation
    }

    public static let blank = Cell(glyph: Glyph(text: " ", width: 1, padding: 0))
    static func continuation(_ style: Style) -> Cell {
        Cell(glyph: Glyph(text: "", width: 0, padding: 0), style: style, isContinuation: true)
    }
}
