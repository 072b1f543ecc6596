import TelexScreen

/// Renders the whole state into a fresh buffer: the pure view function of the front end.
public enum RootView {
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        guard state.width > 0, state.height > 0 else { return buffer }
        let theme = Theme.make(color: state.useColor)
        if let reader = state.reader {
            ReaderView.render(state, reader, into: &buffer)
            if state.showHelp { HelpOverlay.render(state, theme: theme, into: &buffer) }
            return buffer
        }
        let layout = ScreenLayout(width: state.width, height: state.height, focus: state.focus)
        buffer.fill(layout.title, style: theme.title)
        buffer.put(" telex", x: 0, y: layout.title.y, style: theme.title, maxX: layout.title.maxX)
        if let r = layout.sections {
            let hasNeighbour = layout.headlines != nil || layout.preview != nil
            // A separator column on the pane's right edge, outside the list's own width.
            let list = hasNeighbour ? Rect(x: r.x, y: r.y, width: r.width - 1, height: r.height) : r
            SectionsView.render(state, in: list, theme: theme, into: &buffer)
            if hasNeighbour { for y in r.y..<r.maxY { buffer.put("│", x: r.maxX - 1, y: y, style: theme.border) } }
        }
        StatusLine.render(state, in: layout.status, theme: theme, into: &buffer)
        if state.showHelp { HelpOverlay.render(state, theme: theme, into: &buffer) }
        return buffer
    }
}
