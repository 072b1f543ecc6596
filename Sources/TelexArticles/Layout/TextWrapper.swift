import TelexScreen

/// One grapheme cluster ready for layout: its glyph text, width, role and link.
struct LayoutCluster {
    var text: String
    var width: Int
    var role: TextRole
    var linkIndex: Int?
    var isSpace: Bool
    /// A cluster a line may break before and after without a space (CJK ideographs, kana).
    var breaksFreely: Bool
}

/// Greedy line breaking by display width over clusters; words longer than a line are split.
enum TextWrapper {
    /// Clusters of `text` with a role; controls removed, whitespace as single spaces.
    static func clusters(_ text: String, role: TextRole, linkIndex: Int?) -> [LayoutCluster] {
        var result: [LayoutCluster] = []
        result.reserveCapacity(text.utf8.count)
        for ch in text {
            guard let first = ch.unicodeScalars.first else { continue }
            if ch.isWhitespace || first == "\t" {
                result.append(LayoutCluster(text: " ", width: 1, role: role, linkIndex: linkIndex, isSpace: true, breaksFreely: false))
                continue
            }
            if TerminalSafe.isUnsafe(first) { continue }
            let glyph = Glyph(ch)
            if glyph == .replacement && !ch.unicodeScalars.elementsEqual("\u{FFFD}".unicodeScalars) { continue }
            result.append(LayoutCluster(text: glyph.text + String(repeating: " ", count: glyph.padding), width: glyph.width,
                                        role: role, linkIndex: linkIndex, isSpace: false, breaksFreely: glyph.width == 2))
        }
        return result
    }

    /// Lines of at most `width` columns. A `nil` element in `clusters` is a forced line break.
    static func wrap(_ clusters: [LayoutCluster?], width: Int) -> [[LayoutCluster]] {
        let width = max(width, 1)
        var lines: [[LayoutCluster]] = []
        var line: [LayoutCluster] = []
        var lineWidth = 0
        var i = 0
        func endLine() {
            while let last = line.last, last.isSpace { line.removeLast() }
            lines.append(line)
            line = []
            lineWidth = 0
        }
        while i < clusters.count {
            guard let c = clusters[i] else { endLine(); i += 1; continue }
            if c.isSpace {
                if !line.isEmpty && lineWidth + 1 <= width { line.append(c); lineWidth += 1 }
                i += 1
                continue
            }
            // The word: non-space clusters up to the next space, break, or free break point.
            var j = i
            var wordWidth = 0
            repeat {
                guard let d = clusters[j], !d.isSpace else { break }
                wordWidth += d.width
                j += 1
                if d.breaksFreely { break }
                if j < clusters.count, let next = clusters[j], next.breaksFreely { break }
            } while j < clusters.count
            if lineWidth + wordWidth <= width {
                for k in i..<j { line.append(clusters[k]!) }
                lineWidth += wordWidth
            } else if wordWidth <= width {
                endLine()
                for k in i..<j { line.append(clusters[k]!) }
                lineWidth = wordWidth
            } else {
                // Too long for any line (a URL, a long compound): break by cluster, after what fits.
                if lineWidth > 0 && width - lineWidth < min(8, width / 3) { endLine() }
                for k in i..<j {
                    let d = clusters[k]!
                    if lineWidth + d.width > width { endLine() }
                    line.append(d)
                    lineWidth += d.width
                }
            }
            i = j
        }
        if !line.isEmpty { endLine() }
        return lines
    }

    /// Spans from clusters, merging neighbours with the same role and link.
    static func spans(_ clusters: [LayoutCluster]) -> [DisplaySpan] {
        var spans: [DisplaySpan] = []
        for c in clusters {
            if let last = spans.last, last.role == c.role, last.linkIndex == c.linkIndex {
                spans[spans.count - 1].text += c.text
            } else {
                spans.append(DisplaySpan(text: c.text, role: c.role, linkIndex: c.linkIndex))
            }
        }
        return spans
    }

    static func width(_ clusters: [LayoutCluster]) -> Int { clusters.reduce(0) { $0 + $1.width } }
}
