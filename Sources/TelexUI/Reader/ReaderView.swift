import TelexArticles
import TelexScreen

/// The reading view: a title row, the story in a centred column, a status row, and the `L` / `H`
/// overlays. Pure: state in, cells out.
public enum ReaderView {
    public static func render(_ state: AppState, _ reader: ReaderState, into buffer: inout ScreenBuffer) {
        let theme = state.theme
        let styles = ReaderStyles(theme: theme)
        let width = buffer.width, height = buffer.height
        guard width > 0, height > 0 else { return }
        // Title row: where the page comes from, and how deep the history goes.
        let titleRow = Rect(x: 0, y: 0, width: width, height: 1)
        buffer.fill(titleRow, style: theme.title)
        let source = reader.page.document.metadata.siteName ?? reader.page.url.flatMap(hostOf) ?? ""
        let depth = reader.back.isEmpty && reader.forward.isEmpty ? "" : "← \(reader.back.count)  → \(reader.forward.count) "
        let depthWidth = DisplayWidth.of(depth)
        buffer.put(" telex · " + TerminalSafe.clean(source), x: 0, y: 0, style: theme.title, maxX: max(0, width - depthWidth - 1))
        if width > depthWidth + 12 { buffer.put(depth, x: width - depthWidth, y: 0, style: theme.title) }

        renderText(reader, styles: styles, hyperlinks: state.hyperlinks, into: &buffer, top: 1, rows: min(reader.viewHeight, max(0, height - 2)))
        if height > 1 { ReaderStatusLine.render(state, reader, theme: theme, in: Rect(x: 0, y: height - 1, width: width, height: 1), into: &buffer) }
        if let overlay = reader.overlay { ReaderOverlays.render(overlay, reader, theme: theme, into: &buffer) }
    }

    /// Draws the visible display lines, styling links, the cursor link and find matches; with
    /// `hyperlinks`, the cells of each link also carry its URL (OSC 8, where the URL is safe).
    static func renderText(_ reader: ReaderState, styles: ReaderStyles, hyperlinks: Bool = false, into buffer: inout ScreenBuffer, top: Int, rows: Int) {
        let left = reader.leftMargin
        let right = min(buffer.width, left + reader.columnWidth)
        let lines = reader.layout.lines
        for row in 0..<max(0, rows) {
            let n = reader.scroll + row
            guard lines.indices.contains(n) else { break }
            let y = top + row
            if let picture = lines[n].picture {
                let x = left + max(0, (reader.columnWidth - picture.columns) / 2)
                // Sixel and iTerm2: the terminal draws the whole picture over blank cells; partly on screen
                // or under an overlay, it is character art.
                let first = n - picture.row
                if reader.overlay == nil, first >= reader.scroll, first + picture.rows <= reader.scroll + rows,
                   let placed = placedPicture(picture, reader, x: x, y: top + first - reader.scroll) {
                    if picture.row == 0 { buffer.show(placed) }
                } else {
                    drawPicture(picture, reader, x: x, y: y, maxX: right, into: &buffer)
                }
                // The cursor on a picture: a bar beside its rows.
                if let p = reader.pictureCursor, reader.layout.pictures.indices.contains(p), reader.layout.pictures[p].lines.contains(n), x >= 1 {
                    buffer.put("▌", x: x - 1, y: y, style: styles.cursorLink)
                }
                continue
            }
            var x = left
            for span in lines[n].spans {
                var style = styles.style(for: span.role)
                if let li = span.linkIndex, li == reader.linkCursor, span.role != .linkNumber { style = styles.cursorLink }
                let start = x
                x = buffer.put(span.text, x: x, y: y, style: style, maxX: right)
                if hyperlinks, let li = span.linkIndex, reader.layout.links.indices.contains(li) {
                    buffer.addHyperlink(reader.layout.links[li].url, x: start, y: y, maxX: x)
                }
            }
            if let find = reader.find {
                for (i, m) in find.matches.enumerated() where m.line == n {
                    let style = i == find.current ? styles.currentMatch : styles.match
                    let rect = Rect(x: left + m.startColumn, y: y, width: min(m.endColumn, reader.columnWidth) - m.startColumn, height: 1)
                    buffer.restyle(rect) { _ in style }
                }
            }
        }
    }

    /// The picture as the terminal draws it at (x, y) with sixel or iTerm2, when it is ready at this size.
    static func placedPicture(_ picture: PictureRow, _ reader: ReaderState, x: Int, y: Int) -> TerminalImage? {
        switch reader.pictureOptions.drawing {
        case .sixel:
            guard let art = reader.art[picture.url], art.columns == picture.columns, art.rows.count == picture.rows,
                  let sixel = reader.sixels[picture.url] else { return nil }
            return TerminalImage(kind: .sixel, key: picture.url, x: x, y: y, columns: picture.columns, rows: picture.rows, data: sixel)
        case .iterm:
            guard let png = reader.page.pictures[picture.url]?.png else { return nil }
            return TerminalImage(kind: .iterm, key: picture.url, x: x, y: y, columns: picture.columns, rows: picture.rows, data: png)
        case .symbols, .kitty:
            return nil
        }
    }

    /// One row of a picture's character art: ordinary cells, so it scrolls, diffs and snapshots like text.
    static func drawPicture(_ picture: PictureRow, _ reader: ReaderState, x: Int, y: Int, maxX: Int, into buffer: inout ScreenBuffer) {
        if let id = reader.imageIDs[picture.url] {
            // The terminal draws it: cells that name the picture, its row and column (kitty placeholders).
            guard let png = reader.page.pictures[picture.url]?.png else { return }
            for column in 0..<picture.columns where x + column < maxX {
                guard let glyph = KittyPlaceholder.glyph(row: picture.row, column: column) else { break }
                buffer.place(glyph, x: x + column, y: y, style: KittyPlaceholder.style(id: id))
            }
            buffer.show(TerminalImage(id: id, key: picture.url, columns: picture.columns,
                                      rows: picture.rows, data: png))
            return
        }
        guard let art = reader.art[picture.url], art.rows.indices.contains(picture.row) else { return }
        for (i, cell) in art.rows[picture.row].enumerated() where x + i < maxX {
            buffer.place(cell.glyph, x: x + i, y: y, style: cell.style)
        }
    }

    static func hostOf(_ url: String) -> String? {
        guard let start = url.range(of: "://")?.upperBound else { return nil }
        return String(url[start...].prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }
}

/// The reading view's bottom row: prompts, fetch progress, messages, else the link under the
/// cursor (its real URL) or the page's address, with the position on the right.
enum ReaderStatusLine {
    static func render(_ state: AppState, _ reader: ReaderState, theme: Theme, in rect: Rect, into buffer: inout ScreenBuffer) {
        buffer.fill(rect, style: theme.status)
        var left: String
        if let prompt = reader.findPrompt {
            left = "/" + prompt
        } else if let digits = reader.numberEntry, !digits.isEmpty {
            left = "#" + digits + "  (Enter selects the link)"
        } else if let url = reader.pendingURL {
            let size = reader.pendingBytes.map { "  \(($0 + 1023) / 1024) KB" } ?? ""
            left = "Fetching " + url + size + "  (Esc cancels)"
        } else if !state.pendingKeys.isEmpty {
            left = Keymap.label([state.pendingKeys]) + " …"
        } else if let m = state.message {
            left = m.text
        } else if let link = reader.activeLink {
            left = "[\(link.number)] " + (link.item != nil ? link.text + "  (Enter reads it)" : link.url)
        } else if let picture = reader.activePicture {
            left = "Picture (o opens it): " + picture.url
        } else {
            left = reader.page.url ?? ""
        }
        var right = ""
        if let f = reader.find, reader.findPrompt == nil { right = "/\(f.query) \(f.current + 1)/\(f.matches.count)  " }
        let total = reader.layout.lines.count
        if total <= reader.viewHeight {
            right += "All"
        } else if reader.scroll >= reader.maxScroll {
            right += "End"
        } else {
            // Where the screen is, and how long the rest takes to read.
            right += "\((reader.scroll * 100) / max(1, reader.maxScroll))% · \(reader.minutesLeft) min left"
        }
        right = TerminalSafe.clean(right)
        let rightWidth = DisplayWidth.of(right)
        let leftLimit = rect.width > rightWidth + 12 ? rect.maxX - rightWidth - 2 : rect.maxX
        let shown = TextFitting.truncate(" " + TerminalSafe.clean(left), to: max(0, leftLimit - rect.x))
        let end = buffer.put(shown, x: rect.x, y: rect.y, style: theme.status, maxX: leftLimit)
        if reader.findPrompt != nil { buffer.cursor = (min(end, rect.maxX - 1), rect.y) }
        if rect.width > rightWidth + 12 { buffer.put(right, x: rect.maxX - rightWidth - 1, y: rect.y, style: theme.status, maxX: rect.maxX) }
    }
}
