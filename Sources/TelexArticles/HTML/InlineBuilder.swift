import TelexScreen

/// Accumulates inline content with HTML whitespace rules: runs of whitespace collapse to one
/// space across element boundaries, and a paragraph is trimmed at both ends.
struct InlineBuilder {
    private enum Frame { case emphasis, strong, link(String) }
    private var stack: [(Frame?, [Inline])] = [(nil, [])]
    private var pendingSpace = false
    private var hasContent = false
    /// The last thing emitted was a space or a line break: a pending space is not needed.
    private var lastEmittedSpace = true
    /// Characters of visible text appended so far.
    private(set) var length = 0

    var isEmpty: Bool { !hasContent }

    mutating func appendText(_ raw: String) {
        var piece = ""
        for scalar in raw.unicodeScalars {
            if scalar.properties.isWhitespace && scalar.value != 0xA0 && scalar.value != 0x202F {
                pendingSpace = true
                continue
            }
            if TerminalSafe.isUnsafe(scalar) || scalar.value == 0xAD || scalar.value == 0xFEFF { continue }
            if pendingSpace && (hasContent || !piece.isEmpty) && !lastEmittedSpace { piece.unicodeScalars.append(" ") }
            pendingSpace = false
            lastEmittedSpace = false
            piece.unicodeScalars.append(scalar)
        }
        guard !piece.isEmpty else { return }
        hasContent = true
        length += piece.count
        if case .text(let previous)? = stack[stack.count - 1].1.last {
            stack[stack.count - 1].1[stack[stack.count - 1].1.count - 1] = .text(previous + piece)
        } else {
            stack[stack.count - 1].1.append(.text(piece))
        }
    }

    mutating func appendCode(_ raw: String) {
        let collapsed = Self.collapse(raw)
        guard !collapsed.isEmpty else { return }
        flushSpace()
        pendingSpace = false
        lastEmittedSpace = false
        hasContent = true
        length += collapsed.count
        stack[stack.count - 1].1.append(.code(collapsed))
    }

    mutating func appendLineBreak() {
        guard hasContent else { return }
        pendingSpace = false
        lastEmittedSpace = true
        stack[stack.count - 1].1.append(.lineBreak)
    }

    mutating func openEmphasis() { flushSpace(); stack.append((.emphasis, [])) }
    mutating func openStrong() { flushSpace(); stack.append((.strong, [])) }
    mutating func openLink(_ url: String) { flushSpace(); stack.append((.link(url), [])) }

    /// A space pending before an opening element belongs outside it.
    private mutating func flushSpace() {
        guard pendingSpace && hasContent && !lastEmittedSpace else { return }
        pendingSpace = false
        lastEmittedSpace = true
        if case .text(let previous)? = stack[stack.count - 1].1.last {
            stack[stack.count - 1].1[stack[stack.count - 1].1.count - 1] = .text(previous + " ")
        } else {
            stack[stack.count - 1].1.append(.text(" "))
        }
        length += 1
    }

    mutating func close() {
        guard stack.count > 1, let (frame, content) = stack.popLast() else { return }
        guard !content.isEmpty else { return }
        let wrapped: Inline
        switch frame {
        case .emphasis?: wrapped = .emphasis(content)
        case .strong?: wrapped = .strong(content)
        case .link(let url)?: wrapped = .link(url: url, content)
        case nil: return
        }
        // A frame holding only whitespace is not worth a wrapper.
        if Inline.plainText(content).allSatisfy({ $0 == " " }) {
            stack[stack.count - 1].1.append(contentsOf: content)
        } else {
            stack[stack.count - 1].1.append(wrapped)
        }
    }

    /// The finished inlines (open frames closed), trimmed, and the builder reset.
    mutating func finish() -> [Inline] {
        while stack.count > 1 { close() }
        var result = stack[0].1
        stack = [(nil, [])]
        pendingSpace = false
        hasContent = false
        lastEmittedSpace = true
        length = 0
        Self.trimTrailing(&result)
        while case .lineBreak? = result.last { result.removeLast() }
        return result
    }

    private static func trimTrailing(_ inlines: inout [Inline]) {
        while let last = inlines.last {
            switch last {
            case .text(let s):
                let trimmed = String(s.reversed().drop { $0 == " " }.reversed())
                if trimmed.isEmpty { inlines.removeLast(); continue }
                inlines[inlines.count - 1] = .text(trimmed)
            case .lineBreak:
                inlines.removeLast(); continue
            case .emphasis(var inner):
                trimTrailing(&inner)
                if inner.isEmpty { inlines.removeLast(); continue }
                inlines[inlines.count - 1] = .emphasis(inner)
            case .strong(var inner):
                trimTrailing(&inner)
                if inner.isEmpty { inlines.removeLast(); continue }
                inlines[inlines.count - 1] = .strong(inner)
            case .link(let url, var inner):
                trimTrailing(&inner)
                if inner.isEmpty { inlines.removeLast(); continue }
                inlines[inlines.count - 1] = .link(url: url, inner)
            case .code:
                break
            }
            return
        }
    }

    /// Whitespace collapsed, controls removed, trimmed.
    static func collapse(_ raw: String) -> String {
        var b = InlineBuilder()
        b.appendText(raw)
        return Inline.plainText(b.finish())
    }
}
