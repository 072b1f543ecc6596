import CLibXML2

/// Builds an `HTMLTree` straight from libxml2's SAX events, so libxml2 never builds (and frees)
/// a tree of its own: that tree cost more time and memory than the rest of the parse.
final class TreeBuilder {
    // Only libxml2's callbacks touch these, one at a time: dynamic exclusivity checks on them
    // showed in profiles.
    @exclusivity(unchecked) private(set) var tree: HTMLTree
    /// The open elements, innermost last. An entry of an element that made no node of its own
    /// (past the depth cap, or a repeated <html>/<body>) holds the node its content goes into.
    @exclusivity(unchecked) private var open: [(index: Int, skipsText: Bool, ownsNode: Bool)]
    /// Text arrives in chunks; one text node is made of all the chunks between two tags.
    @exclusivity(unchecked) private var pendingText: [UInt8] = []
    /// Open elements whose text nothing reads (scripts other than JSON, style sheets).
    @exclusivity(unchecked) private var skipping = 0

    /// Elements nested deeper than this are flattened into their ancestor at this depth: every
    /// walk up the tree stays short, and hostile nesting (60,000 tables) costs no more than text.
    static let maximumDepth = 256
    /// The <html> and <body> nodes once made: content after `</body></html>` still belongs to the body, as in browsers.
    @exclusivity(unchecked) private var htmlNode = -1, bodyNode = -1

    /// Parsing stops (the tree keeps what was read) once this passes.
    private let deadline: Deadline?
    private var context: htmlParserCtxtPtr?
    private(set) var stopped = false

    init(capacity: Int, deadline: Deadline? = nil) {
        self.deadline = deadline
        tree = HTMLTree(capacity: capacity)
        open = [(tree.root, false, true)]
    }

    func startElement(_ name: UnsafePointer<UInt8>, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        if let deadline, deadline.checkOften() { stop() }
        flushText()
        let tag = Tag.named(Self.bytes(name))
        let current = open[open.count - 1]
        if tag == .html && htmlNode >= 0 || tag == .body && bodyNode >= 0 {
            open.append((bodyNode >= 0 ? bodyNode : htmlNode, current.skipsText, false))
            return
        }
        if open.count > Self.maximumDepth {
            let skipsText = tag == .style || tag == .script
            if skipsText { skipping += 1 }
            open.append((current.index, skipsText, false))
            return
        }
        let index = tree.appendElement(tag, parent: current.index)
        if tag == .html { htmlNode = index } else if tag == .body { bodyNode = index }
        var isJSON = false
        if let attributes {
            var k = 0
            while let rawName = attributes[k] {
                if let attr = Attr.named(Self.bytes(rawName)) {
                    let value = attributes[k + 1].map(Self.bytes) ?? UnsafeBufferPointer(start: nil, count: 0)
                    tree.addAttribute(attr, value)
                    if attr == .type { isJSON = FastText.contains(ArraySlice(value.map(HTMLTree.asciiLowercased)), Self.json) }
                }
                k += 2
            }
        }
        tree.finishAttributes()
        let skipsText = tag == .style || tag == .script && !isJSON
        if skipsText { skipping += 1 }
        open.append((index, skipsText, true))
    }

    func endElement() {
        flushText()
        guard open.count > 1 else { return }
        // `</body>` and `</html>` close nothing: what follows them is still body content.
        let top = open[open.count - 1]
        if top.ownsNode, top.index == bodyNode || top.index == htmlNode { return }
        let (index, skipsText, ownsNode) = open.removeLast()
        if skipsText { skipping -= 1 }
        if ownsNode { tree.close(index) }
    }

    func characters(_ text: UnsafePointer<UInt8>, _ length: Int32) {
        if let deadline, deadline.checkOften() { stop() }
        guard skipping == 0, length > 0 else { return }
        pendingText.append(contentsOf: UnsafeBufferPointer(start: text, count: Int(length)))
    }

    func finish() -> HTMLTree {
        flushText()
        for entry in open.reversed() where entry.ownsNode { tree.close(entry.index) }
        open.removeAll()
        return tree
    }

    private func flushText() {
        guard !pendingText.isEmpty else { return }
        pendingText.withUnsafeBufferPointer { tree.appendText($0, parent: open[open.count - 1].index) }
        pendingText.removeAll(keepingCapacity: true)
    }

    private static let json = Array("json".utf8)

    static func bytes(_ p: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: p, count: Int(xmlStrlen(p)))
    }

    private func stop() {
        guard !stopped, let context else { return }
        stopped = true
        xmlStopParser(context)
    }

    /// Points libxml2's SAX handler of `context` at this builder (kept in the context's `_private`).
    func attach(to context: htmlParserCtxtPtr) {
        self.context = context
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        guard let sax = context.pointee.sax else { return }
        sax.pointee = xmlSAXHandler()
        sax.pointee.startElement = { context, name, attributes in
            guard let builder = TreeBuilder.from(context), let name else { return }
            builder.startElement(name, attributes)
        }
        sax.pointee.endElement = { context, _ in TreeBuilder.from(context)?.endElement() }
        let text: charactersSAXFunc = { context, text, length in
            guard let builder = TreeBuilder.from(context), let text else { return }
            builder.characters(text, length)
        }
        sax.pointee.characters = text
        sax.pointee.ignorableWhitespace = text
        // Script and style content arrives as CDATA.
        sax.pointee.cdataBlock = text
    }

    private static func from(_ context: UnsafeMutableRawPointer?) -> TreeBuilder? {
        guard let context, let builder = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
        return Unmanaged<TreeBuilder>.fromOpaque(builder).takeUnretainedValue()
    }
}
