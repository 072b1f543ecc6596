import Foundation
import TelexArticles
import TelexModel
import TelexScreen

/// The preview pane: the highlighted article's title, source, byline, date and first paragraphs.
enum PreviewView {
    enum Role: Equatable { case title, meta, body, note, picture(Int) }
    struct Line { var text: String; var role: Role }

    static func render(_ state: AppState, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        let focused = state.focus == .preview
        let header = " Preview"
        buffer.put(TextFitting.fit(header, to: rect.width), x: rect.x, y: rect.y,
                   style: focused ? theme.paneHeaderFocused : theme.paneHeader, maxX: rect.maxX)
        let all = lines(state, width: rect.width - 2)
        let height = rect.height - 1
        let scroll = min(max(0, state.previewScroll), max(0, all.count - height))
        for (i, line) in all.dropFirst(scroll).prefix(height).enumerated() {
            let style: Style
            switch line.role {
            case .title: style = theme.unread
            case .meta, .note: style = theme.dim
            case .body: style = .plain
            case .picture(let row):
                // The lead picture's character art: ordinary cells.
                if let art = state.previewArtRows?.art, art.rows.indices.contains(row) {
                    for (x, cell) in art.rows[row].enumerated() where rect.x + 1 + x < rect.maxX - 1 {
                        buffer.place(cell.glyph, x: rect.x + 1 + x, y: rect.y + 1 + i, style: cell.style)
                    }
                }
                continue
            }
            buffer.put(line.text, x: rect.x + 1, y: rect.y + 1 + i, style: style, maxX: rect.maxX - 1)
        }
    }

    /// The number of lines the preview has at the current layout (for scrolling limits).
    static func lineCount(_ state: AppState) -> Int {
        guard let rect = state.layout.preview else { return 0 }
        return lines(state, width: rect.width - 2).count
    }

    /// Everything the pane shows, wrapped to `width`.
    static func lines(_ state: AppState, width: Int) -> [Line] {
        guard width > 0, let headline = state.headlines.selected else { return [] }
        var out: [Line] = []
        var language: String?
        func add(_ text: String, _ role: Role) {
            for l in LineBreaker.lines(TerminalSafe.clean(text), width: width, language: language) { out.append(Line(text: l, role: role)) }
        }
        guard let preview = state.preview, preview.detail.headline.id == headline.id else {
            add(headline.title, .title)
            out.append(Line(text: "Loading…", role: .note))
            return out
        }
        let detail = preview.detail
        language = preview.language
        add(detail.headline.title, .title)
        var meta = detail.headline.source
        if let author = detail.author, !author.isEmpty { meta += " · " + author }
        add(meta, .meta)
        add(dateText(detail.published ?? detail.headline.sortTime), .meta)
        // One story once: the list shows it in one row; here, who else carries it.
        if !headline.alsoIn.isEmpty { add("Also in: " + headline.alsoIn.joined(separator: ", "), .meta) }
        // Other outlets' stories about the same event (`c` lists them).
        if !detail.headline.coverage.isEmpty { add("Also covered by: " + detail.headline.coverage.map(\.source).joined(separator: ", "), .meta) }
        out.append(Line(text: "", role: .body))
        if let (_, rows) = state.previewArtRows {
            for row in 0..<rows { out.append(Line(text: "", role: .picture(row))) }
            out.append(Line(text: "", role: .body))
        }
        if preview.paragraphs.isEmpty {
            add("No summary in the feed. Enter opens the article; o opens it in the browser.", .note)
        }
        for (i, p) in preview.paragraphs.enumerated() {
            if i > 0 { out.append(Line(text: "", role: .body)) }
            add(p, .body)
        }
        return out
    }

    /// "2026-11-24 14:05 UTC": fixed and unambiguous (the reader shows the same everywhere).
    static func dateText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)) UTC"
    }
}
