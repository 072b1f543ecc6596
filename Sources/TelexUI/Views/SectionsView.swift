import TelexModel
import TelexScreen

/// The sections pane: configured sections (expandable to their feeds), then All, Unread, Saved, the saved queries.
enum SectionsView {
    static func render(_ state: AppState, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        let focused = state.focus == .sections
        buffer.put(TextFitting.fit(" Sections", to: rect.width), x: rect.x, y: rect.y,
                   style: focused ? theme.paneHeaderFocused : theme.paneHeader, maxX: rect.maxX)
        let rows = state.sectionRows
        let listHeight = rect.height - 1
        let vp = state.sectionsViewport
        if rows.isEmpty {
            buffer.put("No sections", x: rect.x + 1, y: rect.y + 1, style: theme.dim, maxX: rect.maxX)
            return
        }
        for i in 0..<listHeight {
            let index = vp.top + i
            guard rows.indices.contains(index) else { break }
            let y = rect.y + 1 + i
            let (label, count, style) = describe(rows[index], theme: theme)
            let countText = count.map { " \($0)" } ?? ""
            let countWidth = DisplayWidth.of(countText)
            let labelWidth = max(0, rect.width - countWidth - 1)
            let text = " " + TextFitting.fit(label, to: max(0, labelWidth)) + countText
            let rowStyle: Style
            if index == vp.selected { rowStyle = focused ? theme.selection : theme.selectionUnfocused } else { rowStyle = style }
            buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: index == vp.selected ? rowStyle : .plain)
            buffer.put(text, x: rect.x, y: y, style: rowStyle, maxX: rect.maxX)
        }
    }

    private static func describe(_ row: SectionRow, theme: Theme) -> (String, String?, Style) {
        switch row {
        case .section(let s, let expanded):
            let marker = s.feeds.isEmpty ? " " : (expanded ? "▾" : "▸")
            let failing = s.feeds.contains { $0.isFailing }
            return ("\(marker) \(TerminalSafe.clean(s.name))" + (failing ? " !" : ""), s.unread > 0 ? "\(s.unread)" : nil,
                    s.unread > 0 ? theme.unread : .plain)
        case .feed(let f, _):
            let mark = f.isFailing ? "!" : " "
            return ("   \(mark)\(TerminalSafe.clean(f.title))", f.unread > 0 ? "\(f.unread)" : nil,
                    f.isFailing ? theme.error : (f.unread > 0 ? theme.unread : theme.read))
        case .all(let n): return ("  All", n > 0 ? "\(n)" : nil, .plain)
        case .unread(let n): return ("  Unread", n > 0 ? "\(n)" : nil, .plain)
        case .saved(let n): return ("  Saved", n > 0 ? "\(n)" : nil, .plain)
        case .continueReading(let ids): return ("  Continue reading", "\(ids.count)", theme.count)
        case .query(let q):
            // "?" as a section's "!": the query cannot run here (the list says why).
            return ("  ? \(TerminalSafe.clean(q.name))" + (q.problem == nil ? "" : " !"), q.unread > 0 ? "\(q.unread)" : nil,
                    q.problem != nil ? theme.error : (q.unread > 0 ? theme.unread : .plain))
        case .search(let q, let n): return ("  / \(TerminalSafe.clean(q))", "\(n)", theme.count)
        }
    }
}
