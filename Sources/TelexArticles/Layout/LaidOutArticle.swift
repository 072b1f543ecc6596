import TelexModel

/// A document laid out for a given width: display lines and the link table.
public struct LaidOutArticle: Sendable, Hashable {
    public var lines: [DisplayLine]
    /// Links in reading order; `DisplaySpan.linkIndex` indexes this array.
    public var links: [LaidOutLink]
    /// Pictures drawn, in reading order (stops of the reader's cursor beside the links; not numbered).
    public var pictures: [LaidOutPicture]

    public init(lines: [DisplayLine] = [], links: [LaidOutLink] = [], pictures: [LaidOutPicture] = []) {
        self.lines = lines; self.links = links; self.pictures = pictures
    }
}

/// A picture of the laid-out document: its URL and the display lines its rows take.
public struct LaidOutPicture: Sendable, Hashable {
    public var url: String
    public var lines: ClosedRange<Int>
    public init(url: String, lines: ClosedRange<Int>) { self.url = url; self.lines = lines }
}

/// One display line: styled spans whose display widths sum to at most the layout width.
public struct DisplayLine: Sendable, Hashable {
    public var spans: [DisplaySpan]
    /// Set on the rows a picture takes (then `spans` is empty): the view draws that row of the picture.
    public var picture: PictureRow?
    public init(spans: [DisplaySpan] = [], picture: PictureRow? = nil) { self.spans = spans; self.picture = picture }
    /// The line's text without styles.
    public var text: String { spans.map(\.text).joined() }
}

/// The size in cells a picture is drawn at (the reader decides it from the picture and the screen).
public struct PictureSize: Sendable, Hashable {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) { self.columns = max(1, columns); self.rows = max(1, rows) }
}

/// One row of a picture in the layout: which picture (its URL), which of its rows, and its size in cells.
public struct PictureRow: Sendable, Hashable {
    public var url: String
    public var row: Int
    public var columns: Int
    public var rows: Int
    public init(url: String, row: Int, columns: Int, rows: Int = 1) {
        self.url = url; self.row = row; self.columns = columns; self.rows = rows
    }
}

/// A run of text with one role, possibly part of a link.
public struct DisplaySpan: Sendable, Hashable {
    public var text: String
    public var role: TextRole
    /// Index into `LaidOutArticle.links` when the span belongs to a link (its text or its number).
    public var linkIndex: Int?
    public init(text: String, role: TextRole, linkIndex: Int? = nil) { self.text = text; self.role = role; self.linkIndex = linkIndex }
}

/// What a span is, for the UI to map to a style.
public enum TextRole: Sendable, Hashable {
    case body, title, meta, heading(Int), quote, listMarker, caption, code, emphasis, strong, link, linkNumber, rule, tableBorder, note
}

/// A link of the laid-out document and where it appears.
public struct LaidOutLink: Sendable, Hashable {
    /// The number shown as `[n]` (1-based, reading order).
    public var number: Int
    /// The web address it leads to; empty for a link to an item of the cache (`item`).
    public var url: String
    public var text: String
    /// True for entries of the "Related" list at the end.
    public var isRelated: Bool
    /// Set for an entry of the "Also covered by" list: another outlet's story about the same event, an item of
    /// the cache that following the link opens (it has no web address here).
    public var item: ItemID?
    /// Where the link's spans are, line by line, in display columns.
    public var positions: [LinkPosition]

    public init(number: Int, url: String, text: String, isRelated: Bool, item: ItemID? = nil, positions: [LinkPosition] = []) {
        self.number = number; self.url = url; self.text = text; self.isRelated = isRelated; self.item = item
        self.positions = positions
    }
}

/// A link's extent on one line: columns [startColumn, endColumn).
public struct LinkPosition: Sendable, Hashable {
    public var line: Int
    public var startColumn: Int
    public var endColumn: Int
    public init(line: Int, startColumn: Int, endColumn: Int) { self.line = line; self.startColumn = startColumn; self.endColumn = endColumn }
}
