import TelexModel
import TelexScreen

/// The only place the state changes. Pure: no I/O, no clock, no threads; effects come back as data.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .resized(let w, let h):
        state.width = w; state.height = h
        state.reader?.resize(width: w, height: h)
        clampViewports(&state)
        return []
    case .sectionsLoaded(let sections, let saved):
        // The first load starts on the first section; later loads keep the user's row.
        let keep = state.sections.isEmpty ? nil : state.selectedSectionRow?.scope
        state.sections = sections
        state.savedCount = saved
        // Keep the selection on the same row when the list changes under it.
        if let keep, let i = state.sectionRows.firstIndex(where: { $0.scope == keep }) { state.sectionsViewport.selected = i }
        clampViewports(&state)
        return []
    case .fetchProgressed(let p):
        state.fetch = p
        return []
    case .failed(let message):
        state.message = message
        return []
    case .tick:
        return []
    case .key(let key):
        state.message = nil
        return reduceKey(&state, key)
    case .openInReader, .pageLoaded, .linkNotAnArticle, .pageFetchFailed, .pageFetchProgressed:
        return reduceReaderResult(&state, action)
    }
}

private func clampViewports(_ state: inout AppState) {
    let layout = ScreenLayout(width: state.width, height: state.height, focus: state.focus)
    state.sectionsViewport.scrollIntoView(count: state.sectionRows.count, height: layout.listHeight(.sections))
}

private func reduceKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.showHelp { return reduceHelpKey(&state, key) }
    if state.reader != nil { return reduceReaderKey(&state, key) }
    switch key {
    case .character("Q"):
        state.isQuitting = true
        return [.quit]
    case .character("q"):
        // q goes back one level; at the top it quits.
        if state.focus != .sections {
            state.focus = Pane(rawValue: state.focus.rawValue - 1) ?? .sections
            return []
        }
        state.isQuitting = true
        return [.quit]
    case .character("?"):
        state.showHelp = true
        state.helpScroll = 0
        return []
    case .character("r"):
        return [.refresh]
    case .resize:
        return []
    default:
        break
    }
    switch state.focus {
    case .sections: return reduceSectionsKey(&state, key)
    case .headlines, .preview: return []
    }
}

private func reduceHelpKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    switch key {
    case .escape, .character("q"), .character("?"): state.showHelp = false
    case .character("j"), .down: state.helpScroll += 1
    case .character("k"), .up: state.helpScroll = max(0, state.helpScroll - 1)
    case .character("Q"): state.isQuitting = true; return [.quit]
    default: break
    }
    return []
}

private func reduceSectionsKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let rows = state.sectionRows
    let layout = ScreenLayout(width: state.width, height: state.height, focus: state.focus)
    let h = layout.listHeight(.sections)
    var vp = state.sectionsViewport
    switch key {
    case .character("j"), .down: vp.move(by: 1, count: rows.count, height: h)
    case .character("k"), .up: vp.move(by: -1, count: rows.count, height: h)
    case .pageDown, .character(" "), .ctrl("f"): vp.move(by: h, count: rows.count, height: h)
    case .pageUp, .character("b"), .ctrl("b"): vp.move(by: -h, count: rows.count, height: h)
    case .character("g"), .home: vp.select(0, count: rows.count, height: h)
    case .character("G"), .end: vp.select(rows.count - 1, count: rows.count, height: h)
    case .character("o"), .character("+"), .character("-"), .character("l"), .right, .enter, .character("h"), .left:
        guard rows.indices.contains(vp.selected) else { break }
        switch rows[vp.selected] {
        case .section(let s, let expanded):
            let wantOpen: Bool
            switch key {
            case .character("l"), .right, .character("+"): wantOpen = true
            case .character("h"), .left, .character("-"): wantOpen = false
            default: wantOpen = !expanded
            }
            if wantOpen { state.expanded.insert(s.id) } else { state.expanded.remove(s.id) }
        case .feed(_, let sid):
            if key == .character("h") || key == .left || key == .character("-") {
                state.expanded.remove(sid)
                if let i = SectionRow.rows(sections: state.sections, expanded: state.expanded, savedCount: state.savedCount)
                    .firstIndex(where: { $0.scope == .section(sid) }) { vp.selected = i }
            }
        default: break
        }
        let newCount = SectionRow.rows(sections: state.sections, expanded: state.expanded, savedCount: state.savedCount).count
        vp.scrollIntoView(count: newCount, height: h)
    case .mouse(let m):
        guard let rect = layout.sections else { break }
        switch m.kind {
        case .wheelDown: vp.scroll(by: 3, count: rows.count, height: h)
        case .wheelUp: vp.scroll(by: -3, count: rows.count, height: h)
        case .click, .doubleClick, .press:
            let row = m.y - rect.y - 1 + vp.top
            if rect.contains(x: m.x, y: m.y), m.y > rect.y, rows.indices.contains(row) { vp.select(row, count: rows.count, height: h) }
        case .release: break
        }
    default: break
    }
    state.sectionsViewport = vp
    return []
}
