/// A cursor in a scrolling list: which row is selected and which row is at the top.
public struct ListViewport: Hashable, Sendable {
    public var selected: Int = 0
    public var top: Int = 0

    public init(selected: Int = 0, top: Int = 0) { self.selected = selected; self.top = top }

    /// Moves the selection by `delta`, clamped to `count`, and scrolls so it stays within `height`.
    public mutating func move(by delta: Int, count: Int, height: Int) {
        select(selected + delta, count: count, height: height)
    }

    public mutating func select(_ index: Int, count: Int, height: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, index), count - 1)
        scrollIntoView(count: count, height: height)
    }

    /// Scrolls the view by `delta` rows, dragging the selection along when it would leave the view.
    public mutating func scroll(by delta: Int, count: Int, height: Int) {
        guard count > 0, height > 0 else { return }
        top = min(max(0, top + delta), max(0, count - height))
        if selected < top { selected = top }
        if selected >= top + height { selected = top + height - 1 }
    }

    public mutating func scrollIntoView(count: Int, height: Int) {
        guard height > 0 else { return }
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        top = min(max(0, top), max(0, count - height))
        if count > 0 { selected = min(selected, count - 1) }
    }
}
