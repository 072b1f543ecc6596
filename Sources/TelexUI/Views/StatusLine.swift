import TelexModel
import TelexScreen

/// The bottom row: the view, position (n/total), unread, fetch progress (or, between passes, the
/// accounts' sync states), the last message or error; or the search prompt while it is open.
enum StatusLine {
    static func render(_ state: AppState, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: theme.status)
        if let prompt = state.prompt {
            let label = prompt.kind.label
            // Keep the end of a long query (where the cursor is) in view.
            let room = max(1, rect.width - DisplayWidth.of(label) - 2)
            var text = prompt.text
            while DisplayWidth.of(text) > room, !text.isEmpty { text.removeFirst() }
            let end = buffer.put(" " + label + text, x: rect.x, y: rect.y, style: theme.status, maxX: rect.maxX)
            buffer.cursor = (min(end, rect.maxX - 1), rect.y)
            return
        }
        var right = state.keymap.firstLabel(of: .help, in: .lists).map { $0 + ":help" } ?? ""
        var rightStyle = theme.status
        if let waiting = state.fetchWaiting {
            right = TerminalSafe.clean(waiting) + "  " + right
        } else if state.fetch.running {
            right = FetchText.running(state.fetch) + "  " + right
        } else if let sync = FetchText.accounts(state.accounts, now: state.now, timeZone: state.timeZone) {
            right = sync + "  " + right
            if state.accounts.contains(where: { $0.problem != nil }) { rightStyle = theme.statusError }
        }
        let left: String
        var leftStyle = theme.status
        if case .discovering(let address, _)? = state.subscriptions {
            left = "Looking for feeds at \(address)… (Esc stops)"
        } else if !state.pendingKeys.isEmpty {
            left = Keymap.label([state.pendingKeys]) + " …"
        } else if let m = state.message {
            left = m.text
            if m.isError { leftStyle = theme.statusError }
        } else if let failure = FetchText.scopeFailure(state, scope: state.headlines.scope) {
            // The selected feed or section fails: say why, where the eye is.
            left = position(state) + "  ! " + failure
            leftStyle = theme.statusError
        } else if state.cacheIsEmpty {
            left = "No articles yet: press r to fetch"
        } else {
            left = position(state)
        }
        var rightWidth = DisplayWidth.of(right)
        if rightWidth > rect.width / 2 { right = TextFitting.truncate(right, to: rect.width / 2); rightWidth = DisplayWidth.of(right) }
        let leftEnd = rect.width > rightWidth + 12 ? rect.maxX - rightWidth - 2 : rect.maxX
        buffer.put(" " + TerminalSafe.clean(left), x: rect.x, y: rect.y, style: leftStyle, maxX: leftEnd)
        if leftEnd < rect.maxX {
            buffer.put(right, x: rect.maxX - rightWidth - 1, y: rect.y, style: rightStyle, maxX: rect.maxX)
        }
    }

    /// "World  12/3456  89 unread"
    static func position(_ state: AppState) -> String {
        let list = state.headlines
        var text = HeadlinesView.scopeTitle(state)
        guard list.loaded else { return text }
        let total = list.displayTotal
        text += "  \(total == 0 ? 0 : list.viewport.selected + 1)/\(total)"
        if let row = state.sectionRows.first(where: { $0.scope == list.scope }), row.unreadCount > 0 {
            text += "  \(row.unreadCount) unread"
        }
        return text
    }
}

extension Prompt.Kind {
    /// What the prompt asks, before the text typed.
    var label: String {
        switch self {
        case .search: "Search: "
        case .addFeed(let section): "Add a feed to \(TerminalSafe.clean(section)) (its URL or a page of the site): "
        case .moveFeed(_, let name): "Move \(TerminalSafe.clean(name)) to section (Tab: the existing ones): "
        }
    }
}
