import Foundation
import TelexModel
import TelexScreen

/// A key: modal input first (prompts, overlays, the help), then the keymap turns keys into a
/// command (digits type a count, a key that starts a sequence waits), which runs in the context
/// shown (the lists or the reading view).
func reduceKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.prompt != nil { return reducePromptKey(&state, key) }
    if state.showHelp { return reduceHelpKey(&state, key) }
    if key == .resize { return [] }
    if state.reader != nil {
        if case .mouse(let m) = key { return reduceReaderMouse(&state, m) }
        if let effects = reduceReaderModalKey(&state, key) { return effects }
    } else {
        if state.subscriptions != nil { return reduceSubscriptionKey(&state, key) }
        if case .mouse(let m) = key { return reduceMouse(&state, m) }
    }
    if state.pendingKeys.isEmpty, case .character(let c) = key, let digit = c.wholeNumberValue, c.isASCII,
       digit > 0 || state.pendingCount != nil {
        typeCountDigit(&state, digit)
        return []
    }
    let keys = state.pendingKeys + [key]
    switch state.keymap.resolve(keys, in: state.keyContext) {
    case .prefix:
        state.pendingKeys = keys
        return []
    case .unbound:
        state.pendingKeys = []
        state.pendingCount = nil
        return []
    case .command(let command):
        let count = state.pendingCount
        state.pendingKeys = []
        state.pendingCount = nil
        return run(command, count: count, &state)
    }
}

extension AppState {
    /// Which bindings apply to what is shown.
    public var keyContext: KeyContext { reader != nil ? .reader : .lists }
}

/// A digit of a count (`12j`); in the reading view the number also puts the cursor on that link
/// (`3 Enter` follows link 3), and a move that takes the count puts the cursor back.
func typeCountDigit(_ state: inout AppState, _ digit: Int) {
    let count = min(99_999, (state.pendingCount ?? 0) * 10 + digit)
    if state.pendingCount == nil, let r = state.reader { state.reader?.beforeCount = ReaderPosition(scroll: r.scroll, linkCursor: r.linkCursor) }
    state.pendingCount = count
    guard state.reader != nil else { return }
    if state.reader?.selectLink(number: count) == false, state.reader?.layout.links.isEmpty == false {
        state.message = .notice("No link \(count)")
    }
}

/// Runs a command where it applies: everywhere, else in the context shown. Nil from a context's
/// handler means the command has no meaning there (the keymap test proves none is bound so).
func run(_ command: Command, count: Int?, _ state: inout AppState) -> [Effect] {
    if let effects = runEverywhere(command, &state) { return effects }
    if state.reader != nil { return runReaderCommand(command, count: count, &state) ?? [] }
    return runListsCommand(command, count: count, &state) ?? []
}

func runEverywhere(_ command: Command, _ state: inout AppState) -> [Effect]? {
    switch command {
    case .quit:
        state.rememberReadingPosition()
        state.isQuitting = true
        return [.quit]
    case .suspend:
        return [.suspend]
    case .help:
        state.showHelp = true
        state.helpScroll = 0
        return []
    default:
        return nil
    }
}

func runListsCommand(_ command: Command, count: Int?, _ state: inout AppState) -> [Effect]? {
    switch command {
    case .back:
        return goBack(&state)
    case .refresh:
        if state.fetch.running || state.fetchWaiting != nil {
            state.message = .notice("Already fetching")
            return []
        }
        state.fetch = FetchProgress(running: true)
        return [.refresh]
    case .search:
        state.prompt = Prompt(kind: .search)
        return []
    case .addFeed:
        return startAddingFeed(&state)
    case .feedList:
        return openFeedList(&state)
    case .toggleSplit:
        let all = PreviewSplit.allCases
        state.previewSplit = all[(all.firstIndex(of: state.previewSplit)! + 1) % all.count]
        let arrangement: String = switch state.previewSplit {
        case .auto: "as the width allows"
        case .sideBySide: "side by side"
        case .stacked: "stacked"
        }
        state.message = .notice("Preview: " + arrangement)
        clampViewports(&state)
        return prefetchHeadlines(&state) + (state.layout.preview != nil ? followHeadlineCursor(&state) : [])
    case .toggleSections:
        state.sectionsHidden.toggle()
        if state.sectionsHidden, state.focus == .sections { state.focus = .headlines }
        clampViewports(&state)
        return prefetchHeadlines(&state)
    case .nextPane:
        return focus(&state, Pane(rawValue: (state.focus.rawValue + 1) % 3)!)
    case .previousPane:
        return focus(&state, Pane(rawValue: (state.focus.rawValue + 2) % 3)!)
    case .markAllRead:
        guard let scope = state.headlines.scope, state.headlines.loaded else { return [] }
        for i in state.headlines.rows.indices { state.headlines.rows[i].isRead = true }
        return [.markAllRead(scope)]
    case .undo:
        guard let ids = state.undoMarkAll, !ids.isEmpty else {
            state.message = .notice("Nothing to undo")
            return []
        }
        state.undoMarkAll = nil
        setLocalRead(&state, Set(ids), false)
        state.message = .notice("Marked \(ids.count) unread again")
        return [.setRead(ids, false)]
    case .down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom, .paneLeft, .paneRight, .expand, .collapse,
         .open, .nextUnread, .previousUnread, .toggleRead, .toggleSaved, .openInBrowser, .coverage:
        switch state.focus {
        case .sections: return runSectionsCommand(command, count: count, &state)
        case .headlines: return runHeadlinesCommand(command, count: count, &state)
        case .preview: return runPreviewCommand(command, count: count, &state)
        }
    case .nextLink, .previousLink, .linkNumbers, .follow, .linkList, .historyBack, .historyForward, .history, .nextParagraph,
         .previousParagraph, .nextHeading, .previousHeading, .jumpBack, .next, .previousMatch, .previousArticle, .find, .copyURL,
         .cancel, .togglePictures, .quit, .help, .suspend:
        return nil
    }
}


/// q: back one level (an opened article back to its list, a story's coverage back to its list, a pane to the
/// left); quits at the top.
func goBack(_ state: inout AppState) -> [Effect] {
    if state.focus == .headlines, state.coverageShown != nil { return closeCoverage(&state) }
    if state.focus != .sections {
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
    state.coverage = nil
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

/// Keys while the help is open: it scrolls with the keymap's moves, and closes with Esc or the keys
/// of help and back (`?`, `q` unless rebound).
func reduceHelpKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let page = max(1, state.height - 5)
    if key == .escape {
        state.showHelp = false
        return []
    }
    guard case .command(let command) = state.keymap.resolve([key], in: state.keyContext) else { return [] }
    switch command {
    case .help, .back, .cancel: state.showHelp = false
    case .down: state.helpScroll += 1
    case .up: state.helpScroll -= 1
    case .pageDown, .halfPageDown: state.helpScroll += page
    case .pageUp, .halfPageUp: state.helpScroll -= page
    case .top: state.helpScroll = 0
    case .bottom: state.helpScroll = Int.max / 2
    case .quit: state.isQuitting = true; return [.quit]
    default: break
    }
    state.helpScroll = HelpOverlay.clampedScroll(state)
    return []
}

/// The moves every list shares (`count` repeats them); false when the command is not a move.
func listMove(_ command: Command, times count: Int?, viewport vp: inout ListViewport, count rows: Int, height h: Int) -> Bool {
    let n = max(1, count ?? 1)
    switch command {
    case .down: vp.move(by: n, count: rows, height: h)
    case .up: vp.move(by: -n, count: rows, height: h)
    case .pageDown: vp.move(by: h * n, count: rows, height: h)
    case .pageUp: vp.move(by: -h * n, count: rows, height: h)
    case .halfPageDown: vp.move(by: max(1, h / 2) * n, count: rows, height: h)
    case .halfPageUp: vp.move(by: -max(1, h / 2) * n, count: rows, height: h)
    // With a count, both go to that row (`5G`), as far as there are rows.
    case .top where count != nil, .bottom where count != nil: vp.select(min(rows, count!) - 1, count: rows, height: h)
    case .top: vp.select(0, count: rows, height: h)
    case .bottom: vp.select(rows - 1, count: rows, height: h)
    default: return false
    }
    return true
}

func runSectionsCommand(_ command: Command, count: Int?, _ state: inout AppState) -> [Effect] {
    let rows = state.sectionRows
    let h = state.layout.listHeight(.sections)
    var vp = state.sectionsViewport
    if listMove(command, times: count, viewport: &vp, count: rows.count, height: h) {
        state.sectionsViewport = vp
        return followSectionCursor(&state)
    }
    switch command {
    case .open, .paneRight:
        return focus(&state, .headlines)
    case .expand, .collapse, .paneLeft:
        guard rows.indices.contains(vp.selected) else { return [] }
        switch rows[vp.selected] {
        case .section(let s, _):
            if command == .expand { state.expanded.insert(s.id) }
            if command == .collapse { state.expanded.remove(s.id) }
        case .feed(_, let sid):
            // Collapsing from a feed selects its section.
            guard command != .expand else { return [] }
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

func runHeadlinesCommand(_ command: Command, count: Int?, _ state: inout AppState) -> [Effect] {
    let h = state.layout.listHeight(.headlines)
    var list = state.headlines
    switch command {
    case .top where count != nil, .bottom where count != nil:
        // Row N of the list (`5G`): rows are loaded by keyset pages, not by offset, so only a row of the
        // loaded window can be reached at once; further ones are reached by moving there.
        let target = count! - 1
        guard target >= list.start, target < list.end || list.reachedEnd else {
            state.message = .notice("Row \(count!) is not loaded (rows \(list.start + 1)-\(list.end) are): move there with Space or G")
            return []
        }
    case .top:
        if list.start > 0, let scope = list.scope {
            // The top is not loaded: ask for it.
            let query = HeadlineQuery(scope: scope, position: .first, limit: HeadlineList.pageSize)
            state.headlines.pending = query
            return [.loadHeadlines(query)]
        }
    case .bottom:
        if !list.reachedEnd, list.loaded, let scope = list.scope {
            let query = HeadlineQuery(scope: scope, position: .last, limit: HeadlineList.pageSize)
            state.headlines.pending = query
            return [.loadHeadlines(query)]
        }
    default:
        break
    }
    if listMove(command, times: count, viewport: &list.viewport, count: list.end, height: h) {
        state.headlines = list
        clampHeadlines(&state)
        return prefetchHeadlines(&state) + followHeadlineCursor(&state)
    }
    switch command {
    case .open:
        return openHeadline(&state)
    case .paneRight:
        return focus(&state, .preview)
    case .paneLeft:
        return focus(&state, .sections)
    default:
        return runArticleCommand(command, count: count, &state)
    }
}

func runPreviewCommand(_ command: Command, count: Int?, _ state: inout AppState) -> [Effect] {
    let page = max(1, state.layout.listHeight(.preview))
    let maxScroll = max(0, PreviewView.lineCount(state) - page)
    let n = max(1, count ?? 1)
    switch command {
    case .down: state.previewScroll += n
    case .up: state.previewScroll -= n
    case .pageDown: state.previewScroll += page * n
    case .pageUp: state.previewScroll -= page * n
    case .halfPageDown: state.previewScroll += max(1, page / 2) * n
    case .halfPageUp: state.previewScroll -= max(1, page / 2) * n
    case .top where count != nil, .bottom where count != nil: state.previewScroll = min(count! - 1, maxScroll)
    case .top: state.previewScroll = 0
    case .bottom: state.previewScroll = maxScroll
    case .open: return openHeadline(&state)
    case .paneLeft: return focus(&state, .headlines)
    case .paneRight: return []
    default: return runArticleCommand(command, count: count, &state)
    }
    state.previewScroll = min(max(0, state.previewScroll), maxScroll)
    return []
}

/// Commands that act on the selected article from the headlines or the preview.
func runArticleCommand(_ command: Command, count: Int?, _ state: inout AppState) -> [Effect] {
    guard let headline = state.headlines.selected else { return [] }
    switch command {
    case .toggleRead:
        setLocalRead(&state, [headline.id], !headline.isRead)
        return [.setRead([headline.id], !headline.isRead)]
    case .toggleSaved:
        guard let i = state.headlines.index(of: headline.id) else { return [] }
        state.headlines.rows[i - state.headlines.start].isSaved.toggle()
        state.savedCount = max(0, state.savedCount + (headline.isSaved ? -1 : 1))
        state.message = .notice(headline.isSaved ? "Unsaved" : "Saved")
        return [.setSaved(headline.id, !headline.isSaved)]
    case .coverage:
        return openCoverage(&state)
    case .openInBrowser:
        guard let link = state.preview?.detail.articleURL ?? headline.link, !link.isEmpty else {
            state.message = .notice("This article has no link")
            return []
        }
        return [.openInBrowser(link)]
    case .nextUnread, .previousUnread:
        var effects: [Effect] = []
        for _ in 0..<max(1, min(count ?? 1, 1000)) {
            let before = state.headlines.viewport.selected
            effects += selectNextUnread(&state, forward: command == .nextUnread)
            if state.headlines.viewport.selected == before { break }
        }
        return effects
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
        state.message = .notice(forward ? "No unread article below" : "No unread article above")
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
