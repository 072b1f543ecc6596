/// A block of a story body.
public indirect enum Block: Sendable, Hashable {
    case heading(level: Int, [Inline])
    case paragraph([Inline])
    case quote([Block])
    case list(ordered: Bool, items: [[Block]])
    case preformatted(String)
    /// An image and/or its caption; `alt` is the image's alternative text (shown when there is no
    /// caption). Documents stored before `alt` existed decode with `alt` nil.
    case figure(imageURL: String?, caption: [Inline], alt: String? = nil)
    case table(header: [[Inline]]?, rows: [[[Inline]]])
    case rule

    /// Appends this block's text as plain paragraphs (lists give one paragraph per item line).
    func appendPlainParagraphs(to out: inout [String], keepingSoftHyphens: Bool = false) {
        switch self {
        case .heading(_, let inlines), .paragraph(let inlines):
            let text = Inline.plainText(inlines, keepingSoftHyphens: keepingSoftHyphens)
            if !text.isEmpty { out.append(text) }
        case .figure(_, let caption, _):
            let text = Inline.plainText(caption, keepingSoftHyphens: keepingSoftHyphens)
            if !text.isEmpty { out.append(text) }
        case .quote(let blocks):
            for block in blocks { block.appendPlainParagraphs(to: &out, keepingSoftHyphens: keepingSoftHyphens) }
        case .list(_, let items):
            for item in items {
                var inner: [String] = []
                for block in item { block.appendPlainParagraphs(to: &inner, keepingSoftHyphens: keepingSoftHyphens) }
                if !inner.isEmpty { out.append(inner.joined(separator: "\n")) }
            }
        case .preformatted(let text):
            if !text.isEmpty { out.append(text) }
        case .table(let header, let rows):
            var lines: [String] = []
            if let header { lines.append(header.map(Inline.plainText).joined(separator: "\t")) }
            for row in rows { lines.append(row.map(Inline.plainText).joined(separator: "\t")) }
            if !lines.isEmpty { out.append(lines.joined(separator: "\n")) }
        case .rule:
            break
        }
    }

    func collectLinks(into out: inout [DocumentLink]) {
        switch self {
        case .heading(_, let inlines), .paragraph(let inlines), .figure(_, let inlines, _):
            Inline.collectLinks(inlines, into: &out)
        case .quote(let blocks):
            for block in blocks { block.collectLinks(into: &out) }
        case .list(_, let items):
            for item in items { for block in item { block.collectLinks(into: &out) } }
        case .table(let header, let rows):
            for cell in header ?? [] { Inline.collectLinks(cell, into: &out) }
            for row in rows { for cell in row { Inline.collectLinks(cell, into: &out) } }
        case .preformatted, .rule:
            break
        }
    }
}
