/// A compact, read-mostly parsed HTML document, filled by `TreeBuilder` from libxml2's SAX events:
/// nodes in document order, linked by index.
///
/// Nodes are plain values (no strings, no arrays) so that walking and copying the tree costs no
/// reference counting; text, attribute values and class/id hints live in one byte buffer. Document
/// order makes every subtree a contiguous range of indices, so walks need no stack. Nodes are never
/// moved, only marked `removed`.
struct HTMLTree {
    struct Node {
        var tag: Tag
        var removed = false
        fileprivate var parent32: Int32
        fileprivate var firstChild: Int32 = -1
        fileprivate var lastChild: Int32 = -1
        fileprivate var nextSibling: Int32 = -1
        /// One past the last node of the subtree.
        fileprivate(set) var end: Int32 = 0
        /// Text nodes: the raw text. Elements: class and id, ASCII-lowercased, joined by a space.
        fileprivate(set) var start: Int32 = 0, count: Int32 = 0
        /// Elements: bytes of the class part of the hint.
        fileprivate var classCount: Int32 = 0
        fileprivate var attributeStart: Int32 = 0, attributeCount: Int32 = 0
        /// Text nodes: collapsed length and commas, computed once at parse time.
        var textLength: Int32 = 0, commas: Int32 = 0

        var isText: Bool { tag == ._text }
        var parent: Int { Int(parent32) }
        var hasHint: Bool { count > 0 && !isText }
    }

    struct Attribute { var name: Attr; var start: Int32; var count: Int32 }

    private(set) var nodes: [Node]
    private(set) var bytes: [UInt8] = []
    private var attributes: [Attribute] = []
    /// Index of the document root (a synthetic element containing everything).
    let root = 0

    init(capacity: Int = 0) {
        nodes = [Node(tag: ._root, parent32: -1)]
        // Generous: reserved pages that are never written are never resident, while growing by
        // doubling would copy and briefly hold both buffers.
        nodes.reserveCapacity(capacity / 16)
        bytes.reserveCapacity(capacity)
    }

    subscript(_ index: Int) -> Node {
        @inline(__always) get { nodes[index] }
    }

    var count: Int { nodes.count }

    // MARK: Building (document order: a node's subtree is complete before its next sibling)

    /// Appends an element; its attributes follow with `addAttribute`, then `finishAttributes`.
    mutating func appendElement(_ tag: Tag, parent: Int) -> Int {
        var node = Node(tag: tag, parent32: Int32(parent))
        node.attributeStart = Int32(attributes.count)
        return link(node)
    }

    /// Adds an attribute to the element appended last.
    mutating func addAttribute(_ name: Attr, _ value: UnsafeBufferPointer<UInt8>) {
        attributes.append(Attribute(name: name, start: Int32(bytes.count), count: Int32(value.count)))
        bytes.append(contentsOf: value)
        nodes[nodes.count - 1].attributeCount += 1
    }

    /// Builds the class/id hint of the element appended last.
    mutating func finishAttributes() {
        let last = nodes.count - 1
        var node = nodes[last]
        var classRange: Range<Int>?, idRange: Range<Int>?
        for a in attributes[Int(node.attributeStart)...] {
            if a.name == .class { classRange = Int(a.start)..<Int(a.start + a.count) }
            if a.name == .id { idRange = Int(a.start)..<Int(a.start + a.count) }
        }
        node.start = Int32(bytes.count)
        if let r = classRange { for k in r { bytes.append(Self.asciiLowercased(bytes[k])) } }
        node.classCount = Int32(bytes.count) - node.start
        if let r = idRange { bytes.append(0x20); for k in r { bytes.append(Self.asciiLowercased(bytes[k])) } }
        node.count = Int32(bytes.count) - node.start
        nodes[last] = node
    }

    mutating func appendText(_ text: UnsafeBufferPointer<UInt8>, parent: Int) {
        var node = Node(tag: ._text, parent32: Int32(parent))
        node.start = Int32(bytes.count)
        node.count = Int32(text.count)
        let (length, commas) = Self.measure(text)
        node.textLength = Int32(length)
        node.commas = Int32(commas)
        bytes.append(contentsOf: text)
        link(node)
    }

    /// Records where an element's subtree ends; call once its last descendant is appended.
    mutating func close(_ index: Int) { nodes[index].end = Int32(nodes.count) }

    @discardableResult
    private mutating func link(_ node: Node) -> Int {
        let index = nodes.count
        var node = node
        node.end = Int32(index + 1)
        nodes.append(node)
        let p = node.parent
        if p >= 0 {
            if nodes[p].lastChild >= 0 { nodes[Int(nodes[p].lastChild)].nextSibling = Int32(index) } else { nodes[p].firstChild = Int32(index) }
            nodes[p].lastChild = Int32(index)
        }
        return index
    }

    @inline(__always)
    static func asciiLowercased(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    // MARK: Reading

    /// One past the last node below `index`.
    func end(_ index: Int) -> Int { Int(nodes[index].end) }

    func isDescendant(_ index: Int, of ancestor: Int) -> Bool { index > ancestor && index < end(ancestor) }

    func children(_ index: Int) -> Children { Children(nodes: nodes, first: Int(nodes[index].firstChild)) }

    struct Children: Sequence, IteratorProtocol {
        let nodes: [Node]
        var cursor: Int
        init(nodes: [Node], first: Int) { self.nodes = nodes; cursor = first }
        mutating func next() -> Int? {
            guard cursor >= 0 else { return nil }
            defer { cursor = Int(nodes[cursor].nextSibling) }
            return cursor
        }
    }

    func attribute(_ index: Int, _ name: Attr) -> String? {
        let n = nodes[index]
        guard !n.isText else { return nil }
        for k in Int(n.attributeStart)..<Int(n.attributeStart + n.attributeCount) where attributes[k].name == name {
            let a = attributes[k]
            return String(decoding: bytes[Int(a.start)..<Int(a.start + a.count)], as: UTF8.self)
        }
        return nil
    }

    func hasAttribute(_ index: Int, _ name: Attr) -> Bool {
        let n = nodes[index]
        return !n.isText && (Int(n.attributeStart)..<Int(n.attributeStart + n.attributeCount)).contains { attributes[$0].name == name }
    }

    /// The raw text of a text node.
    func text(_ index: Int) -> String {
        String(decoding: textBytes(index), as: UTF8.self)
    }

    func textBytes(_ index: Int) -> ArraySlice<UInt8> {
        let n = nodes[index]
        return n.isText ? bytes[Int(n.start)..<Int(n.start + n.count)] : []
    }

    /// Lowercased class and id joined (elements), for the readability hints.
    func hint(_ index: Int) -> ArraySlice<UInt8> {
        let n = nodes[index]
        return n.isText ? [] : bytes[Int(n.start)..<Int(n.start + n.count)]
    }

    /// The lowercased class attribute (empty when absent).
    func classHint(_ index: Int) -> ArraySlice<UInt8> {
        let n = nodes[index]
        return n.isText ? [] : bytes[Int(n.start)..<Int(n.start + n.classCount)]
    }

    /// The lowercased id attribute (empty when absent).
    func idHint(_ index: Int) -> ArraySlice<UInt8> {
        let n = nodes[index]
        guard !n.isText, n.count > n.classCount else { return [] }
        return bytes[Int(n.start + n.classCount + 1)..<Int(n.start + n.count)]
    }

    /// Elements in document order below `start` (not including it), optionally with one tag.
    func descendants(of start: Int, tag: Tag? = nil, includeRemoved: Bool = false) -> [Int] {
        var result: [Int] = []
        var k = start + 1
        let stop = end(start)
        while k < stop {
            let n = nodes[k]
            if n.removed && !includeRemoved { k = Int(n.end); continue }
            if !n.isText, tag == nil || n.tag == tag { result.append(k) }
            k += 1
        }
        return result
    }

    /// The first element with the tag below `start` (removed or not).
    func first(_ tag: Tag, in start: Int = 0) -> Int? {
        var k = start + 1
        let stop = end(start)
        while k < stop {
            if nodes[k].tag == tag { return k }
            k += 1
        }
        return nil
    }

    mutating func remove(_ index: Int) { nodes[index].removed = true }
}

/// Tag classes used across parsing, scoring and conversion.
enum HTMLTags {
    /// Never shown. (`noscript` and `button` are shown when they hold the page: see `HiddenContent`.)
    static let invisible: TagSet = [.script, .style, .template, .head, .title, .meta, .link, .svg, .math,
                                    .input, .select, .textarea, .option, .iframe, .object, .embed, .canvas, .audio, .video,
                                    .source, .track, .map, .dialog]
    static let blockLike: TagSet = [.p, .div, .section, .article, .main, .header, .footer, .aside, .nav, .h1, .h2, .h3, .h4,
                                    .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd, .blockquote, .pre, .figure, .figcaption, .table,
                                    .thead, .tbody, .tfoot, .tr, .td, .th, .caption, .hr, .form, .fieldset, .address,
                                    .center, .details, .summary, .body, .html, .hgroup, .menu, .picture]
}
