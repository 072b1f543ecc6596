import TelexArticles
import TelexScreen

/// The `?` overlay: the keys of the context shown, rendered from the keymap the reducer
/// dispatches on (so help and behaviour cannot disagree). A bordered box on a cleared background,
/// descriptions wrapped at word boundaries, scrolled with j / k.
enum HelpOverlay {
    struct Line: Hashable { var keys: String; var text: String; var isTitle: Bool }

    /// What the overlay lists at `width` columns inside its border.
    static func lines(for state: AppState, width: Int) -> [Line] {
        let context = state.keyContext
        let groups = state.keymap.help(for: context)
        let labels = groups.flatMap { $0.rows.map { Keymap.label($0.keys) } }
        let keyWidth = min(max(8, width / 3), labels.map { DisplayWidth.of($0) }.max() ?? 8)
        let textWidth = max(8, width - keyWidth - 3)
        var out: [Line] = []
        for group in groups {
            if !out.isEmpty { out.append(Line(keys: "", text: "", isTitle: false)) }
            out.append(Line(keys: group.group.rawValue, text: "", isTitle: true))
            for row in group.rows {
                let keys = LineBreaker.lines(Keymap.label(row.keys), width: keyWidth)
                let text = LineBreaker.lines(row.command.summary(in: context), width: textWidth)
                for i in 0..<max(keys.count, text.count) {
                    out.append(Line(keys: i < keys.count ? keys[i] : "", text: i < text.count ? text[i] : "", isTitle: false))
                }
            }
        }
        out.append(Line(keys: "", text: "", isTitle: false))
        for note in notes(context) {
            out += LineBreaker.lines(note, width: width - 1).map { Line(keys: "", text: $0, isTitle: false) }
        }
        return out.map { Line(keys: $0.isTitle ? $0.keys : TextFitting.fit($0.keys, to: keyWidth), text: $0.text, isTitle: $0.isTitle) }
    }

    static func notes(_ context: KeyContext) -> [String] {
        switch context {
        case .reader:
            ["Digits type a count (5j, 3 Space) and put the cursor on that link (3 Enter follows link 3)."]
        case .lists, .everywhere:
            ["Digits type a count (5j). Previewing does not mark read; opening (Enter) does."]
        }
    }

    /// The box: most of the screen, at least 20 columns and 6 rows when the screen has them.
    static func rect(width screenWidth: Int, height screenHeight: Int) -> Rect {
        let width = min(screenWidth, max(20, min(screenWidth - 4, 96)))
        let height = min(screenHeight, max(6, screenHeight - 2))
        return Rect(x: (screenWidth - width) / 2, y: (screenHeight - height) / 2, width: width, height: height)
    }

    /// The first line shown: the scroll, clamped to the lines there are at this size.
    static func clampedScroll(_ state: AppState) -> Int {
        let rect = rect(width: state.width, height: state.height)
        let count = lines(for: state, width: rect.width - 3).count
        return min(max(0, state.helpScroll), max(0, count - max(1, rect.height - 3)))
    }

    static func render(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        let rect = rect(width: buffer.width, height: buffer.height)
        guard rect.width >= 12, rect.height >= 4 else { return }
        let inner = rect.width - 2
        let lines = self.lines(for: state, width: inner - 1)
        let visible = rect.height - 3
        let start = min(state.helpScroll, max(0, lines.count - visible))
        // Cleared: nothing of the screen below shows through.
        buffer.fill(rect, style: .plain)
        let title = state.keyContext == .reader ? " Keys: reading view " : " Keys: lists "
        buffer.put("┌" + String(repeating: "─", count: inner) + "┐", x: rect.x, y: rect.y, style: theme.border)
        buffer.put(TextFitting.truncate(title, to: inner), x: rect.x + 2, y: rect.y, style: theme.title, maxX: rect.maxX - 1)
        for y in rect.y + 1..<rect.maxY - 1 {
            buffer.put("│", x: rect.x, y: y, style: theme.border)
            buffer.put("│", x: rect.maxX - 1, y: y, style: theme.border)
        }
        buffer.put("└" + String(repeating: "─", count: inner) + "┘", x: rect.x, y: rect.maxY - 1, style: theme.border)
        for (i, line) in lines.dropFirst(start).prefix(visible).enumerated() {
            let y = rect.y + 1 + i
            if line.isTitle {
                buffer.put(" " + line.keys, x: rect.x + 1, y: y, style: theme.paneHeaderFocused, maxX: rect.maxX - 1)
            } else {
                let end = buffer.put(" " + line.keys, x: rect.x + 1, y: y, style: theme.count, maxX: rect.maxX - 1)
                buffer.put((line.keys.isEmpty && end == rect.x + 2 ? "" : "  ") + line.text, x: end, y: y, maxX: rect.maxX - 1)
            }
        }
        func keys(_ commands: [Command]) -> String {
            commands.compactMap { state.keymap.firstLabel(of: $0, in: state.keyContext) }.joined(separator: "/")
        }
        let scrollKeys = [keys([.down, .up]), keys([.pageDown, .pageUp])].filter { !$0.isEmpty }.joined(separator: ", ")
        let more = start + visible < lines.count ? scrollKeys + " scroll · " : ""
        let context = state.keyContext
        let closers = ["Esc"] + [Command.back, .help].compactMap { state.keymap.firstLabel(of: $0, in: context) }
        let closing = closers.dropLast().joined(separator: ", ") + " or " + closers.last! + " closes"
        buffer.put(TextFitting.truncate(" " + more + closing, to: inner), x: rect.x + 1, y: rect.maxY - 2,
                   style: theme.dim, maxX: rect.maxX - 1)
    }
}
