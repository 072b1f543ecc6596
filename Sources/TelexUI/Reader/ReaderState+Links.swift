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

    /// Where Tab stops: a link, or a picture (`o` opens it in the browser).
    enum CursorStop: Equatable {
        case link(Int), picture(Int)
    }

    func lines(of stop: CursorStop) -> ClosedRange<Int>? {
        switch stop {
        case .link(let i): return lines(ofLink: i)
        case .picture(let i): return layout.pictures.indices.contains(i) ? layout.pictures[i].lines : nil
        }
    }

    /// Links and pictures in reading order.
    var cursorStops: [CursorStop] {
        let stops = navigableLinks.map(CursorStop.link) + layout.pictures.indices.map(CursorStop.picture)
        return stops.enumerated().sorted { a, b in
            let la = lines(of: a.element)!.lowerBound, lb = lines(of: b.element)!.lowerBound
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }

    var cursorStop: CursorStop? {
        if let p = pictureCursor { return .picture(p) }
        return linkCursor.map(CursorStop.link)
    }

    func isVisible(_ stop: CursorStop) -> Bool {
        guard let r = lines(of: stop) else { return false }
        return r.upperBound >= scroll && r.lowerBound < scroll + viewHeight
    }

    /// The picture under the cursor when it is on screen: what `o`, Enter and `y` act on.
    public var activePicture: LaidOutPicture? {
        guard let p = pictureCursor, isVisible(.picture(p)) else { return nil }
        return layout.pictures[p]
    }

    /// Tab (forward) or Shift-Tab: from the cursor when it is on screen, otherwise from the first
    /// (last) stop on screen, or the next (previous) one below (above) the screen. Pictures shown are
    /// stops too, between the links around them.
    public mutating func moveLinkCursor(forward: Bool) {
        let stops = cursorStops
        guard !stops.isEmpty else { linkCursor = nil; pictureCursor = nil; return }
        let target: CursorStop
        if let c = cursorStop, isVisible(c), let at = stops.firstIndex(of: c) {
            let next = forward ? at + 1 : at - 1
            target = stops[(next + stops.count) % stops.count]
        } else if forward {
            target = stops.first { lines(of: $0)!.upperBound >= scroll } ?? stops[0]
        } else {
            target = stops.last { lines(of: $0)!.lowerBound < scroll + viewHeight } ?? stops[stops.count - 1]
        }
        switch target {
        case .link(let i): linkCursor = i; pictureCursor = nil
        case .picture(let i): linkCursor = nil; pictureCursor = i
        }
        if let r = lines(of: target) { scrollIntoView(r) }
    }

    /// Puts link `number` (1-based, as shown) under the cursor; false when there is no such link.
    public mutating func selectLink(number: Int) -> Bool {
        let index = number - 1
        guard layout.links.indices.contains(index) else { return false }
        linkCursor = index
        pictureCursor = nil
        scrollLinkIntoView(index)
        return true
    }

    /// Scrolls the least needed for the whole link (or at least its first line) to be on screen.
    mutating func scrollLinkIntoView(_ index: Int) {
        guard let r = lines(ofLink: index) else { return }
        scrollIntoView(r)
    }

    mutating func scrollIntoView(_ r: ClosedRange<Int>) {
        if r.upperBound >= scroll + viewHeight { scroll = r.upperBound - viewHeight + 1 }
        if r.lowerBound < scroll { scroll = r.lowerBound }
        clampScroll()
    }
}
