import TelexArticles
import TelexScreen

/// `L` (the page's links) and `H` (the history) drawn as a box over the reading view.
enum ReaderOverlays {
    static func render(_ overlay: ReaderOverlay, _ reader: ReaderState, theme: Theme, into buffer: inout ScreenBuffer) {
        let title: String
        var rows: [String] = []
        var highlighted: Int?
        var first = 0
        let width = min(buffer.width - 2, max(40, min(100, buffer.width - 8)))
        let height = min(buffer.height - 2, 24)
        guard width > 10, height > 3 else { return }
        let visible = height - 2
        switch overlay {
        case .links(let selected):
            title = " Links (Enter follows, Esc closes)"
            let digits = String(reader.layout.links.count).count
            for link in reader.layout.links {
                let n = String(link.number)
                let text = link.text.isEmpty ? link.url : link.text
                let kind = link.item != nil ? " (also covered by)" : link.isRelated ? " (related)" : ""
                rows.append(String(repeating: " ", count: digits - n.count) + "[\(n)] " + text + kind + (link.item != nil ? "" : " — " + link.url))
            }
            highlighted = selected
            first = max(0, min(selected - visible / 2, rows.count - visible))
        case .history(let scroll):
            title = " History (Esc closes)"
            let (pages, current) = reader.historyList
            for (i, page) in pages.enumerated() { rows.append((i == current ? "▸ " : "  ") + page.title) }
            highlighted = current
            first = max(0, min(scroll, rows.count - visible))
        }
        let rect = Rect(x: (buffer.width - width) / 2, y: max(1, (buffer.height - height) / 2), width: width, height: height)
        buffer.fill(rect, style: theme.status)
        buffer.put(TextFitting.fit(title, to: width), x: rect.x, y: rect.y, style: theme.title, maxX: rect.maxX)
        for (i, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            let index = first + i
            let style = index == highlighted ? theme.selection : theme.status
            let text = TextFitting.fit(" " + TerminalSafe.clean(row), to: width - 1)
            buffer.put(text, x: rect.x, y: rect.y + 1 + i, style: style, maxX: rect.maxX - 1)
        }
        let footer = rows.count > visible ? " \(min(first + visible, rows.count))/\(rows.count)" : ""
        buffer.put(footer, x: rect.x, y: rect.maxY - 1, style: theme.status, maxX: rect.maxX)
    }
}
