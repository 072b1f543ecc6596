import Foundation
import TelexModel
import TelexScreen

func reduceKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.prompt != nil { return reducePromptKey(&state, key) }
    if state.showHelp { return reduceHelpKey(&state, key) }
    if state.reader != nil { return reduceReaderKey(&state, key) }
    if state.subscriptions != nil { return reduceSubscriptionKey(&state, key) }
    switch key {
    case .character("Q"):
        state.isQuitting = true
        return [.quit]
    case .ctrl("z"):
        return [.suspend]
    case .character("q"):
        return goBack(&state)
    case .escape, .resize:
        // Esc only closes prompts and overlays.
        return []
    case .character("?"):
        state.showHelp = true
        state.helpScroll = 0
        return []
    case .character("r"):
        if state.fetch.running || state.fetchWaiting != nil {
            state.message = "Already fetching"
            return []
        }
        state.fetch = FetchProgress(running: true)
        return [.refresh]
    case .character("/"):
        state.prompt = Prompt(kind: .search)
        return []
    case .character("a"):
        return startAddingFeed(&state)
    case .character("F"):
        return openFeedList(&state)
    case .tab:
        return focus(&state, Pane(rawValue: (state.focus.rawValue + 1) % 3)!)
    case .backTab:
        return focus(&state, Pane(rawValue: (state.focus.rawValue + 2) % 3)!)
    case .mouse(let m):
        return reduceMouse(&state, m)
    case .character("A"):
        guard let scope = state.headlines.scope, state.headlines.loaded else { return [] }
        for i in state.headlines.rows.indices { state.headlines.rows[i].isRead = true }
        return [.markAllRead(scope)]
    case .character("u"):
        guard let ids = state.undoMarkAll, !ids.isEmpty else {
            state.message = "Nothing to undo"
            return []
        }
        state.undoMarkAll = nil
        setLocalRead(&state, Set(ids), false)
        state.message = "Marked \(ids.count) unread again"
        return [.setRead(ids, false)]
    default:
        break
    }
    switch state.focus {
    case .sections: return reduceSectionsKey(&state, key)
    case .headlines: return reduceHeadlinesKey(&state, key)
    case .preview: return reducePreviewKey(&state, key)
    }
}

/// q: back one level (an opened article back to its list, a pane to the left); quits at the top.
func goBack(_ state: inout AppState) -> [Effect] {
    if case .reader = state.screen { state.screen = .lists; return [] }
    if state.focus != .sections {
        state.openedItem = nil
        return focus(&state, Pane(rawValue: state.focus.rawValue - 1)!)
    }
    state.isQuitting = true
    return [.quit]
}

func focus(_ state: inout AppState, _ pane: Pane) -> [Effect] {
    state.focus = pane
    clampViewports(&state)
    return prefetchHeadlines(&state)
}

func reducePromptKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard var prompt = state.prompt else { return [] }
    switch key {
    case .escape:
        state.prompt = nil
        return []
    case .enter:
        state.prompt = nil
        let text = prompt.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        switch prompt.kind {
        case .search: return startSearch(&state, text)
        case .addFeed, .moveFeed: return submitSubscriptionPrompt(&state, prompt.kind, text)
        }
    case .backspace, .delete:
        if !prompt.text.isEmpty { prompt.text.removeLast() }
    case .ctrl("u"):
        prompt.text = ""
    case .tab:
        // Moving a feed: Tab offers the existing sections in turn.
        guard case .moveFeed = prompt.kind else { break }
        prompt.text = nextSectionName(after: prompt.text, in: state.sections.map(\.name))
    case .character(let c):
        // Bounded, and nothing that could act on a terminal when echoed.
        if prompt.text.count < prompt.kind.maximumLength, !c.unicodeScalars.contains(where: TerminalSafe.isUnsafe) { prompt.text.append(c) }
    case .mouse, .resize:
        break
    case .ctrl("c"):
        state.prompt = nil
        return []
    default:
        break
    }
    state.prompt = prompt
    return []
}

/// Runs a search: its results become a virtual section (selected) and the focus moves to them.
func startSearch(_ state: inout AppState, _ query: String) -> [Effect] {
    state.searchQuery = query
    state.searchResultCount = 0
    let rows = state.sectionRows
    if let i = rows.firstIndex(where: { $0.scope == .search(query) }) {
        state.sectionsViewport.select(i, count: rows.count, height: state.layout.listHeight(.sections))
    }
    state.headlines = HeadlineList(scope: .search(query))
    state.preview = nil
    state.previewRequested = nil
    state.focus = .headlines
    clampViewports(&state)
    return [.search(query)]
}

func reduceHelpKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    switch key {
    case .escape, .character("q"), .character("?"): state.showHelp = false
    case .character("j"), .down: state.helpScroll += 1
    case .character("k"), .up: state.helpScroll = max(0, state.helpScroll - 1)
    case .character("Q"): state.isQuitting = true; return [.quit]
    default: break
    }
    return []
}

/// The moves every list shares; nil when the key is not a move.
func listMove(_ key: Key, viewport vp: inout ListViewport, count: Int, height h: Int) -> Bool {
    switch key {
    case .character("j"), .down: vp.move(by: 1, count: count, height: h)
    case .character("k"), .up: vp.move(by: -1, count: count, height: h)
    case .pageDown, .character(" "), .ctrl("f"): vp.move(by: h, count: count, height: h)
    case .pageUp, .character("b"), .ctrl("b"): vp.move(by: -h, count: count, height: h)
    case .character("g"), .home: vp.select(0, count: count, height: h)
    case .character("G"), .end: vp.select(count - 1, count: count, height: h)
    default: return false
    }
    return true
}

func reduceSectionsKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let rows = state.sectionRows
    let h = state.layout.listHeight(.sections)
    var vp = state.sectionsViewport
    if listMove(key, viewport: &vp, count: rows.count, height: h) {
        state.sectionsViewport = vp
        return followSectionCursor(&state)
    }
    switch key {
    case .enter, .character("l"), .right:
        return focus(&state, .headlines)
    case .character("+"), .character("-"), .character("h"), .left:
        guard rows.indices.contains(vp.selected) else { return [] }
        switch rows[vp.selected] {
        case .section(let s, _):
            if key == .character("+") { state.expanded.insert(s.id) }
            if key == .character("-") { state.expanded.remove(s.id) }
        case .feed(_, let sid):
            // Collapsing from a feed selects its section.
            guard key != .character("+") else { return [] }
            state.expanded.remove(sid)
            if let i = state.sectionRows.firstIndex(where: { $0.scope == .section(sid) }) { vp.selected = i }
        default:
            return []
        }
        vp.scrollIntoView(count: state.sectionRows.count, height: h)
        state.sectionsViewport = vp
        return followSectionCursor(&state)
    default:
        return []
    }
}

func reduceHeadlinesKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let h = state.layout.listHeight(.headlines)
    var list = state.headlines
    switch key {
    case .character("g"), .home:
        if list.start > 0, let scope = list.scope {
            // The top is not loaded: ask for it.
            let query = HeadlineQuery(scope: scope, position: .first, limit: HeadlineList.pageSize)
            state.headlines.pending = query
            return [.loadHeadlines(query)]
        }
    case .character("G"), .end:
        if !list.reachedEnd, list.loaded, let scope = list.scope {
            let query = HeadlineQuery(scope: scope, position: .last, limit: HeadlineList.pageSize)
            state.headlines.pending = query
            return [.loadHeadlines(query)]
        }
    default:
        break
    }
    if listMove(key, viewport: &list.viewport, count: list.end, height: h) {
        state.headlines = list
        clampHeadlines(&state)
        return prefetchHeadlines(&state) + followHeadlineCursor(&state)
    }
    switch key {
    case .enter:
        return openHeadline(&state)
    case .character("l"), .right:
        return focus(&state, .preview)
    case .character("h"), .left:
        return focus(&state, .sections)
    default:
        return reduceArticleKey(&state, key)
    }
}

func reducePreviewKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let page = max(1, state.layout.listHeight(.preview))
    let maxScroll = max(0, PreviewView.lineCount(state) - page)
    switch key {
    case .character("j"), .down: state.previewScroll += 1
    case .character("k"), .up: state.previewScroll -= 1
    case .pageDown, .character(" "), .ctrl("f"): state.previewScroll += page
    case .pageUp, .character("b"), .ctrl("b"): state.previewScroll -= page
    case .character("g"), .home: state.previewScroll = 0
    case .character("G"), .end: state.previewScroll = maxScroll
    case .enter: return openHeadline(&state)
    case .character("h"), .left: return focus(&state, .headlines)
    case .character("l"), .right: return []
    default: return reduceArticleKey(&state, key)
    }
    state.previewScroll = min(max(0, state.previewScroll), maxScroll)
    return []
}

/// Keys that act on the selected article from the headlines or the preview.
func reduceArticleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let headline = state.headlines.selected else { return [] }
    switch key {
    case .character("m"):
        setLocalRead(&state, [headline.id], !headline.isRead)
        return [.setRead([headline.id], !headline.isRead)]
    case .character("s"):
        guard let i = state.headlines.index(of: headline.id) else { return [] }
        state.headlines.rows[i - state.headlines.start].isSaved.toggle()
        state.savedCount = max(0, state.savedCount + (headline.isSaved ? -1 : 1))
        state.message = headline.isSaved ? "Unsaved" : "Saved"
        return [.setSaved(headline.id, !headline.isSaved)]
    case .character("o"):
        guard let link = state.preview?.detail.articleURL ?? headline.link, !link.isEmpty else {
            state.message = "This article has no link"
            return []
        }
        return [.openInBrowser(link)]
    case .character("n"), .character("N"):
        return selectNextUnread(&state, forward: key == .character("n"))
    default:
        return []
    }
}

/// n / N: the next or previous unread row among the loaded rows of the current view.
func selectNextUnread(_ state: inout AppState, forward: Bool) -> [Effect] {
    let list = state.headlines
    let from = list.viewport.selected - list.start
    let candidates = forward ? Array(list.rows.indices.filter { $0 > from }) : Array(list.rows.indices.filter { $0 < from }.reversed())
    guard let i = candidates.first(where: { !list.rows[$0].isRead }) else {
        state.message = forward ? "No unread article below" : "No unread article above"
        return []
    }
    state.headlines.viewport.select(list.start + i, count: list.end, height: state.layout.listHeight(.headlines))
    return prefetchHeadlines(&state) + followHeadlineCursor(&state)
}

/// Enter on a headline opens it in the reading view and marks it read.
func openHeadline(_ state: inout AppState) -> [Effect] {
    state.openSelectedHeadlineInReader()
}

/// Updates read marks of loaded rows at once (the cache catches up through the effect).
func setLocalRead(_ state: inout AppState, _ ids: Set<ItemID>, _ read: Bool) {
    for i in state.headlines.rows.indices where ids.contains(state.headlines.rows[i].id) {
        state.headlines.rows[i].isRead = read
    }
    if let p = state.preview, ids.contains(p.detail.headline.id) { state.preview?.detail.headline.isRead = read }
}
