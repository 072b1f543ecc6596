import TelexScreen

/// How the headlines and the preview share the screen (`v` cycles through them).
public enum PreviewSplit: String, Hashable, Sendable, CaseIterable {
    /// Three panes on wide terminals; on medium ones the headlines, or the preview when it has the focus.
    case auto
    /// The headlines and the preview side by side, at any width that leaves each 30 columns (else stacked).
    case sideBySide
    /// The headlines above the preview.
    case stacked
}

/// Where each pane goes for a terminal size: three panes on wide terminals, two on medium ones,
/// one at a time on narrow ones, always with a title row and a status line. `split` puts the
/// headlines and the preview on screen together at any width; `sectionsHidden` gives the sections
/// pane's columns to the others (it shows again while it has the focus).
public struct ScreenLayout: Hashable, Sendable {
    public var title: Rect
    public var sections: Rect?
    public var headlines: Rect?
    public var preview: Rect?
    public var status: Rect

    public static let wideThreshold = 120
    public static let mediumThreshold = 80
    /// Narrowest headlines or preview pane placed side by side.
    public static let minimumSideBySide = 30

    public init(width: Int, height: Int, focus: Pane, split: PreviewSplit = .auto, sectionsHidden: Bool = false) {
        let full = Rect(x: 0, y: 0, width: width, height: height)
        let (titleRow, rest) = full.splitTop(1)
        let body = Rect(x: 0, y: rest.y, width: width, height: max(0, rest.height - 1))
        title = titleRow
        status = Rect(x: 0, y: max(0, height - 1), width: width, height: height > 1 ? 1 : 0)
        sections = nil; headlines = nil; preview = nil
        let showSections = !sectionsHidden || focus == .sections
        if width < Self.mediumThreshold {
            // One pane at a time; with a split, the headlines and the preview stacked.
            if focus == .sections || split == .auto {
                switch focus {
                case .sections: sections = body
                case .headlines: headlines = body
                case .preview: preview = body
                }
            } else {
                (headlines, preview) = Self.stack(body)
            }
            return
        }
        var r = body
        if showSections {
            let sw = width >= Self.wideThreshold ? min(32, width / 5 + 4) : min(28, width / 4 + 2)
            let (s, rest) = body.splitLeft(sw)
            sections = s
            r = rest
        }
        switch split {
        case .auto where width >= Self.wideThreshold, .sideBySide:
            // Titles get the larger share (the preview keeps a readable measure); side by side only
            // while both stay readable.
            let hw = (r.width * 11) / 20
            if hw >= Self.minimumSideBySide && r.width - hw >= Self.minimumSideBySide {
                let (h, p) = r.splitLeft(hw)
                headlines = h; preview = p
            } else {
                (headlines, preview) = Self.stack(r)
            }
        case .auto:
            if focus == .preview { preview = r } else { headlines = r }
        case .stacked:
            (headlines, preview) = Self.stack(r)
        }
    }

    /// The headlines above the preview: the headlines get two fifths of the rows (at least 3 and one
    /// row of the preview below).
    static func stack(_ r: Rect) -> (Rect, Rect) {
        let h = min(max(3, (r.height * 2) / 5), max(0, r.height - 2))
        let (top, bottom) = r.splitTop(h)
        return (top, bottom)
    }

    public func rect(for pane: Pane) -> Rect? {
        switch pane {
        case .sections: return sections
        case .headlines: return headlines
        case .preview: return preview
        }
    }

    /// Where a pane draws: its rectangle less the separator column on its right edge when another pane is to its
    /// right (stacked panes share a column). What the views draw into and what clicks are measured against.
    public func contentRect(for pane: Pane) -> Rect? {
        guard let r = rect(for: pane) else { return nil }
        let hasNeighbour = Pane.allCases.contains { rect(for: $0)?.x == r.maxX }
        return hasNeighbour ? Rect(x: r.x, y: r.y, width: r.width - 1, height: r.height) : r
    }

    /// The rows a list pane shows (its rectangle less the header row).
    public func listHeight(_ pane: Pane) -> Int { max(1, (rect(for: pane)?.height ?? 1) - 1) }
}
