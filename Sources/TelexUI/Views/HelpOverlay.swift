import TelexScreen

/// The `?` overlay: the key table (the same one docs/keys.md documents).
enum HelpOverlay {
    /// The reading view's keys while an article is open, the lists' keys otherwise.
    static func lines(for state: AppState) -> [(String, String)] {
        var out: [(String, String)] = []
        for group in state.reader != nil ? KeyTable.reader : KeyTable.lists {
            out.append((group.title, ""))
            out += group.entries.map { ("  " + $0.keys, $0.action) }
        }
        out.append(("", ""))
        out.append((KeyTable.note, ""))
        return out
    }

    static func render(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        let lines = self.lines(for: state)
        let keyWidth = lines.filter { !$0.1.isEmpty }.map { DisplayWidth.of($0.0) }.max() ?? 0
        let width = min(buffer.width - 2, max(40, keyWidth + 50))
        let height = min(buffer.height - 2, lines.count + 3)
        guard width > 10, height > 3 else { return }
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect, style: theme.status)
        buffer.put(TextFitting.fit(" Keys", to: width), x: rect.x, y: rect.y, style: theme.title, maxX: rect.maxX)
        let visible = height - 3
        let start = min(state.helpScroll, max(0, lines.count - visible))
        for (i, line) in lines.dropFirst(start).prefix(visible).enumerated() {
            let text = line.1.isEmpty ? " " + line.0 : " " + TextFitting.fit(line.0, to: keyWidth) + "  " + line.1
            buffer.put(text, x: rect.x, y: rect.y + 1 + i, style: theme.status, maxX: rect.maxX - 1)
        }
        buffer.put(" Esc closes, j/k scroll", x: rect.x, y: rect.maxY - 1, style: theme.status, maxX: rect.maxX)
    }
}
