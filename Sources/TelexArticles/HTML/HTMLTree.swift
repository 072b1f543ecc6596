/// A compact, read-mostly copy of a parsed HTML document: nodes in document order, linked by index.
///
/// Built once from libxml2's tree so that scoring and conversion are plain Swift over arrays;
/// nodes are never moved, only marked `removed`.
struct HTMLTree {
    struct Attribute { var name: String; var value: String }

    struct Node {
        /// Lowercased tag name; empty for a text node.
        var tag: String
        /// Text content for a text node (raw, whitespace not collapsed).
        var text: String
        var attributes: [Attribute]
        var parent: Int
        var children: [Int]
        var removed = false
        /// Lowercased class and id joined (elements), for the readability hints; computed once.
        var hint: String = ""
        /// Collapsed text length and commas (text nodes), computed once at parse time.
        var textLength = 0
        var commas = 0

        var isText: Bool { tag.isEmpty }
        func attribute(_ name: String) -> String? {
            for a in attributes where a.name == name { return a.value }
            return nil
        }
        /// class and id joined, lowercased, for the readability hints.
        var classAndID: String { hint }
    }

    var nodes: [Node]
    /// Index of the document root (a synthetic element containing everything).
    let root = 0

    init() {
        nodes = [Node(tag: "#root", text: "", attributes: [], parent: -1, children: [])]
    }

    @discardableResult
    mutating func append(_ node: Node) -> Int {
        let index = nodes.count
        var node = node
        if node.isText {
            node.textLength = HTMLTree.collapsedLength(node.text)
            node.commas = HTMLTree.commaCount(node.text)
        } else {
            var h = ""
            if let c = node.attribute("class") { h += c }
            if let i = node.attribute("id") { h += " " + i }
            node.hint = h.lowercased()
        }
        nodes.append(node)
        if node.parent >= 0 { nodes[node.parent].children.append(index) }
        return index
    }

    subscript(_ index: Int) -> Node { nodes[index] }

    /// Elements in document order below `start` (not including it) with the given tag.
    func descendants(of start: Int, tag: String? = nil, includeRemoved: Bool = false) -> [Int] {
        var result: [Int] = []
        var stack: [Int] = nodes[start].children.reversed()
        while let i = stack.popLast() {
            let n = nodes[i]
            if n.removed && !includeRemoved { continue }
            if !n.isText, tag == nil || n.tag == tag { result.append(i) }
            stack.append(contentsOf: n.children.reversed())
        }
        return result
    }

    /// The first element with the tag anywhere in the document.
    func first(_ tag: String, in start: Int = 0) -> Int? {
        var stack: [Int] = nodes[start].children.reversed()
        while let i = stack.popLast() {
            if nodes[i].tag == tag { return i }
            stack.append(contentsOf: nodes[i].children.reversed())
        }
        return nil
    }

    /// Visible text below a node, whitespace collapsed to single spaces, trimmed.
    func textContent(_ start: Int, limit: Int = .max) -> String {
        var out = ""
        var pendingSpace = false
        var stack: [Int] = [start]
        while let i = stack.popLast() {
            let n = nodes[i]
            if n.removed { continue }
            if n.isText {
                for scalar in n.text.unicodeScalars {
                    if HTMLTree.isSpace(scalar) { pendingSpace = true; continue }
                    if pendingSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
                    pendingSpace = false
                    out.unicodeScalars.append(scalar)
                }
                if out.utf8.count >= limit { break }
            } else {
                if HTMLTags.invisible.contains(n.tag) { continue }
                if HTMLTags.blockLike.contains(n.tag) || n.tag == "br" { pendingSpace = true }
                stack.append(contentsOf: n.children.reversed())
            }
        }
        return out
    }

    /// Length in characters of the collapsed text below a node, and the part inside links.
    func textAndLinkLength(_ start: Int) -> (text: Int, link: Int) {
        var text = 0, link = 0
        var stack: [(Int, Bool)] = [(start, nodes[start].tag == "a")]
        while let (i, inLink) = stack.popLast() {
            let n = nodes[i]
            if n.removed { continue }
            if n.isText {
                let count = n.textLength
                text += count
                if inLink { link += count }
            } else if !HTMLTags.invisible.contains(n.tag) {
                let childInLink = inLink || n.tag == "a"
                for c in n.children { stack.append((c, childInLink)) }
            }
        }
        return (text, link)
    }

    /// Characters after collapsing whitespace (ASCII whitespace and NBSP-free fast path over UTF-8;
    /// every non-ASCII scalar counts as one character).
    static func collapsedLength(_ s: String) -> Int {
        var count = 0
        var lastSpace = true
        for b in s.utf8 {
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                if !lastSpace { count += 1; lastSpace = true }
            } else if b & 0xC0 != 0x80 {
                count += 1; lastSpace = false
            }
        }
        return count
    }

    /// Whitespace with an ASCII fast path (Unicode properties are slow to look up).
    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return s.properties.isWhitespace
    }

    /// The first characters of the visible text below a node (cheap: stops early).
    func leadingText(_ start: Int, characters: Int) -> String {
        var out = ""
        var stack: [Int] = [start]
        while let i = stack.popLast() {
            let n = nodes[i]
            if n.removed { continue }
            if n.isText {
                out += n.text
                if out.utf8.count >= characters * 4 { break }
            } else if !HTMLTags.invisible.contains(n.tag) {
                if HTMLTags.blockLike.contains(n.tag) { out += " " }
                stack.append(contentsOf: n.children.reversed())
            }
        }
        return InlineBuilder.collapse(String(out.prefix(characters * 2)))
    }

    /// Commas in Latin, CJK and Arabic scripts.
    static func commaCount(_ s: String) -> Int {
        var c = 0
        var previous: (UInt8, UInt8) = (0, 0)
        for b in s.utf8 {
            if b == 0x2C { c += 1 }
            // U+FF0C (EF BC 8C), U+3001 (E3 80 81), U+060C (D8 8C)
            else if b == 0x8C && previous == (0xEF, 0xBC) || b == 0x81 && previous == (0xE3, 0x80) || b == 0x8C && previous.1 == 0xD8 { c += 1 }
            previous = (previous.1, b)
        }
        return c
    }

    /// Depth of a node (root is 0).
    func ancestors(of index: Int) -> [Int] {
        var result: [Int] = []
        var p = nodes[index].parent
        while p >= 0 { result.append(p); p = nodes[p].parent }
        return result
    }

    func isInside(_ index: Int, tags: Set<String>) -> Bool {
        var p = nodes[index].parent
        while p >= 0 {
            if tags.contains(nodes[p].tag) { return true }
            p = nodes[p].parent
        }
        return false
    }

    mutating func remove(_ index: Int) { nodes[index].removed = true }
}

/// Tag classes used across parsing, scoring and conversion.
enum HTMLTags {
    static let invisible: Set<String> = ["script", "style", "noscript", "template", "head", "title", "meta", "link",
                                         "svg", "math", "button", "input", "select", "textarea", "option", "iframe",
                                         "object", "embed", "canvas", "audio", "video", "source", "track", "map", "dialog"]
    static let blockLike: Set<String> = ["p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
                                         "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
                                         "blockquote", "pre", "figure", "figcaption", "table", "thead", "tbody", "tfoot",
                                         "tr", "td", "th", "caption", "hr", "form", "fieldset", "address", "center",
                                         "details", "summary", "body", "html", "hgroup", "menu", "picture"]
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
}

/// Substring search over UTF-8 bytes: hints are searched thousands of times per page, and
/// Foundation's `String.contains(String)` goes through NSString.
enum FastText {
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var h = haystack, n = needle
        return h.withUTF8 { hb in
            n.withUTF8 { nb in
                guard nb.count > 0 else { return true }
                guard hb.count >= nb.count else { return false }
                let first = nb[0]
                var i = 0
                let last = hb.count - nb.count
                while i <= last {
                    if hb[i] == first {
                        var j = 1
                        while j < nb.count && hb[i + j] == nb[j] { j += 1 }
                        if j == nb.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    static func containsAny(_ haystack: String, _ needles: [String]) -> Bool {
        needles.contains { contains(haystack, $0) }
    }
}
