import TelexScreen

/// A click selects a row and its pane; a second click on the same row (or a double click) opens
/// it, as Enter does; a click on a headline's count of outlets opens its coverage; the wheel scrolls
/// the pane under the pointer.
func reduceMouse(_ state: inout AppState, _ m: MouseEvent) -> [Effect] {
    let layout = state.layout
    guard let pane = Pane.allCases.first(where: { layout.rect(for: $0)?.contains(x: m.x, y: m.y) == true }),
          let rect = layout.rect(for: pane) else { return [] }
    switch m.kind {
    case .wheelUp, .wheelDown:
        let delta = m.kind == .wheelDown ? 3 : -3
        switch pane {
        // The view scrolls; when it cannot (the list fits, or it is at an end) the cursor moves.
        case .sections:
            let before = state.sectionsViewport
            state.sectionsViewport.scroll(by: delta, count: state.sectionRows.count, height: layout.listHeight(.sections))
            if state.sectionsViewport == before {
                state.sectionsViewport.move(by: delta, count: state.sectionRows.count, height: layout.listHeight(.sections))
            }
            return followSectionCursor(&state)
        case .headlines:
            let before = state.headlines.viewport
            state.headlines.viewport.scroll(by: delta, count: state.headlines.end, height: layout.listHeight(.headlines))
            if state.headlines.viewport == before {
                state.headlines.viewport.move(by: delta, count: state.headlines.end, height: layout.listHeight(.headlines))
            }
            clampHeadlines(&state)
            return prefetchHeadlines(&state) + followHeadlineCursor(&state)
        case .preview:
            let maxScroll = max(0, PreviewView.lineCount(state) - layout.listHeight(.preview))
            state.previewScroll = min(max(0, state.previewScroll + delta), maxScroll)
            return []
        }
    case .click, .press, .doubleClick:
        let row = m.y - rect.y - 1
        let wasFocused = state.focus == pane
        state.focus = pane
        guard row >= 0, pane != .preview else { state.lastClick = nil; return [] }
        let target: Int
        switch pane {
        case .sections: target = state.sectionsViewport.top + row
        default: target = state.headlines.viewport.top + row
        }
        let again = m.kind == .doubleClick || (wasFocused && state.lastClick == ClickTarget(pane: pane, row: target))
        state.lastClick = ClickTarget(pane: pane, row: target)
        if pane == .sections {
            let count = state.sectionRows.count
            guard target < count else { return [] }
            state.sectionsViewport.select(target, count: count, height: layout.listHeight(.sections))
            let effects = followSectionCursor(&state)
            if again { state.lastClick = nil; return effects + focus(&state, .headlines) }
            return effects
        }
        guard state.headlines.row(at: target) != nil else { return [] }
        state.headlines.viewport.select(target, count: state.headlines.end, height: layout.listHeight(.headlines))
        var effects = prefetchHeadlines(&state) + followHeadlineCursor(&state)
        // A click on a story's count of outlets ("BBC +2") opens its coverage, as `c` does.
        if let inner = layout.contentRect(for: .headlines),
           HeadlinesView.countHit(state, paneWidth: inner.width, row: row, x: m.x - inner.x) != nil {
            state.lastClick = nil
            return effects + openCoverage(&state)
        }
        if again { state.lastClick = nil; effects += openHeadline(&state) }
        return effects
    case .release:
        return []
    }
}
