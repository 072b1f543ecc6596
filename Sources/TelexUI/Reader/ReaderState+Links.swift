import TelexArticles

/// Link navigation: the link table is in reading order, so "next link" is index + 1 (w3m's `hseq`).
extension ReaderState {
    /// The first and last display lines of link `index`, nil when it has no visible text.
    func lines(ofLink index: Int) -> ClosedRange<Int>? {
        guard layout.links.indices.contains(index), let first = layout.links[index].positions.first?.line,
              let last = layout.links[index].positions.last?.line else { return nil }
        return first...last
    }

    /// Whether any part of link `index` is on screen.
    func isVisible(link index: Int) -> Bool {
        guard let r = lines(ofLink: index) else { return false }
        return r.upperBound >= scroll && r.lowerBound < scroll + viewHeight
    }

    /// The link under the cursor when it is on screen: what Enter, `s` and `y` act on.
    public var activeLink: LaidOutLink? {
        guard let c = linkCursor, isVisible(link: c) else { return nil }
        return layout.links[c]
    }

    /// Indices of links that have a position, in reading order.
    var navigableLinks: [Int] { layout.links.indices.filter { !layout.links[$0].positions.isEmpty } }

    /// Tab (forward) or Shift-Tab: from the cursor when it is on screen, otherwise from the first
    /// (last) link on screen, or the next (previous) one below (above) the screen.
    public mutating func moveLinkCursor(forward: Bool) {
        let links = navigableLinks
        guard !links.isEmpty else { linkCursor = nil; return }
        let target: Int
        if let c = linkCursor, isVisible(link: c), let at = links.firstIndex(of: c) {
            let next = forward ? at + 1 : at - 1
            target = links[(next + links.count) % links.count]
        } else if forward {
            target = links.first { lines(ofLink: $0)!.upperBound >= scroll } ?? links[0]
        } else {
            target = links.last { lines(ofLink: $0)!.lowerBound < scroll + viewHeight } ?? links[links.count - 1]
        }
        linkCursor = target
        scrollLinkIntoView(target)
    }

    /// Puts link `number` (1-based, as shown) under the cursor; false when there is no such link.
    public mutating func selectLink(number: Int) -> Bool {
        let index = number - 1
        guard layout.links.indices.contains(index) else { return false }
        linkCursor = index
        scrollLinkIntoView(index)
        return true
    }

    /// Scrolls the least needed for the whole link (or at least its first line) to be on screen.
    mutating func scrollLinkIntoView(_ index: Int) {
        guard let r = lines(ofLink: index) else { return }
        if r.upperBound >= scroll + viewHeight { scroll = r.upperBound - viewHeight + 1 }
        if r.lowerBound < scroll { scroll = r.lowerBound }
        clampScroll()
    }
}
