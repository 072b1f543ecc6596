import TelexModel

/// A story's coverage (`c` on a headline, or a click on its `+N` count): every outlet's story about its event
/// (its cluster), listed in the headlines pane in place of the list it was opened from. Enter reads one; back
/// (`q`) shows that list again as it was left.
public struct CoverageList: Hashable, Sendable {
    /// The headline it was opened on.
    public var origin: ItemID
    /// That headline's title: the pane's title says "Coverage: <title>".
    public var title: String
    /// The scope of the list shown (the cluster's items, newest first).
    public var scope: ListScope
    /// The list it was opened from, with its selection and scroll.
    public var returnTo: HeadlineList

    public init(origin: ItemID, title: String, scope: ListScope, returnTo: HeadlineList) {
        self.origin = origin; self.title = title; self.scope = scope; self.returnTo = returnTo
    }

    /// Whether `list` is this coverage (and not a list shown since).
    func isShown(in list: HeadlineList) -> Bool { list.scope == scope }
}

extension AppState {
    /// The coverage the headlines pane shows now, if any.
    public var coverageShown: CoverageList? {
        guard let c = coverage, c.isShown(in: headlines) else { return nil }
        return c
    }
}

/// `c`: asks for the selected headline's cluster; a headline no other outlet covers says so.
func openCoverage(_ state: inout AppState) -> [Effect] {
    guard let headline = state.headlines.selected else { return [] }
    if state.coverageShown != nil {
        state.message = .notice("This is the story's coverage: q returns to the list")
        return []
    }
    guard !headline.coverage.isEmpty else {
        state.message = .notice(headline.alsoIn.isEmpty ? "No other outlet covers this story"
                                : "The same article, also in: " + headline.alsoIn.joined(separator: ", "))
        return []
    }
    state.coverageRequested = headline.id
    return [.loadCluster(headline.id)]
}

/// The cluster arrived: it replaces the list (kept for back), its headline selected, when the user still waits for it;
/// read again after a change in the cache, it replaces the coverage shown, the selection kept on its story.
func showCoverage(_ state: inout AppState, _ id: ItemID, _ rows: [Headline]) -> [Effect] {
    if var c = state.coverageShown, c.origin == id, state.coverageRequested == nil {
        guard !rows.isEmpty else { return [] }
        let selected = state.headlines.selected?.id
        c.scope = .items(rows.map(\.id))
        state.coverage = c
        state.headlines.scope = c.scope
        state.headlines.rows = rows
        state.headlines.start = 0
        state.headlines.total = rows.count
        if let selected, let i = state.headlines.index(of: selected) { state.headlines.viewport.selected = i }
        clampHeadlines(&state)
        return followHeadlineCursor(&state)
    }
    guard state.coverageRequested == id else { return [] }
    state.coverageRequested = nil
    guard let origin = state.headlines.selected, origin.id == id else { return [] }
    guard rows.count > 1 else {
        state.message = .notice("No other outlet covers this story any more")
        return []
    }
    let scope = ListScope.items(rows.map(\.id))
    state.coverage = CoverageList(origin: id, title: origin.title, scope: scope, returnTo: state.headlines)
    var list = HeadlineList(scope: scope)
    list.rows = rows
    list.loaded = true
    list.reachedEnd = true
    list.total = rows.count
    list.viewport.selected = rows.firstIndex { $0.id == id } ?? 0
    state.headlines = list
    state.focus = .headlines
    clampHeadlines(&state)
    return followHeadlineCursor(&state)
}

/// Back from the coverage: the list it was opened from, as it was left, then read again (it may have changed).
func closeCoverage(_ state: inout AppState) -> [Effect] {
    guard let c = state.coverage else { return [] }
    state.coverage = nil
    state.headlines = c.returnTo
    state.headlines.pending = nil
    clampHeadlines(&state)
    return followHeadlineCursor(&state) + reloadVisible(&state)
}
