import Foundation
import TelexScreen

/// Lays a document out into display lines for a width: the reading view's and `telex read`'s renderer.
public enum ArticleLayout {
    /// Display lines and the link table of `doc` at `width` columns; `[n]` after each link when
    /// `showLinkNumbers`; `note` (why this document is shown, see `DocumentResolver`) above the story.
    public static func layout(_ doc: ArticleDocument, width: Int, showLinkNumbers: Bool, note: DocumentNote? = nil) -> LaidOutArticle {
        var builder = LayoutBuilder(width: max(width, 12), showLinkNumbers: showLinkNumbers, language: doc.metadata.language)
        if let note {
            builder.emit(builder.wrapText(note.text, role: .note, width: builder.width), prefix: [])
            builder.needsGap = true
        }
        builder.header(doc.metadata)
        for block in doc.blocks { builder.block(block, indent: []) }
        builder.related(doc.related)
        return builder.finish()
    }
}

/// Mutable state of one layout pass.
struct LayoutBuilder {
    let width: Int
    let showLinkNumbers: Bool
    /// The document's language: picks the hyphenation dictionary.
    let language: String?
    var lines: [DisplayLine] = []
    var links: [LaidOutLink] = []
    /// Whether the next block needs a blank line before it.
    var needsGap = false

    init(width: Int, showLinkNumbers: Bool, language: String?) {
        self.width = width; self.showLinkNumbers = showLinkNumbers; self.language = language
    }

    static let dateFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f
    }()

    mutating func header(_ meta: ArticleMetadata) {
        if let title = meta.title, !title.isEmpty {
            gap()
            emit(wrapText(title, role: .title, width: width), prefix: [])
            needsGap = true
        }
        var parts: [String] = []
        if let byline = meta.byline, !byline.isEmpty { parts.append(byline) }
        if let date = meta.published { parts.append(Self.dateFormatter.string(from: date)) }
        if let site = meta.siteName, !site.isEmpty { parts.append(site) }
        if !parts.isEmpty {
            if meta.title?.isEmpty != false { gap() }
            emit(wrapText(parts.joined(separator: " · "), role: .meta, width: width), prefix: [])
            needsGap = true
        }
    }

    /// A prefix drawn before each line of a nested block: first-line and continuation variants.
    struct Indent { var first: [LayoutCluster]; var rest: [LayoutCluster] }

    mutating func block(_ block: Block, indent: [Indent], baseRole: TextRole = .body) {
        switch block {
        case .heading(let level, let inlines):
            gap()
            paragraph(inlines, role: .heading(min(max(level, 1), 6)), indent: indent)
            needsGap = true
        case .paragraph(let inlines):
            gap()
            paragraph(inlines, role: baseRole, indent: indent)
            needsGap = true
        case .quote(let blocks):
            let bar = LineBreaker.clusters("│ ", role: .quote, linkIndex: nil)
            let inner = indent + [Indent(first: bar, rest: bar)]
            var first = true
            for b in blocks {
                if !first { needsGap = true; gapWith(inner) } else { gap() }
                needsGap = false
                self.block(b, indent: inner, baseRole: .quote)
                first = false
            }
            needsGap = true
        case .list(let ordered, let items):
            gap()
            let digits = String(items.count).count
            for (n, item) in items.enumerated() {
                let markerText = ordered ? String(repeating: " ", count: digits - String(n + 1).count) + "\(n + 1). " : "• "
                let marker = LineBreaker.clusters(markerText, role: .listMarker, linkIndex: nil)
                let hang = LineBreaker.clusters(String(repeating: " ", count: LineBreaker.width(marker)), role: .listMarker, linkIndex: nil)
                var firstBlock = true
                for b in item {
                    let ind = indent + [Indent(first: firstBlock ? marker : hang, rest: hang)]
                    needsGap = false
                    if case .list = b { firstBlock = false }
                    self.block(b, indent: ind, baseRole: baseRole)
                    firstBlock = false
                }
            }
            needsGap = true
        case .preformatted(let text):
            gap()
            let avail = available(indent)
            for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let clusters = LineBreaker.clusters(String(rawLine), role: .code, linkIndex: nil).map { Optional($0) }
                var wrapped = hardWrap(clusters.compactMap { $0 }, width: avail)
                if wrapped.isEmpty { wrapped = [[]] }
                emit(wrapped, prefix: indent)
            }
            needsGap = true
        case .figure(_, let caption):
            guard !caption.isEmpty else { return }
            gap()
            paragraph(caption, role: .caption, indent: indent)
            needsGap = true
        case .table(let header, let rows):
            gap()
            TableLayout(builder: self).layout(header: header, rows: rows, indent: indent, into: &self)
            needsGap = true
        case .rule:
            gap()
            let w = min(available(indent), 40)
            emit([LineBreaker.clusters(String(repeating: "─", count: w), role: .rule, linkIndex: nil)], prefix: indent)
            needsGap = true
        }
    }

    mutating func related(_ related: [RelatedLink]) {
        guard !related.isEmpty else { return }
        gap()
        emit(wrapText("Related", role: .heading(2), width: width), prefix: [])
        needsGap = true
        gap()
        let digits = String(related.count).count
        for (n, item) in related.enumerated() {
            let index = registerLink(url: item.url, text: item.title, isRelated: true)
            var clusters = LineBreaker.clusters(item.title, role: .link, linkIndex: index).map { Optional($0) }
            if showLinkNumbers { clusters += linkNumber(index) }
            let markerText = String(repeating: " ", count: digits - String(n + 1).count) + "\(n + 1). "
            let marker = LineBreaker.clusters(markerText, role: .listMarker, linkIndex: nil)
            let hang = LineBreaker.clusters(String(repeating: " ", count: marker.count), role: .listMarker, linkIndex: nil)
            emit(LineBreaker.wrap(clusters, width: width - marker.count, language: language), prefix: [Indent(first: marker, rest: hang)])
        }
    }

    mutating func finish() -> LaidOutArticle {
        while let last = lines.last, last.spans.isEmpty { lines.removeLast() }
        // Locate every link's spans on its lines.
        for (lineNumber, line) in lines.enumerated() {
            var column = 0
            for span in line.spans {
                let w = DisplayWidth.of(span.text)
                if let li = span.linkIndex, li < links.count {
                    if var last = links[li].positions.last, last.line == lineNumber, last.endColumn == column {
                        last.endColumn = column + w
                        links[li].positions[links[li].positions.count - 1] = last
                    } else {
                        links[li].positions.append(LinkPosition(line: lineNumber, startColumn: column, endColumn: column + w))
                    }
                }
                column += w
            }
        }
        return LaidOutArticle(lines: lines, links: links)
    }

    // MARK: Helpers

    func available(_ indent: [Indent]) -> Int {
        max(width - indent.reduce(0) { $0 + LineBreaker.width($1.first) }, 4)
    }

    mutating func gap() {
        if needsGap && !lines.isEmpty { lines.append(DisplayLine()) }
        needsGap = false
    }

    /// A blank line inside a quote keeps the quote bar.
    mutating func gapWith(_ indent: [Indent]) {
        if !lines.isEmpty { emit([[]], prefix: indent.map { Indent(first: $0.rest, rest: $0.rest) }) }
    }

    mutating func paragraph(_ inlines: [Inline], role: TextRole, indent: [Indent]) {
        var clusters: [LayoutCluster?] = []
        flatten(inlines, role: role, into: &clusters)
        emit(LineBreaker.wrap(clusters, width: available(indent), language: language), prefix: indent)
    }

    func wrapText(_ text: String, role: TextRole, width: Int) -> [[LayoutCluster]] {
        LineBreaker.wrap(LineBreaker.clusters(text, role: role, linkIndex: nil).map { Optional($0) }, width: width, language: language)
    }

    func hardWrap(_ clusters: [LayoutCluster], width: Int) -> [[LayoutCluster]] {
        var result: [[LayoutCluster]] = []
        var line: [LayoutCluster] = []
        var w = 0
        for c in clusters {
            if w + c.width > width { result.append(line); line = []; w = 0 }
            line.append(c); w += c.width
        }
        if !line.isEmpty { result.append(line) }
        return result
    }

    /// Appends wrapped lines with the indent prefixes (first variant on the first line only).
    mutating func emit(_ wrapped: [[LayoutCluster]], prefix: [Indent]) {
        for (n, clusters) in wrapped.enumerated() {
            var all: [LayoutCluster] = []
            for (level, ind) in prefix.enumerated() {
                // The outer levels' first variant is used up by the first line they ever drew.
                let useFirst = n == 0 && level == prefix.count - 1
                all += useFirst ? ind.first : ind.rest
            }
            all += clusters
            lines.append(DisplayLine(spans: LineBreaker.spans(all)))
        }
        // Consume first-line markers of enclosing levels: later lines use continuation prefixes.
    }

    mutating func registerLink(url: String, text: String, isRelated: Bool) -> Int {
        links.append(LaidOutLink(number: links.count + 1, url: url, text: TerminalSafe.clean(text), isRelated: isRelated))
        return links.count - 1
    }

    func linkNumber(_ index: Int) -> [LayoutCluster?] {
        LineBreaker.clusters("[\(index + 1)]", role: .linkNumber, linkIndex: index).map { Optional($0) }
    }

    mutating func flatten(_ inlines: [Inline], role: TextRole, into out: inout [LayoutCluster?], linkIndex: Int? = nil) {
        for inline in inlines {
            switch inline {
            case .text(let s):
                out += LineBreaker.clusters(s, role: linkIndex == nil ? role : .link, linkIndex: linkIndex).map { Optional($0) }
            case .code(let s):
                out += LineBreaker.clusters(s, role: linkIndex == nil ? .code : .link, linkIndex: linkIndex).map { Optional($0) }
            case .emphasis(let inner):
                flatten(inner, role: Self.styled(role, .emphasis), into: &out, linkIndex: linkIndex)
            case .strong(let inner):
                flatten(inner, role: Self.styled(role, .strong), into: &out, linkIndex: linkIndex)
            case .lineBreak:
                out.append(nil)
            case .link(let url, let inner):
                if linkIndex != nil { flatten(inner, role: role, into: &out, linkIndex: linkIndex); continue }
                let index = registerLink(url: url, text: Inline.plainText(inner), isRelated: false)
                flatten(inner, role: .link, into: &out, linkIndex: index)
                if showLinkNumbers { out += linkNumber(index) }
            }
        }
    }

    /// Emphasis and strong show inside body text; headings, titles and captions keep their own role.
    static func styled(_ base: TextRole, _ style: TextRole) -> TextRole {
        switch base {
        case .body, .quote: return style
        default: return base
        }
    }
}
