/// Tables in aligned columns: cells wrap inside their column; when even narrow columns do not
/// fit, each row becomes a small block of "header: value" lines.
struct TableLayout {
    let width: Int
    let showLinkNumbers: Bool
    let language: String?

    init(builder: LayoutBuilder) { width = builder.width; showLinkNumbers = builder.showLinkNumbers; language = builder.language }

    private static let separator = " │ "
    private static let minimumColumn = 6

    func layout(header: [[Inline]]?, rows: [[[Inline]]], indent: [LayoutBuilder.Indent], into builder: inout LayoutBuilder) {
        let available = builder.available(indent)
        let columns = max(header?.count ?? 0, rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return }
        // Flatten every cell once (this registers links in reading order).
        var headerCells: [Paragraph]?
        if let header {
            headerCells = header.map { cell in var out = Paragraph(); builder.flatten(cell, role: .strong, into: &out); return out }
        }
        let bodyCells: [[Paragraph]] = rows.map { row in
            row.map { cell in var out = Paragraph(); builder.flatten(cell, role: .body, into: &out); return out }
        }
        func natural(_ cell: Paragraph) -> Int {
            var cell = cell
            return LineBreaker.wrap(&cell, width: 10_000, language: nil).map { cell.width($0.range) }.max() ?? 0
        }
        var widths = Array(repeating: 1, count: columns)
        for row in ([headerCells].compactMap { $0 } + bodyCells) {
            for (c, cell) in row.enumerated() where c < columns { widths[c] = max(widths[c], natural(cell)) }
        }
        let separators = (columns - 1) * Self.separator.count
        if columns * Self.minimumColumn + separators > available {
            recordFallback(header: headerCells, rows: bodyCells, indent: indent, into: &builder)
            return
        }
        // Shrink the widest columns until the table fits.
        while widths.reduce(0, +) + separators > available {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > Self.minimumColumn else { break }
            widths[widest] -= 1
        }
        if let headerCells {
            emitRow(headerCells, widths: widths, indent: indent, into: &builder)
            let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")
            builder.emit([[DisplaySpan(text: rule, role: .tableBorder)]], prefix: indent)
        }
        for row in bodyCells { emitRow(row, widths: widths, indent: indent, into: &builder) }
    }

    private func emitRow(_ row: [Paragraph], widths: [Int], indent: [LayoutBuilder.Indent], into builder: inout LayoutBuilder) {
        var row = row
        var wrapped: [[LineBreaker.Line]] = []
        for c in widths.indices { wrapped.append(c < row.count ? LineBreaker.wrap(&row[c], width: widths[c], language: language) : []) }
        let height = max(wrapped.map(\.count).max() ?? 1, 1)
        var lines: [[DisplaySpan]] = []
        for l in 0..<height {
            var line: [DisplaySpan] = []
            for c in widths.indices {
                if c > 0 { LayoutBuilder.append([DisplaySpan(text: Self.separator, role: .tableBorder)], to: &line) }
                var partWidth = 0
                if l < wrapped[c].count {
                    let part = wrapped[c][l]
                    LayoutBuilder.append(row[c].spans(part.range, hyphen: part.hyphen), to: &line)
                    partWidth = row[c].width(part.range) + (part.hyphen ? 1 : 0)
                }
                let pad = widths[c] - partWidth
                // The last column needs no trailing padding.
                if pad > 0 && c < widths.count - 1 { LayoutBuilder.append([DisplaySpan(text: String(repeating: " ", count: pad), role: .body)], to: &line) }
            }
            lines.append(line)
        }
        builder.emit(lines, prefix: indent)
    }

    /// Too many columns for the width: each row as "header: value" lines, rows separated by a blank line.
    private func recordFallback(header: [Paragraph]?, rows: [[Paragraph]], indent: [LayoutBuilder.Indent], into builder: inout LayoutBuilder) {
        let available = builder.available(indent)
        for (r, row) in rows.enumerated() {
            if r > 0 { builder.emit([[]], prefix: indent) }
            for (c, cell) in row.enumerated() {
                var text = Paragraph()
                if let header, c < header.count, !header[c].isEmpty {
                    text.append(header[c])
                    text.append(": ", role: .strong, linkIndex: nil)
                }
                text.append(cell)
                builder.emit(builder.wrap(text, width: available), prefix: indent)
            }
        }
    }
}
