import TelexModel
import TelexScreen

/// The only place the state changes. Pure: no I/O, no clock, no threads; effects come back as data.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    var effects = reduceAction(&state, action)
    // Whatever laid the page out again (pictures arrived, a resize, I, another page), the character
    // art it now wants and has not asked for is drawn off the terminal thread.
    if let jobs = state.reader?.artJobs(), !jobs.isEmpty {
        state.reader?.markRequested(jobs)
        effects.append(.drawArt(jobs))
    }
    if let job = state.previewArtJob() { effects.append(.drawArt([job])) }
    return effects
}

private func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .resized(let w, let h):
        state.width = max(0, w); state.height = max(0, h)
        let (width, height) = (state.width, state.height)
        state.reader?.resize(width: width, height: height)
        clampViewports(&state)
        return prefetchHeadlines(&state)
    case .sectionsLoaded(let sections, let saved, let queries):
        // The first load starts on the first section; later loads keep the user's row.
        let keep = state.sectionsLoaded ? state.selectedSectionRow?.scope : state.restoring?.scope
        state.sections = sections
        state.savedCount = saved
        state.savedQueries = queries
        state.sectionsLoaded = true
        if let keep, let i = state.sectionRows.firstIndex(where: { $0.scope == keep }) { state.sectionsViewport.selected = i }
        // A saved section that is gone: start as usual.
        if let place = state.restoring, state.selectedSectionRow?.scope != place.scope { state.restoring = nil }
        clampViewports(&state)
        followSectionsIntoFeedList(&state)
        return followSectionCursor(&state)
    case .accountsLoaded(let accounts):
        state.accounts = accounts
        return []
    case .headlinesLoaded(let query, let rows, let total):
        return applyPage(&state, query, rows, total: total)
    case .headlinesFailed(let query, let message):
        if state.headlines.pending == query { state.headlines.pending = nil }
        state.message = .error(message)
        return []
    case .itemLoaded(let id, let item):
        let effects = state.itemArrivedForReader(id, item)
        guard state.previewRequested == id else { return effects }
        state.previewRequested = nil
        state.preview = item.map(PreviewContent.init)
        if state.previewPicture?.itemID != id { state.previewPicture = nil }
        // Its lead picture, where the cache keeps one.
        if state.previewImage, state.pictures.shown, let doc = item?.document,
           let lead = doc.metadata.leadImage ?? doc.images.first?.url {
            return effects + [.loadPreviewPicture(id, lead)]
        }
        return effects
    case .picturesLoaded(let id, let pictures):
        // Only for the page still shown; a page left meanwhile gets them when opened again.
        guard var r = state.reader, r.page.itemID == id, !pictures.isEmpty else { return [] }
        r.attachPictures(pictures)
        state.reader = r
        return []
    case .pagePicturesLoaded(let url, let pictures):
        guard var r = state.reader, r.page.itemID == nil, r.page.url == url, !pictures.isEmpty else { return [] }
        r.attachPictures(pictures)
        state.reader = r
        return []
    case .previewPictureLoaded(let id, let url, let image):
        guard state.preview?.detail.headline.id == id else { return [] }
        state.previewPicture = PreviewPicture(itemID: id, url: url, image: image)
        return []
    case .artDrawn(let drawn):
        state.reader?.attachArt(drawn)
        state.attachPreviewArt(drawn)
        return []
    case .searchFinished(let query, let rows):
        return applySearchResults(&state, query, rows)
    case .clusterLoaded(let id, let rows):
        return showCoverage(&state, id, rows)
    case .markedAllRead(_, let ids):
        state.undoMarkAll = ids
        state.message = .notice("Marked \(ids.count) read (u undoes)")
        return []
    case .cacheChanged:
        return reloadVisible(&state)
    case .fetchProgressed(let p):
        state.fetch = p
        if p.running { state.fetchWaiting = nil }
        return []
    case .fetchWaiting(let text):
        state.fetchWaiting = text
        return []
    case .fetchFinished(let p, let by):
        state.fetch = FetchProgress()
        state.fetchWaiting = nil
        state.message = .notice((by.map { $0 + ": " } ?? "") + FetchText.summary(p))
        var effects = reloadVisible(&state)
        if p.newItems > 0, let kind = state.terminalNotices {
            effects.append(.terminal(.notify(TerminalNotice(kind: kind, title: "telex",
                                                            body: p.newItems == 1 ? "1 new item" : "\(p.newItems) new items"))))
        }
        return effects
    case .lookChanged(let keymap, let theme):
        // A sequence or count typed under the old bindings means nothing under the new ones.
        state.keymap = keymap
        state.themeChoice = theme
        state.pendingKeys = []
        state.pendingCount = nil
        return []
    case .failed(let message):
        state.message = .error(message)
        return []
    case .notice(let text):
        state.message = .notice(text)
        return []
    case .tick(let now):
        state.now = now
        return []
    case .layoutPrepared:
        // The preview is laid out at each frame; the reader keeps its layout, so it is redone.
        state.reader?.relayoutKeepingPosition()
        return []
    case .key(let key):
        state.message = nil
        if case .mouse = key {} else { state.lastClick = nil }
        return reduceKey(&state, key)
    case .openInReader, .pageLoaded, .linkNotAnArticle, .pageFetchFailed, .pageFetchProgressed:
        return reduceReaderResult(&state, action)
    case .feedsDiscovered, .discoveryFailed, .subscriptionsChanged:
        return reduceSubscriptionResult(&state, action)
    }
}

func clampViewports(_ state: inout AppState) {
    let layout = state.layout
    state.sectionsViewport.scrollIntoView(count: state.sectionRows.count, height: layout.listHeight(.sections))
    clampHeadlines(&state)
}

func clampHeadlines(_ state: inout AppState) {
    let h = state.layout.listHeight(.headlines)
    var list = state.headlines
    if list.rows.isEmpty {
        list.viewport = ListViewport()
    } else {
        list.viewport.selected = min(max(list.viewport.selected, list.start), list.end - 1)
        list.viewport.scrollIntoView(count: list.end, height: h)
    }
    state.headlines = list
}

/// The headlines pane follows the section cursor: a new scope starts a new list.
func followSectionCursor(_ state: inout AppState) -> [Effect] {
    guard let scope = state.selectedSectionRow?.scope else { return [] }
    if let c = state.coverageShown {
        // A story's coverage stays over its list (the sections reload after every change); another row replaces both.
        if scope == c.returnTo.scope { return [] }
        state.coverage = nil
    }
    guard scope != state.headlines.scope else { return [] }
    state.headlines = HeadlineList(scope: scope)
    state.preview = nil
    state.previewRequested = nil
    state.previewScroll = 0
    if case .search(let q) = scope { return [.search(q)] }
    let query = HeadlineQuery(scope: scope, position: .first, limit: HeadlineList.pageSize)
    state.headlines.pending = query
    return [.loadHeadlines(query)]
}

/// The cache changed: re-query the sections and the loaded window (not the whole list), keeping
/// the selection on the same article.
func reloadVisible(_ state: inout AppState) -> [Effect] {
    var effects: [Effect] = [.loadSections]
    guard let scope = state.headlines.scope, state.headlines.loaded else { return effects }
    if case .search(let q) = scope { return effects + [.search(q)] }
    if let c = state.coverageShown {
        // A story's coverage is read again as a cluster (new outlets join it, each with its count).
        effects.append(.loadCluster(c.origin))
    } else {
        let from = state.headlines.start == 0 ? nil : state.headlines.rows.first?.cursor
        let limit = min(HeadlineList.maxRows, max(HeadlineList.pageSize, state.headlines.rows.count))
        let query = HeadlineQuery(scope: scope, position: .reload(from: from), limit: limit)
        state.headlines.pending = query
        effects.append(.loadHeadlines(query))
    }
    if let id = state.preview?.detail.headline.id, state.headlines.selected?.id == id {
        state.previewRequested = id
        effects.append(.loadItem(id))
    }
    return effects
}

func applyPage(_ state: inout AppState, _ query: HeadlineQuery, _ rows: [Headline], total: Int?) -> [Effect] {
    var list = state.headlines
    // Stale answers (another scope, or a query the user has moved past) are dropped.
    guard list.scope == query.scope, list.pending == query else { return [] }
    list.pending = nil
    let selectedID = list.selected?.id
    let oldSelected = list.viewport.selected
    let full = rows.count >= query.limit
    if let total { list.total = total }
    switch query.position {
    case .first:
        list.rows = rows
        list.start = 0
        list.reachedEnd = !full
        list.viewport = ListViewport()
    case .reload(let from):
        list.rows = rows
        if from == nil { list.start = 0 }
        list.reachedEnd = !full
        if let id = selectedID, let i = list.index(of: id) {
            let shift = i - oldSelected
            list.viewport.selected = i
            list.viewport.top = max(0, list.viewport.top + shift)
        }
    case .after(let cursor):
        guard list.rows.last?.cursor == cursor else { return [] }
        list.rows += rows
        list.reachedEnd = !full
        if list.rows.count > HeadlineList.maxRows {
            let drop = list.rows.count - HeadlineList.maxRows
            list.rows.removeFirst(drop)
            list.start += drop
        }
    case .before(let cursor):
        guard list.rows.first?.cursor == cursor else { return [] }
        // A short page means the top of the list: positions are re-anchored at 0.
        let expected = list.start - rows.count
        let newStart = full ? max(0, expected) : 0
        let shift = newStart - expected
        list.rows = rows + list.rows
        list.start = newStart
        list.viewport.selected += shift
        list.viewport.top = max(0, list.viewport.top + shift)
        if list.rows.count > HeadlineList.maxRows {
            list.rows.removeLast(list.rows.count - HeadlineList.maxRows)
            list.reachedEnd = false
        }
    case .last:
        list.rows = rows
        let count = total ?? list.total ?? rows.count
        list.start = max(0, count - rows.count)
        list.reachedEnd = true
        list.viewport.selected = list.end - 1
    }
    list.loaded = true
    var reopen: [Effect] = []
    if case .first = query.position, let place = state.restoring, place.scope == query.scope {
        // The saved place: its story selected (when it is still in the first page), its article reopened.
        state.restoring = nil
        if let id = place.selected, let i = list.index(of: id) { list.viewport.selected = i; state.focus = .headlines }
        if let open = place.open {
            state.focus = .headlines
            state.readerRequested = open
            reopen = [.loadItem(open)]
        }
    }
    if list.reachedEnd { list.total = list.end }
    if let t = list.total, t < list.end { list.total = list.end }
    state.headlines = list
    clampHeadlines(&state)
    return reopen + prefetchHeadlines(&state) + followHeadlineCursor(&state)
}

func applySearchResults(_ state: inout AppState, _ query: String, _ rows: [Headline]) -> [Effect] {
    guard state.searchQuery == query else { return [] }
    state.searchResultCount = rows.count
    guard state.headlines.scope == .search(query) else { return [] }
    let selectedID = state.headlines.selected?.id
    var list = HeadlineList(scope: .search(query))
    list.rows = rows
    list.loaded = true
    list.reachedEnd = true
    list.total = rows.count
    list.viewport = state.headlines.viewport
    if let id = selectedID, let i = list.index(of: id) { list.viewport.selected = i }
    state.headlines = list
    clampHeadlines(&state)
    return followHeadlineCursor(&state)
}

/// Loads the next or previous page when the view comes near an edge of the loaded window.
func prefetchHeadlines(_ state: inout AppState) -> [Effect] {
    var list = state.headlines
    guard list.pending == nil, list.loaded, let scope = list.scope else { return [] }
    switch scope {
    case .search, .items: return []  // One page.
    default: break
    }
    let h = state.layout.listHeight(.headlines)
    let margin = max(2 * h, 20)
    let position: PagePosition
    if !list.reachedEnd, let last = list.rows.last, list.viewport.top + h + margin >= list.end {
        position = .after(last.cursor)
    } else if list.start > 0, let first = list.rows.first, list.viewport.top - margin < list.start {
        position = .before(first.cursor)
    } else {
        return []
    }
    let query = HeadlineQuery(scope: scope, position: position, limit: HeadlineList.pageSize)
    list.pending = query
    state.headlines = list
    return [.loadHeadlines(query)]
}

/// The preview follows the headline cursor (previewing never marks read).
func followHeadlineCursor(_ state: inout AppState) -> [Effect] {
    guard let id = state.headlines.selected?.id else { return [] }
    if state.preview?.detail.headline.id == id || state.previewRequested == id { return [] }
    state.previewRequested = id
    state.previewScroll = 0
    return [.loadItem(id)]
}
