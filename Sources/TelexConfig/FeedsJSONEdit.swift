/// Changes feeds.json's text the way a careful person would by hand: only the bytes of the feeds and
/// sections that change are written, in the style of their neighbours (indentation, spacing, one line
/// or several), and every other byte (keys, their order, settings, formatting) stays as it was.
///
/// Re-serialising a parsed document would lose the user's formatting and key order; JSON has no
/// comments, so the located parser's byte spans are all an edit needs. Every edit re-parses the text,
/// so spans are never stale; callers validate the result (`FeedsFile` does) before writing it.
public struct FeedsJSONEdit: Sendable {
    public private(set) var bytes: [UInt8]
    private var root: JSONNode

    /// A feed to write: its URL and an optional title.
    public struct NewFeed: Sendable, Hashable {
        public var url: String
        public var title: String?
        public init(url: String, title: String? = nil) { self.url = url; self.title = title }
    }

    /// Where a feed is: indexes into `sections` and the section's `feeds`, as `Configuration` orders them.
    public struct Position: Sendable, Hashable {
        public var section: Int
        public var feed: Int
        public init(section: Int, feed: Int) { self.section = section; self.feed = feed }
    }

    public init(bytes: [UInt8]) throws(JSONSyntaxError) {
        self.bytes = bytes
        root = try LocatedJSONParser.parse(bytes)
    }

    public init(text: String) throws(JSONSyntaxError) { try self.init(bytes: Array(text.utf8)) }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text a configuration starts from when it has no file yet and no default to copy.
    public static let emptyDocument = "{\n  \"sections\": []\n}\n"

    // MARK: Edits

    /// Appends feeds to the section named `name` (compared without case), or to a new section of
    /// that name added after the last one.
    public mutating func append(_ feeds: [NewFeed], toSection name: String) {
        guard !feeds.isEmpty else { return }
        append(rendered: feeds.map { feed -> Renderer in { edit, base in edit.renderFeed(feed, base: base) } }, toSection: name)
    }

    /// Removes a feed; a section left without feeds is removed too (feeds.json has no empty sections).
    /// Returns whether the section went.
    @discardableResult
    public mutating func removeFeed(at position: Position) -> Bool {
        let sectionsNode = sectionsArray
        let sections = sectionsNode.elements
        guard sections.indices.contains(position.section) else { return false }
        let feedsNode = sections[position.section]["feeds"] ?? .array([], JSONSpan(line: 0, start: 0, end: 0))
        let feeds = feedsNode.elements
        guard feeds.indices.contains(position.feed) else { return false }
        if feeds.count == 1 {
            removeElement(position.section, of: sectionsNode)
            return true
        }
        removeElement(position.feed, of: feedsNode)
        return false
    }

    /// Moves a feed's text (as written, with any options it has) to the end of another section, created
    /// when missing. Returns whether the section it left went (it had no other feed).
    @discardableResult
    public mutating func moveFeed(at position: Position, toSection name: String) -> Bool {
        let sections = sectionsArray.elements
        guard sections.indices.contains(position.section),
              let feedNode = sections[position.section]["feeds"]?.elements[safe: position.feed] else { return false }
        let original = Array(bytes[feedNode.span.range])
        let originalBase = elementIndent(of: feedNode)
        let removedSection = removeFeed(at: position)
        append(rendered: [{ _, base in Self.reindent(original, from: originalBase, to: base) }], toSection: name)
        return removedSection
    }

    // MARK: Reading

    /// The section names in file order.
    public var sectionNames: [String] { sectionsArray.elements.map { $0["name"]?.stringValue ?? "" } }

    private var sectionsArray: JSONNode {
        root["sections"] ?? .array([], JSONSpan(line: 0, start: 0, end: 0))
    }

    // MARK: Splicing

    private typealias Renderer = (FeedsJSONEdit, _ base: [UInt8]) -> [UInt8]

    private mutating func append(rendered feeds: [Renderer], toSection name: String) {
        let sections = sectionsArray.elements
        if let index = sections.firstIndex(where: { ($0["name"]?.stringValue ?? "").caseInsensitiveEquals(name) }),
           let feedsNode = sections[index]["feeds"] {
            appendElements(feeds, to: feedsNode, sample: sampleFeedsArray(preferring: feedsNode))
        } else {
            appendSection(named: name, feeds: feeds)
        }
    }

    private mutating func appendSection(named name: String, feeds: [Renderer]) {
        let sectionsNode = sectionsArray
        let sampleSection = sectionsNode.elements.last
        let sectionStyle = sampleSection.flatMap { layoutStyle(of: $0) } ?? defaultStyle(multiline: true)
        let feedsStyle = sampleFeedsArray(preferring: nil).flatMap { layoutStyle(of: $0) } ?? defaultStyle(multiline: true)
        let section: Renderer = { edit, base in
            let style = sectionStyle.reindented(to: base)
            let memberBase = style.entryIndent ?? base
            let feedsBase = memberBase
            let arrayStyle = feedsStyle.reindented(to: feedsBase)
            let feedBase = arrayStyle.entryIndent ?? feedsBase
            let feedTexts = feeds.map { $0(edit, feedBase) }
            let feedsText = arrayStyle.render(open: "[", entries: feedTexts, close: "]")
            return style.render(open: "{", entries: [
                Self.quoted("name") + style.colon + Self.quoted(name),
                Self.quoted("feeds") + style.colon + feedsText,
            ], close: "}")
        }
        if sectionsNode.elements.isEmpty, sectionsNode.span.end == 0 {
            // No "sections" key at all: the document is not a feeds.json; callers validate first.
            return
        }
        appendElements([section], to: sectionsNode, sample: sectionsNode)
    }

    /// Inserts rendered elements after the last element of an array, separated as its elements are.
    private mutating func appendElements(_ renderers: [Renderer], to array: JSONNode, sample: JSONNode?) {
        let elements = array.elements
        if let last = elements.last {
            let style = layoutStyle(of: array)!
            let base = style.entryIndent ?? lineIndent(at: array.span.start)
            var insertion: [UInt8] = []
            for render in renderers { insertion += style.separator + render(self, base) }
            splice(last.span.end..<last.span.end, insertion)
        } else {
            let arrayBase = lineIndent(at: array.span.start)
            let style = (sample.flatMap { layoutStyle(of: $0) } ?? defaultStyle(multiline: true)).reindented(to: arrayBase)
            let base = style.entryIndent ?? arrayBase
            let inner = style.render(open: "", entries: renderers.map { $0(self, base) }, close: "")
            splice(array.span.start + 1..<array.span.end - 1, inner)
        }
    }

    /// Removes element `index` of `array` with the separator that joined it to a neighbour.
    private mutating func removeElement(_ index: Int, of array: JSONNode) {
        let elements = array.elements
        guard elements.indices.contains(index) else { return }
        if elements.count == 1 {
            splice(array.span.start + 1..<array.span.end - 1, [])
        } else if index < elements.count - 1 {
            splice(elements[index].span.start..<elements[index + 1].span.start, [])
        } else {
            splice(elements[index - 1].span.end..<elements[index].span.end, [])
        }
    }

    private mutating func splice(_ range: Range<Int>, _ replacement: [UInt8]) {
        bytes.replaceSubrange(range, with: replacement)
        // The text stays valid JSON by construction; a failure here is a defect the caller's validation reports.
        if let parsed = try? LocatedJSONParser.parse(bytes) { root = parsed }
    }

    // MARK: Style

    /// How a container lays out its entries, learned from one in the file.
    struct Style {
        /// Whitespace after the opening bracket, between entries (after the comma), before the closing one.
        var open: [UInt8]
        var separator: [UInt8]
        var close: [UInt8]
        /// Between a key and its value (objects).
        var colon: [UInt8]
        /// The indentation of the line the container starts on.
        var base: [UInt8]

        /// The indentation of entries on their own lines, nil when they share the container's line.
        var entryIndent: [UInt8]? { FeedsJSONEdit.indentAfterLastNewline(open) }

        func render(open o: String, entries: [[UInt8]], close c: String) -> [UInt8] {
            var out = Array(o.utf8)
            guard !entries.isEmpty else { return out + Array(c.utf8) }
            out += open
            for (i, e) in entries.enumerated() {
                if i > 0 { out += separator }
                out += e
            }
            return out + close + Array(c.utf8)
        }

        func reindented(to target: [UInt8]) -> Style {
            Style(open: FeedsJSONEdit.reindent(open, from: base, to: target),
                  separator: FeedsJSONEdit.reindent(separator, from: base, to: target),
                  close: FeedsJSONEdit.reindent(close, from: base, to: target),
                  colon: colon, base: target)
        }
    }

    private func layoutStyle(of node: JSONNode) -> Style? {
        var starts: [Int] = [], ends: [Int] = []
        var colon = Array(": ".utf8)
        switch node {
        case .object(let members, _):
            starts = members.map(\.keySpan.lowerBound)
            ends = members.map(\.value.span.end)
            if let first = members.first { colon = Array(bytes[first.keySpan.upperBound..<first.value.span.start]) }
        case .array(let items, _):
            starts = items.map(\.span.start)
            ends = items.map(\.span.end)
        default:
            return nil
        }
        guard let firstStart = starts.first, let lastEnd = ends.last else { return nil }
        let open = Array(bytes[node.span.start + 1..<firstStart])
        let close = Array(bytes[lastEnd..<node.span.end - 1])
        let separator: [UInt8]
        if starts.count >= 2 {
            separator = Array(bytes[ends[0]..<starts[1]])
        } else {
            // One entry: its neighbours will sit as it sits after the bracket (", " after "[ ", "," after "[").
            separator = [UInt8(ascii: ",")] + open
        }
        return Style(open: open, separator: separator, close: close, colon: colon, base: lineIndent(at: node.span.start))
    }

    /// Entries on their own lines, one indentation unit deeper than the container; or all on one line.
    private func defaultStyle(multiline: Bool) -> Style {
        guard multiline else {
            return Style(open: Array(" ".utf8), separator: Array(", ".utf8), close: Array(" ".utf8), colon: Array(": ".utf8), base: [])
        }
        let unit = indentUnit
        return Style(open: [0x0A] + unit, separator: [UInt8(ascii: ","), 0x0A] + unit, close: [0x0A], colon: Array(": ".utf8), base: [])
    }

    /// The feeds array to copy the layout of: the target's when it has feeds, else the last non-empty one.
    private func sampleFeedsArray(preferring node: JSONNode?) -> JSONNode? {
        if let node, !node.elements.isEmpty { return node }
        return sectionsArray.elements.reversed().compactMap { $0["feeds"] }.first { !$0.elements.isEmpty }
    }

    /// A feed object in the layout of the last feed written in the file (or `{ "url": …, "title": … }`).
    func renderFeed(_ feed: NewFeed, base: [UInt8]) -> [UInt8] {
        let sample = sectionsArray.elements.reversed().compactMap { $0["feeds"]?.elements.last }.first
        let style = (sample.flatMap { layoutStyle(of: $0) } ?? defaultStyle(multiline: false)).reindented(to: base)
        var members = [Self.quoted("url") + style.colon + Self.quoted(feed.url)]
        if let title = feed.title, !title.isEmpty { members.append(Self.quoted("title") + style.colon + Self.quoted(title)) }
        return style.render(open: "{", entries: members, close: "}")
    }

    /// The indentation of an element on its own line, else of the line it is on.
    private func elementIndent(of node: JSONNode) -> [UInt8] { lineIndent(at: node.span.start) }

    /// The spaces and tabs that start the line holding `offset`.
    private func lineIndent(at offset: Int) -> [UInt8] {
        var start = min(offset, bytes.count)
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        var end = start
        while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
        return Array(bytes[start..<end])
    }

    /// The file's indentation step: the indentation of its first indented line (two spaces when none).
    private var indentUnit: [UInt8] {
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A, i + 1 < bytes.count, bytes[i + 1] == 0x20 || bytes[i + 1] == 0x09 {
                let indent = lineIndent(at: i + 1)
                if !indent.isEmpty { return indent }
            }
            i += 1
        }
        return Array("  ".utf8)
    }

    static func indentAfterLastNewline(_ whitespace: [UInt8]) -> [UInt8]? {
        guard let newline = whitespace.lastIndex(of: 0x0A) else { return nil }
        return Array(whitespace[(newline + 1)...])
    }

    /// Rewrites every line break in `text` followed by `from` as one followed by `to`.
    static func reindent(_ text: [UInt8], from: [UInt8], to: [UInt8]) -> [UInt8] {
        guard from != to, text.contains(0x0A) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            out.append(text[i])
            if text[i] == 0x0A, text[(i + 1)...].starts(with: from) {
                out += to
                i += from.count
            }
            i += 1
        }
        return out
    }

    /// A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped;
    /// everything else written as UTF-8.
    static func quoted(_ s: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for b in s.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(0x22)
        return out
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
