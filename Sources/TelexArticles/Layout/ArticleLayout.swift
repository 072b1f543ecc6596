import Foundation
import TelexModel
import TelexScreen

/// Lays a document out into display lines for a width: the reading view's and `telex read`'s renderer.
public enum ArticleLayout {
    /// Display lines and the link table of `doc` at `width` columns; `[n]` after each link when
    /// `showLinkNumbers`; `note` (why this document is shown, see `DocumentResolver`) above the story.
    /// A picture with a size in `pictures` (by URL) takes that many rows where its block stands, its
    /// caption (else its alternative text) under it; the lead image, when no block shows it, goes under
    /// the title. Pictures without a size show as their caption or "[Image: alt]". `coverage` (other outlets'
    /// stories about the same event) is listed last, "Also covered by", each entry a link to its item.
    public static func layout(_ doc: ArticleDocument, width: Int, showLinkNumbers: Bool, note: DocumentNote? = nil,
                              pictures: [String: PictureSize] = [:], coverage: [Coverage] = []) -> LaidOutArticle {
        var builder = LayoutBuilder(width: max(width, 12), showLinkNumbers: showLinkNumbers, language: doc.metadata.language)
        builder.pictures = pictures
        if let note {
            builder.emit(builder.wrapText(note.text, role: .note, width: builder.width), prefix: [])
            builder.needsGap = true
        }
        builder.header(doc.metadata)
        if let lead = doc.metadata.leadImage, pictures[lead] != nil, !doc.images.contains(where: { $0.url == lead }) {
            builder.picture(lead, caption: [], alt: nil, indent: [])
        }
        for block in doc.blocks { builder.block(block, indent: []) }
        builder.related(doc.related)
        builder.coverage(coverage)
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
    /// The pictures to draw and their sizes, by URL.
    var pictures: [String: PictureSize] = [:]
    /// The pictures laid out, in order.
    var laidOutPictures: [LaidOutPicture] = []

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
    struct Indent { var first: Prefix; var rest: Prefix }

    /// Text drawn before a line (a quote bar, a list marker or its hanging indent).
    struct Prefix {
        var spans: [DisplaySpan]
        var width: Int
        init(_ text: String, role: TextRole) { spans = [DisplaySpan(text: text, role: role)]; width = DisplayWidth.of(text) }
        init(spaces: Int, role: TextRole) { self.init(String(repeating: " ", count: spaces), role: role) }
    }

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
            let bar = Prefix("│ ", role: .quote)
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
                let marker = Prefix(markerText, role: .listMarker)
                let hang = Prefix(spaces: marker.width, role: .listMarker)
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
                var text = Paragraph(String(rawLine), role: .code)
                var wrapped = LineBreaker.hardWrap(&text, width: avail).map { text.spans($0.range, hyphen: false) }
                if wrapped.isEmpty { wrapped = [[]] }
                emit(wrapped, prefix: indent)
            }
            needsGap = true
        case .figure(let url, let caption, let alt) where url.map { pictures[$0] != nil } ?? false:
            picture(url!, caption: caption, alt: alt, indent: indent)
        case .figure(_, let caption, let alt):
            // An image without a caption shows as its alternative text.
            let shown = caption.isEmpty ? alt.map { [Inline.text("[Image: \($0)]")] } ?? [] : caption
            guard !shown.isEmpty else { return }
            gap()
            paragraph(shown, role: .caption, indent: indent)
            needsGap = true
        case .table(let header, let rows):
            gap()
            TableLayout(builder: self).layout(header: header, rows: rows, indent: indent, into: &self)
            needsGap = true
        case .rule:
            gap()
            let w = min(available(indent), 40)
            emit([[DisplaySpan(text: String(repeating: "─", count: w), role: .rule)]], prefix: indent)
            needsGap = true
        }
    }

    /// A picture's rows, centred in the column, then its caption (else its alternative text) under it.
    mutating func picture(_ url: String, caption: [Inline], alt: String?, indent: [Indent]) {
        guard let size = pictures[url] else { return }
        gap()
        let columns = min(size.columns, available(indent))
        laidOutPictures.append(LaidOutPicture(url: url, lines: lines.count...(lines.count + size.rows - 1)))
        for row in 0..<size.rows { lines.append(DisplayLine(picture: PictureRow(url: url, row: row, columns: columns, rows: size.rows))) }
        let shown = caption.isEmpty ? alt.flatMap { $0.isEmpty ? nil : [Inline.text($0)] } ?? [] : caption
        if !shown.isEmpty { paragraph(shown, role: .caption, indent: indent) }
        needsGap = true
    }

    mutating func related(_ related: [RelatedLink]) {
        guard !related.isEmpty else { return }
        gap()
        emit(wrapText("Related", role: .heading(2), width: width), prefix: [])
        needsGap = true
        gap()
        // Numbered once, with the link number that selects them (`12 Enter` follows story 12); a
        // story named without a link is listed, not followable, so it gets no number.
        let digits = String(links.count + related.filter { $0.url != nil }.count).count
        for item in related {
            var title: Paragraph
            let markerText: String
            if let url = item.url {
                let index = registerLink(url: url, text: item.title, isRelated: true)
                title = Paragraph(item.title, role: .link, linkIndex: index)
                if item.isCached { title.append(" · cached", role: .meta, linkIndex: nil) }
                markerText = String(repeating: " ", count: max(0, digits - String(index + 1).count)) + "\(index + 1). "
            } else {
                title = Paragraph(item.title, role: .body)
                markerText = String(repeating: " ", count: digits) + "  "
            }
            let marker = Prefix(markerText, role: .listMarker)
            let hang = Prefix(spaces: marker.width, role: .listMarker)
            emit(wrap(title, width: width - marker.width), prefix: [Indent(first: marker, rest: hang)])
        }
    }

    /// Other outlets' stories about the same event, "<source>: <title>", numbered as links (`Enter` opens one).
    mutating func coverage(_ coverage: [Coverage]) {
        guard !coverage.isEmpty else { return }
        gap()
        emit(wrapText("Also covered by", role: .heading(2), width: width), prefix: [])
        needsGap = true
        gap()
        let digits = String(links.count + coverage.count).count
        for story in coverage {
            // Feeds' names and titles are the feeds' text: cleaned of controls like every other.
            let source = TerminalSafe.clean(story.source), title = TerminalSafe.clean(story.title)
            links.append(LaidOutLink(number: links.count + 1, url: "", text: source + ": " + title, isRelated: false, item: story.id))
            let index = links.count - 1
            var entry = Paragraph(source + ": ", role: .meta, linkIndex: index)
            entry.append(title, role: .link, linkIndex: index)
            let marker = Prefix(String(repeating: " ", count: max(0, digits - String(index + 1).count)) + "\(index + 1). ", role: .listMarker)
            let hang = Prefix(spaces: marker.width, role: .listMarker)
            emit(wrap(entry, width: width - marker.width), prefix: [Indent(first: marker, rest: hang)])
        }
    }

    mutating func finish() -> LaidOutArticle {
        while let last = lines.last, last.spans.isEmpty, last.picture == nil { lines.removeLast() }
        // Locate every link's spans on its lines.
        for (lineNumber, line) in lines.enumerated() where line.spans.contains(where: { $0.linkIndex != nil }) {
            var column = 0
            for span in line.spans {
                let w = Self.width(span.text)
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
        return LaidOutArticle(lines: lines, links: links, pictures: laidOutPictures)
    }

    // MARK: Helpers

    /// Display width of a span's text; printable ASCII (most spans) without grapheme segmentation.
    static func width(_ text: String) -> Int {
        var ascii = true
        for b in text.utf8 where b < 0x20 || b >= 0x7F { ascii = false; break }
        return ascii ? text.utf8.count : DisplayWidth.of(text)
    }

    func available(_ indent: [Indent]) -> Int {
        max(width - indent.reduce(0) { $0 + $1.first.width }, 4)
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
        var text = Paragraph()
        flatten(inlines, role: role, into: &text)
        emit(wrap(text, width: available(indent)), prefix: indent)
    }

    /// `text` broken into lines of spans by the one line breaker, in the document's language.
    func wrap(_ text: Paragraph, width: Int) -> [[DisplaySpan]] {
        var text = text
        return LineBreaker.wrap(&text, width: width, language: language).map { text.spans($0.range, hyphen: $0.hyphen) }
    }

    func wrapText(_ text: String, role: TextRole, width: Int) -> [[DisplaySpan]] {
        wrap(Paragraph(text, role: role), width: width)
    }

    /// Appends wrapped lines with the indent prefixes (first variant on the first line only).
    mutating func emit(_ wrapped: [[DisplaySpan]], prefix: [Indent]) {
        for (n, spans) in wrapped.enumerated() {
            var all: [DisplaySpan] = []
            for (level, ind) in prefix.enumerated() {
                // The outer levels' first variant is used up by the first line they ever drew.
                let useFirst = n == 0 && level == prefix.count - 1
                Self.append(useFirst ? ind.first.spans : ind.rest.spans, to: &all)
            }
            Self.append(spans, to: &all)
            lines.append(DisplayLine(spans: all))
        }
    }

    /// Appends spans, merging neighbours with the same role and link.
    static func append(_ spans: [DisplaySpan], to all: inout [DisplaySpan]) {
        for span in spans where !span.text.isEmpty {
            if let last = all.last, last.role == span.role, last.linkIndex == span.linkIndex {
                all[all.count - 1].text += span.text
            } else {
                all.append(span)
            }
        }
    }

    mutating func registerLink(url: String, text: String, isRelated: Bool) -> Int {
        links.append(LaidOutLink(number: links.count + 1, url: url, text: TerminalSafe.clean(text), isRelated: isRelated))
        return links.count - 1
    }

    func appendLinkNumber(_ index: Int, to text: inout Paragraph) {
        text.append("[\(index + 1)]", role: .linkNumber, linkIndex: index)
    }

    mutating func flatten(_ inlines: [Inline], role: TextRole, into out: inout Paragraph, linkIndex: Int? = nil) {
        for inline in inlines {
            switch inline {
            case .text(let s):
                out.append(s, role: linkIndex == nil ? role : .link, linkIndex: linkIndex)
            case .code(let s):
                out.append(s, role: linkIndex == nil ? .code : .link, linkIndex: linkIndex)
            case .emphasis(let inner):
                flatten(inner, role: Self.styled(role, .emphasis), into: &out, linkIndex: linkIndex)
            case .strong(let inner):
                flatten(inner, role: Self.styled(role, .strong), into: &out, linkIndex: linkIndex)
            case .lineBreak:
                out.appendForcedBreak()
            case .link(let url, let inner):
                if linkIndex != nil { flatten(inner, role: role, into: &out, linkIndex: linkIndex); continue }
                let index = registerLink(url: url, text: Inline.plainText(inner), isRelated: false)
                flatten(inner, role: .link, into: &out, linkIndex: index)
                if showLinkNumbers { appendLinkNumber(index, to: &out) }
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
