import TelexScreen

/// Renders the whole state into a fresh buffer: the pure view function of the front end.
public enum RootView {
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        guard state.width > 0, state.height > 0 else { return buffer }
        let theme = state.theme
        if let reader = state.reader {
            ReaderView.render(state, reader, into: &buffer)
            if state.showHelp { HelpOverlay.render(state, theme: theme, into: &buffer) }
            return buffer
        }
        let layout = state.layout
        buffer.fill(layout.title, style: theme.title)
        buffer.put(" telex", x: 0, y: layout.title.y, style: theme.title, maxX: layout.title.maxX)
        // A pane with another to its right gets a separator column on its right edge (stacked panes share a column).
        for pane in Pane.allCases {
            guard let r = layout.rect(for: pane), let inner = layout.contentRect(for: pane) else { continue }
            let hasNeighbour = inner.width < r.width
            switch pane {
            case .sections: SectionsView.render(state, in: inner, theme: theme, into: &buffer)
            case .headlines: HeadlinesView.render(state, in: inner, theme: theme, into: &buffer)
            case .preview: PreviewView.render(state, in: inner, theme: theme, into: &buffer)
            }
            if hasNeighbour { for y in r.y..<r.maxY { buffer.put("│", x: r.maxX - 1, y: y, style: theme.border) } }
        }
        StatusLine.render(state, in: layout.status, theme: theme, into: &buffer)
        SubscriptionOverlayView.render(state, theme: theme, into: &buffer)
        if state.showHelp { HelpOverlay.render(state, theme: theme, into: &buffer) }
        return buffer
    }
}
