/// Turns a subtree of an `HTMLTree` into story blocks: the shared back half of the cleaner and the extractor.
struct BlockConverter {
    let tree: HTMLTree
    let resolver: URLResolver
    /// Nodes to leave out (removed chrome, related-story lines already collected).
    var isSkipped: (Int) -> Bool = { _ in false }
    /// Conversion stops early once this passes (the caller then discards the blocks).
    var deadline: Deadline?

    private static let maximumDepth = 150
    private static let emphasisTags: TagSet = [.em, .i, .cite, .dfn, .var]
    private static let strongTags: TagSet = [.strong, .b]
    private static let codeTags: TagSet = [.code, .kbd, .samp, .tt]

    /// The blocks of a node's content (the node itself included when it is a block element).
    func blocks(of node: Int) -> [Block] {
        var out: [Block] = []
        var inline = InlineBuilder()
        convert(node, into: &out, inline: &inline, depth: 0)
        flush(&inline, into: &out)
        return out
    }

    /// The blocks of several sibling subtrees, in order.
    func blocks(of nodes: [Int]) -> [Block] {
        var out: [Block] = []
        var inline = InlineBuilder()
        for node in nodes { convert(node, into: &out, inline: &inline, depth: 0) }
        flush(&inline, into: &out)
        return out
    }

    private func flush(_ inline: inout InlineBuilder, into out: inout [Block]) {
        guard !inline.isEmpty else { _ = inline.finish(); return }
        let inlines = inline.finish()
        if !inlines.isEmpty { out.append(.paragraph(inlines)) }
    }

    private func convertChildren(_ node: Int, into out: inout [Block], inline: inout InlineBuilder, depth: Int) {
        for child in tree.children(node) { convert(child, into: &out, inline: &inline, depth: depth + 1) }
    }

    private func convert(_ index: Int, into out: inout [Block], inline: inout InlineBuilder, depth: Int) {
        if let deadline, deadline.checkOften() { return }
        let node = tree[index]
        if node.removed || isSkipped(index) { return }
        if node.isText { tree.textBytes(index).withUnsafeBufferPointer { inline.appendText($0) }; return }
        if depth > Self.maximumDepth {
            inline.appendText(" " + tree.textContent(index) + " ")
            return
        }
        let tag = node.tag
        if HTMLTags.invisible.contains(tag) { return }
        switch tag {
        case .br:
            inline.appendLineBreak()
        case .a:
            if let href = tree.attribute(index, .href), let url = resolver.link(href) {
                inline.openLink(url)
                convertChildren(index, into: &out, inline: &inline, depth: depth)
                inline.close()
            } else {
                convertChildren(index, into: &out, inline: &inline, depth: depth)
            }
        case _ where Self.emphasisTags.contains(tag):
            inline.openEmphasis(); convertChildren(index, into: &out, inline: &inline, depth: depth); inline.close()
        case _ where Self.strongTags.contains(tag):
            inline.openStrong(); convertChildren(index, into: &out, inline: &inline, depth: depth); inline.close()
        case _ where Self.codeTags.contains(tag):
            inline.appendCode(tree.textContent(index))
        case .img:
            switch image(index) {
            case .story(let url, let alt):
                flush(&inline, into: &out)
                out.append(.figure(imageURL: url, caption: [], alt: alt))
            case .character(let text):
                inline.appendText(text)
            case .decorative:
                break
            }
        case .h1, .h2, .h3, .h4, .h5, .h6:
            flush(&inline, into: &out)
            var inner: [Block] = []
            var headingInline = InlineBuilder()
            convertChildren(index, into: &inner, inline: &headingInline, depth: depth)
            let text = headingInline.finish()
            // Block content inside a heading (rare tag soup) is kept as paragraphs after it.
            if !text.isEmpty { out.append(.heading(level: tag.headingLevel, text)) }
            out.append(contentsOf: inner.filter { if case .figure = $0 { return true } else { return !($0.isEmptyParagraph) } })
        case .blockquote:
            flush(&inline, into: &out)
            var inner: [Block] = []
            var innerInline = InlineBuilder()
            convertChildren(index, into: &inner, inline: &innerInline, depth: depth)
            flush(&innerInline, into: &inner)
            if !inner.isEmpty { out.append(.quote(inner)) }
        case .ul, .ol, .menu:
            flush(&inline, into: &out)
            var items: [[Block]] = []
            for child in tree.children(index) {
                let c = tree[child]
                if c.removed || isSkipped(child) { continue }
                var inner: [Block] = []
                var innerInline = InlineBuilder()
                if c.tag == .li {
                    convertChildren(child, into: &inner, inline: &innerInline, depth: depth + 1)
                } else {
                    convert(child, into: &inner, inline: &innerInline, depth: depth + 1)
                }
                flush(&innerInline, into: &inner)
                if !inner.isEmpty { items.append(inner) }
            }
            if !items.isEmpty { out.append(.list(ordered: tag == .ol, items: items)) }
        case .pre:
            flush(&inline, into: &out)
            let text = preformattedText(index)
            if !text.isEmpty { out.append(.preformatted(text)) }
        case .figure:
            flush(&inline, into: &out)
            convertFigure(index, into: &out, depth: depth)
        case .figcaption:
            flush(&inline, into: &out)
            let caption = inlines(of: index, depth: depth)
            if !caption.isEmpty { out.append(.figure(imageURL: nil, caption: caption)) }
        case .table:
            flush(&inline, into: &out)
            convertTable(index, into: &out, depth: depth)
        case .hr:
            flush(&inline, into: &out)
            out.append(.rule)
        default:
            if HTMLTags.blockLike.contains(tag) {
                flush(&inline, into: &out)
                if tag == .div || tag == .p, FastText.contains(tree.hint(index), Self.wpCaption) {
                    convertFigure(index, into: &out, depth: depth)
                    return
                }
                convertChildren(index, into: &out, inline: &inline, depth: depth)
                flush(&inline, into: &out)
            } else {
                convertChildren(index, into: &out, inline: &inline, depth: depth)
            }
        }
    }

    /// The inline content of a node (block structure inside flattened into line breaks).
    func inlines(of index: Int, depth: Int = 0) -> [Inline] {
        var blocks: [Block] = []
        var inline = InlineBuilder()
        convertChildren(index, into: &blocks, inline: &inline, depth: depth)
        let tail = inline.finish()
        var result: [Inline] = []
        for block in blocks {
            switch block {
            case .paragraph(let i), .heading(_, let i), .figure(_, let i, _):
                if i.isEmpty { continue }
                if !result.isEmpty { result.append(.lineBreak) }
                result.append(contentsOf: i)
            default: break
            }
        }
        if !tail.isEmpty {
            if !result.isEmpty { result.append(.lineBreak) }
            result.append(contentsOf: tail)
        }
        return result
    }

    private func convertFigure(_ index: Int, into out: inout [Block], depth: Int) {
        var image: String?, alt: String?
        var captionNode: Int?
        for d in tree.descendants(of: index) {
            let n = tree[d]
            // The author made it a figure: an empty alt does not make its image decorative.
            if image == nil, n.tag == .img, !isTinyImage(d), !isIcon(d), let url = imageURL(d) {
                image = url
                alt = altText(d)
            }
            if captionNode == nil, n.tag == .figcaption || FastText.contains(tree.hint(d), Self.caption) && n.tag != .img { captionNode = d }
        }
        // What the figure holds besides its image and caption: a quote, a table, a code listing, paragraphs.
        let inner = BlockConverter(tree: tree, resolver: resolver,
                                   isSkipped: { self.isSkipped($0) || self.tree[$0].tag == .img || $0 == captionNode }, deadline: deadline)
            .blocks(of: Array(tree.children(index)))
        var caption = captionNode.map { inlines(of: $0, depth: depth) } ?? []
        if captionNode == nil, image != nil, inner.allSatisfy({ if case .paragraph = $0 { return true } else { return false } }) {
            // An image with a line of text beside it and no caption element: that text is its caption.
            for case .paragraph(let i) in inner where !i.isEmpty {
                if !caption.isEmpty { caption.append(.lineBreak) }
                caption += i
            }
        } else {
            out.append(contentsOf: inner)
        }
        if image != nil || !caption.isEmpty { out.append(.figure(imageURL: image, caption: caption, alt: alt)) }
    }

    private func convertTable(_ index: Int, into out: inout [Block], depth: Int) {
        var rowNodes: [Int] = []
        var stack: [Int] = Array(tree.children(index)).reversed()
        var nestedTable = false
        while let i = stack.popLast() {
            let n = tree[i]
            if n.removed || n.isText { continue }
            if n.tag == .tr { rowNodes.append(i); if tree.first(.table, in: i) != nil { nestedTable = true }; continue }
            if n.tag == .thead || n.tag == .tbody || n.tag == .tfoot { stack.append(contentsOf: Array(tree.children(i)).reversed()) }
        }
        var rows: [[Int]] = rowNodes.map { r in tree.children(r).filter { let t = tree[$0].tag; return (t == .td || t == .th) && !tree[$0].removed } }
        let columns = rows.map(\.count).max() ?? 0
        let isLayout = nestedTable || columns <= 1 || tree.attribute(index, .role) == "presentation"
            || rows.contains { row in row.contains { tree.descendants(of: $0).contains { HTMLTags.blockLike.contains(tree[$0].tag) && tree[$0].tag != .br && tree[$0].tag != .p } } }
        if isLayout {
            // Tables used for page layout: their cells are ordinary content.
            var inline = InlineBuilder()
            for r in rowNodes { for c in tree.children(r) { convert(c, into: &out, inline: &inline, depth: depth + 2); flush(&inline, into: &out) } }
            return
        }
        var header: [[Inline]]?
        if let first = rows.first, first.allSatisfy({ tree[$0].tag == .th }) {
            header = first.map { inlines(of: $0, depth: depth) }
            rows.removeFirst()
        }
        let body = rows.map { $0.map { inlines(of: $0, depth: depth) } }.filter { !$0.allSatisfy(\.isEmpty) }
        if header != nil || !body.isEmpty { out.append(.table(header: header, rows: body)) }
        if let caption = tree.children(index).first(where: { tree[$0].tag == .caption }) {
            let c = inlines(of: caption, depth: depth)
            if !c.isEmpty { out.append(.figure(imageURL: nil, caption: c)) }
        }
    }

    private func preformattedText(_ index: Int) -> String {
        var out = ""
        var stack: [Int] = [index]
        while let i = stack.popLast() {
            let n = tree[i]
            if n.removed { continue }
            if n.isText { out += tree.text(i); continue }
            if n.tag == .br { out += "\n" }
            if HTMLTags.invisible.contains(n.tag) { continue }
            stack.append(contentsOf: Array(tree.children(i)).reversed())
        }
        // Tabs expand to spaces; other controls never reach the document.
        var clean = String.UnicodeScalarView()
        for s in out.unicodeScalars {
            if s == "\t" { clean.append(contentsOf: "    ".unicodeScalars); continue }
            if s == "\r" { continue }
            if s == "\n" || !TerminalSafeScalars.isControl(s) && !(0x202A...0x202E).contains(s.value) && !(0x2066...0x2069).contains(s.value) { clean.append(s) }
        }
        var text = String(clean)
        while text.hasPrefix("\n") { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }

    func imageURL(_ index: Int) -> String? {
        for name in [Attr.dataSrc, .dataLazySrc, .dataOriginal, .src] {
            if let v = tree.attribute(index, name), !v.hasPrefix("data:"), let url = resolver.image(v) { return url }
        }
        if let set = tree.attribute(index, .srcset) ?? tree.attribute(index, .dataSrcset),
           let first = set.split(separator: ",").first?.split(separator: " ").first,
           let url = resolver.image(String(first)) { return url }
        return nil
    }

    enum ImageKind: Equatable {
        /// An image of the story, with its alternative text when it has one.
        case story(url: String, alt: String?)
        /// An image standing for a character (emoji drawn as images): its alt text goes inline.
        case character(String)
        /// Tracking pixels, spacers, icons, logos and images marked decorative (`alt=""`).
        case decorative
    }

    /// What an `<img>` outside a figure is to the story.
    func image(_ index: Int) -> ImageKind {
        let alt = altText(index)
        if let alt, FastText.contains(tree.hint(index), Self.emoji) || UTF8Text.isSymbols(alt) { return .character(alt) }
        guard let url = imageURL(index), !isTinyImage(index), !isIcon(index) else { return .decorative }
        if tree.attribute(index, .alt).map({ InlineBuilder.collapse($0).isEmpty }) == true { return .decorative }
        return .story(url: url, alt: alt)
    }

    /// The alternative text, whitespace collapsed; nil when absent or empty.
    func altText(_ index: Int) -> String? {
        guard let raw = tree.attribute(index, .alt) else { return nil }
        let alt = InlineBuilder.collapse(raw)
        return alt.isEmpty ? nil : alt
    }

    private static let emoji = Array("emoji".utf8)
    private static let iconFolders: Set<String> = ["icon", "icons", "logo", "logos", "sprite", "sprites", "emoji", "emojis", "badges",
                                                   "avatar", "avatars", "flags", "ico"]
    private static let iconHints = FastText.needles(["icon", "logo", "avatar", "sprite", "spinner", "spacer", "pixel", "tracking",
                                                     "badge", "gravatar", "loader", "placeholder"])

    /// Icons, logos, avatars, spinners and trackers, named so by their class, id or file name.
    func isIcon(_ index: Int) -> Bool {
        if FastText.containsAny(tree.hint(index), Self.iconHints) { return true }
        guard let src = tree.attribute(index, .src) else { return false }
        let path = (src.split(separator: "?").first ?? "").lowercased().split(separator: "/")
        let file = path.last ?? ""
        return FastText.containsAny(ArraySlice(file.utf8), Self.iconHints) || file.hasPrefix("1x1") || file.hasSuffix(".ico")
            || path.dropLast().contains { Self.iconFolders.contains(String($0)) }
    }

    func isTinyImage(_ index: Int) -> Bool {
        if let w = tree.attribute(index, .width).flatMap({ Int($0.prefix { $0.isNumber }) }), w > 0, w < 50 { return true }
        if let h = tree.attribute(index, .height).flatMap({ Int($0.prefix { $0.isNumber }) }), h > 0, h < 50 { return true }
        return false
    }

    private static let wpCaption = Array("wp-caption".utf8), caption = Array("caption".utf8)
}

extension Block {
    var isEmptyParagraph: Bool {
        if case .paragraph(let i) = self { return i.isEmpty }
        return false
    }
}
