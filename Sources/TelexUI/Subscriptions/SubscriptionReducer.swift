import TelexModel
import TelexScreen

extension Prompt.Kind {
    /// Characters a prompt takes (addresses are longer than searches).
    var maximumLength: Int {
        switch self {
        case .search: 200
        case .addFeed: 2048
        case .moveFeed: 200
        }
    }
}

/// `a`: a prompt for the address of a feed or of a site's page; the feed goes to the selected section.
func startAddingFeed(_ state: inout AppState) -> [Effect] {
    state.prompt = Prompt(kind: .addFeed(section: state.selectedSection?.name ?? SubscriptionDefaults.section))
    return []
}

/// `F`: the feeds of the selected section, with their status.
func openFeedList(_ state: inout AppState) -> [Effect] {
    guard let section = state.selectedSection else {
        state.message = .notice("Select a section (or one of its feeds) to list its feeds")
        return []
    }
    var list = FeedList(section: section.id)
    if case .feed(let feed, _)? = state.selectedSectionRow, let i = section.feeds.firstIndex(where: { $0.id == feed.id }) {
        list.selected = i
    }
    state.subscriptions = .feedList(list)
    return []
}

/// Enter in the `a` and `m` prompts.
func submitSubscriptionPrompt(_ state: inout AppState, _ kind: Prompt.Kind, _ text: String) -> [Effect] {
    switch kind {
    case .search:
        return []
    case .addFeed(let section):
        state.subscriptions = .discovering(address: text, section: section)
        return [.discoverFeeds(text, section: section)]
    case .moveFeed(let url, let name):
        state.message = .notice("Moving \(name) to \(text)…")
        return [.moveFeed(url: url, toSection: text)]
    }
}

/// The section name Tab offers after `text` (the first one when `text` is none of them).
func nextSectionName(after text: String, in names: [String]) -> String {
    guard !names.isEmpty else { return text }
    let current = names.firstIndex { $0.lowercased() == text.lowercased() }
    return names[current.map { ($0 + 1) % names.count } ?? 0]
}

/// Keys while discovery runs, while choosing among feeds, or in the feed list.
func reduceSubscriptionKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let overlay = state.subscriptions else { return [] }
    if key == .character("Q") {
        state.isQuitting = true
        return [.quit]
    }
    switch overlay {
    case .discovering:
        if key == .escape || key == .ctrl("c") {
            state.subscriptions = nil
            state.message = .notice("Stopped looking for feeds")
            return [.cancelDiscovery]
        }
        return []
    case .choosing(var chooser):
        switch key {
        case .character("j"), .down: chooser.selected = min(chooser.selected + 1, chooser.candidates.count - 1)
        case .character("k"), .up: chooser.selected = max(chooser.selected - 1, 0)
        case .character("g"), .home: chooser.selected = 0
        case .character("G"), .end: chooser.selected = chooser.candidates.count - 1
        case .enter:
            state.subscriptions = nil
            return subscribe(&state, [chooser.candidates[chooser.selected]], section: chooser.section)
        case .character("a"):
            state.subscriptions = nil
            return subscribe(&state, chooser.candidates, section: chooser.section)
        case .escape, .character("q"):
            state.subscriptions = nil
            state.message = .notice("Nothing added")
            return []
        default:
            return []
        }
        state.subscriptions = .choosing(chooser)
        return []
    case .feedList(var list):
        return reduceFeedListKey(&state, &list, key)
    }
}

private func reduceFeedListKey(_ state: inout AppState, _ list: inout FeedList, _ key: Key) -> [Effect] {
    let feeds = state.feedListFeeds
    if let pending = list.confirmingRemoval {
        list.confirmingRemoval = nil
        state.subscriptions = .feedList(list)
        guard key == .character("y"), let feed = feeds.first(where: { $0.id == pending }) else {
            state.message = .notice("Kept")
            return []
        }
        state.message = .notice("Removing \(feed.title)…")
        return [.unsubscribe(url: feed.url)]
    }
    switch key {
    case .character("j"), .down: list.selected = min(list.selected + 1, max(0, feeds.count - 1))
    case .character("k"), .up: list.selected = max(list.selected - 1, 0)
    case .character("g"), .home: list.selected = 0
    case .character("G"), .end: list.selected = max(0, feeds.count - 1)
    case .escape, .character("q"), .character("F"):
        state.subscriptions = nil
        return []
    case .character("d"), .delete:
        guard feeds.indices.contains(list.selected) else { return [] }
        list.confirmingRemoval = feeds[list.selected].id
        state.message = .notice("Remove \(feeds[list.selected].title)? Its saved items are kept. (y removes, any other key keeps it)")
    case .character("m"):
        guard feeds.indices.contains(list.selected) else { return [] }
        let feed = feeds[list.selected]
        state.prompt = Prompt(kind: .moveFeed(url: feed.url, name: feed.title))
    case .enter:
        // The feed's headlines: its row in the sections pane, its section open.
        guard feeds.indices.contains(list.selected) else { return [] }
        let feed = feeds[list.selected]
        state.subscriptions = nil
        state.expanded.insert(list.section)
        let rows = state.sectionRows
        guard let i = rows.firstIndex(where: { $0.scope == .feed(feed.id) }) else { return [] }
        state.sectionsViewport.select(i, count: rows.count, height: state.layout.listHeight(.sections))
        state.focus = .headlines
        clampViewports(&state)
        return followSectionCursor(&state)
    default:
        return []
    }
    state.subscriptions = .feedList(list)
    return []
}

private func subscribe(_ state: inout AppState, _ candidates: [FeedCandidate], section: String) -> [Effect] {
    state.message = .notice(candidates.count == 1 ? "Adding \(candidates[0].title ?? candidates[0].url) to \(section)…"
        : "Adding \(candidates.count) feeds to \(section)…")
    return [.subscribe(candidates, section: section)]
}

/// Discovery results and feeds.json changes coming back.
func reduceSubscriptionResult(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .feedsDiscovered(let address, let candidates):
        // A stale answer (the user stopped, or asked again elsewhere) is dropped.
        guard case .discovering(address, let section)? = state.subscriptions else { return [] }
        state.subscriptions = nil
        switch candidates.count {
        case 0:
            state.message = .notice("No feed found at \(address)")
            return []
        case 1:
            return subscribe(&state, candidates, section: section)
        default:
            state.subscriptions = .choosing(FeedChooser(address: address, section: section, candidates: candidates))
            return []
        }
    case .discoveryFailed(let address, let reason):
        guard case .discovering(address, _)? = state.subscriptions else { return [] }
        state.subscriptions = nil
        state.message = .error(reason)
        return []
    case .subscriptionsChanged(let message):
        state.message = .notice(message)
        return []
    default:
        return []
    }
}

/// After the sections reload: the feed list follows its section (closed when the section went).
func followSectionsIntoFeedList(_ state: inout AppState) {
    guard case .feedList(var list)? = state.subscriptions else { return }
    guard let section = state.sections.first(where: { $0.id == list.section }) else {
        state.subscriptions = nil
        return
    }
    list.selected = min(list.selected, max(0, section.feeds.count - 1))
    state.subscriptions = .feedList(list)
}
