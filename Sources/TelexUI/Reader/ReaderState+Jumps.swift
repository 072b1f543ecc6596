import Foundation
import TelexArticles

/// Where the reading view was: the scroll position and the link cursor.
public struct ReaderPosition: Hashable, Sendable {
    public var scroll: Int
    public var linkCursor: Int?
    public init(scroll: Int, linkCursor: Int?) { self.scroll = scroll; self.linkCursor = linkCursor }
}

/// Jumps through a long article: top and end, paragraphs (`{` `}`), headings (`[` `]`), and `'`
/// back to where the last jump started (which makes `'` itself a jump, so two of them alternate).
extension ReaderState {
    /// Scrolls to `line` as a jump: `'` returns to where it started.
    public mutating func jump(to line: Int) {
        let from = scroll
        scroll = line
        clampScroll()
        if scroll != from { jumpStart = from }
    }

    /// `'`: back to where the last jump started; false when there was none.
    public mutating func jumpBack() -> Bool {
        guard let start = jumpStart else { return false }
        jump(to: start)
        return true
    }

    /// The next (or previous) paragraph or heading, `times` over: its first line goes to the top.
    /// False when there is none in that direction (or the end is already on screen).
    public mutating func jumpToBlock(heading: Bool, forward: Bool, times: Int) -> Bool {
        let starts = heading ? headingStarts : paragraphStarts
        var target = scroll
        for _ in 0..<max(1, times) {
            let next = forward ? starts.first(where: { $0 > target }) : starts.last(where: { $0 < target })
            guard let next, !(forward && target >= maxScroll) else { break }
            target = next
        }
        let clamped = min(max(0, target), maxScroll)
        guard clamped != scroll else { return false }
        jump(to: clamped)
        return true
    }

    /// First lines of paragraphs: a line with text after a blank one (or the first).
    var paragraphStarts: [Int] {
        let lines = layout.lines
        return lines.indices.filter { i in !Self.isBlank(lines[i]) && (i == 0 || Self.isBlank(lines[i - 1])) }
    }

    /// First lines of headings.
    var headingStarts: [Int] {
        let lines = layout.lines
        return lines.indices.filter { i in Self.isHeading(lines[i]) && (i == 0 || !Self.isHeading(lines[i - 1])) }
    }

    static func isBlank(_ line: DisplayLine) -> Bool {
        line.spans.allSatisfy { $0.text.allSatisfy(\.isWhitespace) }
    }

    static func isHeading(_ line: DisplayLine) -> Bool {
        line.spans.contains { if case .heading = $0.role { true } else { false } }
    }
}
