import TelexScreen

/// The `?` overlay: the key table (the same one docs/keys.md documents).
enum HelpOverlay {
    static let lines: [(String, String)] = [
        ("j / k, ↓ / ↑", "move down / up"),
        ("Space / b, PgDn / PgUp", "page down / up"),
        ("g / G, Home / End", "first / last row"),
        ("Enter, l / →", "open a section (shows its feeds)"),
        ("h / ←", "close a section"),
        ("r", "refresh feeds"),
        ("?", "this help (Esc or q closes)"),
        ("q", "back; quit at the top"),
        ("Q", "quit from anywhere"),
    ]

    static func render(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        let keyWidth = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
        let width = min(buffer.width - 2, max(40, keyWidth + 40))
        let height = min(buffer.height - 2, lines.count + 3)
        guard width > 10, height > 3 else { return }
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect, style: theme.status)
        buffer.put(TextFitting.fit(" Keys", to: width), x: rect.x, y: rect.y, style: theme.title, maxX: rect.maxX)
        let visible = height - 3
        let start = min(state.helpScroll, max(0, lines.count - visible))
        for (i, line) in lines.dropFirst(start).prefix(visible).enumerated() {
            let text = " " + TextFitting.fit(line.0, to: keyWidth) + "  " + line.1
            buffer.put(text, x: rect.x, y: rect.y + 1 + i, style: theme.status, maxX: rect.maxX - 1)
        }
        buffer.put(" Esc closes", x: rect.x, y: rect.maxY - 1, style: theme.status, maxX: rect.maxX)
    }
}
