import TelexScreen

/// Where each pane goes for a terminal size: three panes on wide terminals, two on medium ones,
/// one at a time on narrow ones, always with a title row and a status line.
public struct ScreenLayout: Hashable, Sendable {
    public var title: Rect
    public var sections: Rect?
    public var headlines: Rect?
    public var preview: Rect?
    public var status: Rect

    public static let wideThreshold = 120
    public static let mediumThreshold = 80

    public init(width: Int, height: Int, focus: Pane) {
        let full = Rect(x: 0, y: 0, width: width, height: height)
        let (titleRow, rest) = full.splitTop(1)
        let body = Rect(x: 0, y: rest.y, width: width, height: max(0, rest.height - 1))
        title = titleRow
        status = Rect(x: 0, y: max(0, height - 1), width: width, height: height > 1 ? 1 : 0)
        sections = nil; headlines = nil; preview = nil
        if width >= Self.wideThreshold {
            let sw = min(32, width / 5 + 4)
            let (s, r) = body.splitLeft(sw)
            let hw = (r.width * 11) / 20
            let (h, p) = r.splitLeft(hw)
            sections = s; headlines = h; preview = p
        } else if width >= Self.mediumThreshold {
            let sw = min(28, width / 4 + 2)
            let (s, r) = body.splitLeft(sw)
            sections = s
            if focus == .preview { preview = r } else { headlines = r }
        } else {
            switch focus {
            case .sections: sections = body
            case .headlines: headlines = body
            case .preview: preview = body
            }
        }
    }

    public func rect(for pane: Pane) -> Rect? {
        switch pane {
        case .sections: return sections
        case .headlines: return headlines
        case .preview: return preview
        }
    }

    /// The rows a list pane shows (its rectangle less the header row).
    public func listHeight(_ pane: Pane) -> Int { max(1, (rect(for: pane)?.height ?? 1) - 1) }
}
