import Foundation
import TelexArticles
import TelexScreen

/// Where `/` found its text: a display line and the columns of the match.
public struct FindMatch: Hashable, Sendable {
    public var line: Int
    public var startColumn: Int
    public var endColumn: Int
}

/// An active find: the query, every match in reading order, and the current one.
public struct FindState: Hashable, Sendable {
    public var query: String
    public var matches: [FindMatch]
    public var current: Int

    public var currentMatch: FindMatch? { matches.indices.contains(current) ? matches[current] : nil }

    /// Case-insensitive matches of `query` in each display line; the current match is the first
    /// at or after line `near`. Nil when nothing matches.
    public static func search(_ query: String, in layout: LaidOutArticle, near: Int) -> FindState? {
        guard !query.isEmpty else { return nil }
        var matches: [FindMatch] = []
        for (n, line) in layout.lines.enumerated() {
            let text = line.text
            var from = text.startIndex
            while from < text.endIndex,
                  let r = text.range(of: query, options: [.caseInsensitive, .diacriticInsensitive], range: from..<text.endIndex) {
                let start = DisplayWidth.of(String(text[..<r.lowerBound]))
                matches.append(FindMatch(line: n, startColumn: start, endColumn: start + DisplayWidth.of(String(text[r]))))
                from = r.upperBound > r.lowerBound ? r.upperBound : text.index(after: r.lowerBound)
            }
            if matches.count >= 10_000 { break }
        }
        guard !matches.isEmpty else { return nil }
        let current = matches.firstIndex { $0.line >= near } ?? 0
        return FindState(query: query, matches: matches, current: current)
    }
}

extension ReaderState {
    /// Runs a find from the top of the screen; false when nothing matches.
    public mutating func startFind(_ query: String) -> Bool {
        find = FindState.search(query, in: layout, near: scroll)
        if let m = find?.currentMatch { scrollMatchIntoView(m) }
        return find != nil
    }

    /// n / N: the next or previous match, wrapping around.
    public mutating func moveFind(forward: Bool) {
        guard var f = find, !f.matches.isEmpty else { return }
        f.current = (f.current + (forward ? 1 : -1) + f.matches.count) % f.matches.count
        find = f
        if let m = f.currentMatch { scrollMatchIntoView(m) }
    }

    /// A match off screen is brought to a third of the way down, so its context shows.
    mutating func scrollMatchIntoView(_ m: FindMatch) {
        if m.line < scroll || m.line >= scroll + viewHeight { scroll = m.line - viewHeight / 3 }
        clampScroll()
    }
}
