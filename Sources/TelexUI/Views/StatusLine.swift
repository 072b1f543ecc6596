import TelexModel
import TelexScreen

/// The bottom row: where the user is, fetch progress, and the last message or error.
enum StatusLine {
    static func render(_ state: AppState, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: theme.status)
        var left = ""
        if let row = state.selectedSectionRow {
            switch row {
            case .section(let s, _): left = s.name
            case .feed(let f, _): left = f.title
            case .all: left = "All"
            case .unread: left = "Unread"
            case .saved: left = "Saved"
            }
        }
        let rows = state.sectionRows.count
        left += "  \(min(state.sectionsViewport.selected + 1, rows))/\(rows)"
        var right = "?:help q:quit"
        if state.fetch.running {
            right = "fetching \(state.fetch.feedsDone)/\(state.fetch.feedsTotal)  " + right
        }
        if let m = state.message { left = m }
        let rightWidth = DisplayWidth.of(right)
        buffer.put(" " + TerminalSafe.clean(left), x: rect.x, y: rect.y, style: theme.status, maxX: max(rect.x, rect.maxX - rightWidth - 1))
        if rect.width > rightWidth + 10 {
            buffer.put(right, x: rect.maxX - rightWidth - 1, y: rect.y, style: theme.status, maxX: rect.maxX)
        }
    }
}
