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
    /// UTF-8 bytes of visible text appended so far.
    private(set) var length = 0

    var isEmpty: Bool { !hasContent }

    mutating func appendText(_ raw: String) {
        var raw = raw
        raw.withUTF8 { appendText($0) }
    }

    mutating func appendText(_ input: UnsafeBufferPointer<UInt8>) {
        // Works on UTF-8 bytes: per-scalar String appends dominated extraction time.
        var bytes: [UInt8] = []
        var hasPiece = false
        do {
            bytes.reserveCapacity(input.count)
            var i = 0
            let n = input.count
            while i < n {
                let b = input[i]
                if b > 0x20 && b < 0x7F {
                    // A run of printable ASCII is copied at once.
                    var j = i + 1
                    while j < n, input[j] > 0x20, input[j] < 0x7F { j += 1 }
                    emitPendingSpace(into: &bytes, hasPiece: hasPiece)
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<j]))
                    hasPiece = true
                    i = j
                    continue
                }
                if b < 0x80 {
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) { pendingSpace = true; i += 1; continue }
                    if b < 0x20 || b == 0x7F { i += 1; continue }
                    emitPendingSpace(into: &bytes, hasPiece: hasPiece)
                    bytes.append(b)
                    hasPiece = true
                    i += 1
                    continue
                }
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                guard i + length <= n else { break }
                var value = UInt32(b) & (length == 4 ? 0x07 : length == 3 ? 0x0F : length == 2 ? 0x1F : 0x7F)
                for k in 1..<max(length, 1) where length > 1 { value = value << 6 | UInt32(input[i + k] & 0x3F) }
                if let scalar = Unicode.Scalar(value) {
                    // No-break spaces (U+00A0, U+202F, U+2007) are text, not collapsible space, and soft
                    // hyphens stay: the line breaker honours both.
                    if UTF8Text.spaceLength(input, i) > 0 && value != 0xA0 && value != 0x202F && value != 0x2007 {
                        pendingSpace = true
                    } else if !(TerminalSafe.isUnsafe(scalar) || value == 0xFEFF) {
                        emitPendingSpace(into: &bytes, hasPiece: hasPiece)
                        for k in 0..<length { bytes.append(input[i + k]) }
                        hasPiece = true
                    }
                }
                i += length
            }
        }
        guard hasPiece else { return }
        let piece = String(decoding: bytes, as: UTF8.self)
        hasContent = true
        length += bytes.count
        if case .text(let previous)? = stack[stack.count - 1].1.last {
            stack[stack.count - 1].1[stack[stack.count - 1].1.count - 1] = .text(previous + piece)
        } else {
            stack[stack.count - 1].1.append(.text(piece))
        }
    }

    private mutating func emitPendingSpace(into bytes: inout [UInt8], hasPiece: Bool) {
        if pendingSpace && (hasContent || hasPiece) && !lastEmittedSpace { bytes.append(0x20) }
        pendingSpace = false
        lastEmittedSpace = false
    }

    mutating func appendCode(_ raw: String) {
        let collapsed = Self.collapse(raw)
        guard !collapsed.isEmpty else { return }
        flushSpace()
        pendingSpace = false
        lastEmittedSpace = false
        hasContent = true
        length += collapsed.utf8.count
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
                var trimmed = s
                while trimmed.utf8.last == 0x20 { trimmed.removeLast() }
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
