import TelexArticles
import TelexModel
import TelexScreen

/// The headlines pane: unread mark, title, source and age, newest first, over the loaded window.
enum HeadlinesView {
    static let emptyCacheLines = [
        "No articles yet.",
        "Press r to fetch now,",
        "or run `telex fetch` in a shell,",
        "or `telex serve` to keep fetching",
        "in the background.",
    ]

    static func render(_ state: AppState, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        let focused = state.focus == .headlines
        let list = state.headlines
        let title = " " + TerminalSafe.clean(scopeTitle(state))
        buffer.put(TextFitting.fit(title, to: rect.width), x: rect.x, y: rect.y,
                   style: focused ? theme.paneHeaderFocused : theme.paneHeader, maxX: rect.maxX)
        let titleEnd = rect.x + DisplayWidth.of(TextFitting.truncate(title, to: rect.width))
        let failing = FetchText.failingFeeds(state, scope: list.scope)
        if !failing.isEmpty, titleEnd + 3 < rect.maxX {
            // Beside the title, so a list with cached headlines still says that its feeds fail.
            let note = failing.count == 1 && list.scope.map({ if case .feed = $0 { true } else { false } }) == true
                ? "! failing" : "! \(failing.count) of \(scopeFeedCount(state, list.scope)) feeds failing"
            buffer.put("  " + note, x: titleEnd, y: rect.y, style: theme.error, maxX: rect.maxX)
        }
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        if !list.loaded {
            if list.scope != nil {
                buffer.put(" Loading…", x: body.x, y: body.y, style: theme.dim, maxX: body.maxX)
            }
            return
        }
        if list.rows.isEmpty {
            if !failing.isEmpty {
                renderFailures(failing, scope: list.scope, in: body, theme: theme, into: &buffer)
                return
            }
            let lines: [String]
            if state.cacheIsEmpty {
                lines = emptyCacheLines
            } else if case .search(let q) = list.scope {
                lines = ["No results for “\(TerminalSafe.clean(q))”."]
            } else {
                lines = ["No articles here."]
            }
            for (i, line) in lines.prefix(body.height).enumerated() {
                buffer.put(" " + line, x: body.x, y: body.y + i, style: theme.dim, maxX: body.maxX)
            }
            return
        }
        let columns = Columns(width: body.width)
        for i in 0..<body.height {
            let index = list.viewport.top + i
            let y = body.y + i
            guard let h = list.row(at: index) else {
                if index < list.displayTotal {
                    buffer.put("  …", x: body.x, y: y, style: theme.dim, maxX: body.maxX)
                }
                continue
            }
            let selected = index == list.viewport.selected
            let base = h.isRead ? theme.read : theme.unread
            let style = selected ? (focused ? theme.selection : theme.selectionUnfocused) : base
            if selected { buffer.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: style) }
            let x = body.x
            buffer.put(h.isRead ? " " : "●", x: x, y: y, style: style, maxX: body.maxX)
            buffer.put(h.isSaved ? "★" : " ", x: x + 1, y: y, style: style, maxX: body.maxX)
            let text = RowText(h, columns)
            buffer.put(TextFitting.fit(text.title, to: columns.title), x: x + columns.titleX, y: y,
                       style: style, maxX: x + columns.titleX + columns.title)
            if columns.source > 0 {
                buffer.put(TextFitting.fit(text.source, to: columns.source),
                           x: x + columns.sourceX, y: y, style: selected ? style : theme.dim, maxX: x + columns.sourceX + columns.source)
            }
            if columns.age > 0 {
                buffer.put(TextFitting.rightAligned(Age.format(h.sortTime, now: state.now), to: columns.age),
                           x: x + columns.ageX, y: y, style: selected ? style : theme.dim, maxX: body.maxX)
            }
        }
    }

    /// Where the headlines would be: why each feed of the list fails, wrapped to the pane.
    static func renderFailures(_ failing: [(feed: FeedSummary, reason: String)], scope: ListScope?, in body: Rect, theme: Theme,
                               into buffer: inout ScreenBuffer) {
        var lines: [(String, Style)] = []
        let single: Bool = { if case .feed? = scope { return true } else { return false } }()
        for (feed, reason) in failing {
            if !single { lines.append((TerminalSafe.clean(feed.title), theme.unread)) }
            let words = TerminalSafe.clean(reason).split(separator: " · ").map(String.init)
            for (i, part) in words.enumerated() {
                for (j, piece) in LineBreaker.lines(part, width: max(8, body.width - 4)).enumerated() {
                    lines.append(((i == 0 && j == 0 ? "! " : "  ") + piece, i == 0 ? theme.error : theme.dim))
                }
            }
            lines.append(("", .plain))
        }
        lines.append(("r fetches again now.", theme.dim))
        for (i, (text, style)) in lines.prefix(body.height).enumerated() {
            buffer.put(" " + text, x: body.x, y: body.y + i, style: style, maxX: body.maxX)
        }
    }

    static func scopeFeedCount(_ state: AppState, _ scope: ListScope?) -> Int {
        switch scope {
        case .section(let id)?: return state.sections.first { $0.id == id }?.feeds.count ?? 0
        case .feed?: return 1
        default: return state.sections.reduce(0) { $0 + $1.feeds.count }
        }
    }

    /// A row's title and source as drawn, and where its count is. A story several outlets carry, or whose event
    /// other outlets cover, shows once with the count of the others ("BBC +2"): after the source, or after the
    /// title when the pane is too narrow for sources. A click on the count opens the coverage (`c`).
    struct RowText {
        var title: String
        var source = ""
        /// The count's columns ("+2"), from the row's left edge; nil when the row has none.
        var count: Range<Int>?

        init(_ h: Headline, _ columns: Columns) {
            let more = h.outletCount > 1 ? " +\(h.outletCount - 1)" : ""
            let titleMore = columns.source > 0 ? "" : more
            let title = TextFitting.truncate(TerminalSafe.clean(h.title), to: max(0, columns.title - titleMore.count))
            self.title = title + titleMore
            var start: Int?
            if columns.source > 0 {
                let name = TextFitting.truncate(TerminalSafe.clean(h.source), to: max(0, columns.source - more.count))
                source = name + more
                if !more.isEmpty { start = columns.sourceX + DisplayWidth.of(name) }
            } else if !more.isEmpty {
                start = columns.titleX + DisplayWidth.of(title)
            }
            // " +2": the space is not the count; nothing past the column is drawn.
            if let start {
                let end = min(start + more.count, columns.source > 0 ? columns.sourceX + columns.source : columns.titleX + columns.title)
                if start + 1 < end { count = (start + 1)..<end }
            }
        }
    }

    /// The headline whose count ("+2") is at column `x` of the pane's row `row` (0: the first headline row).
    static func countHit(_ state: AppState, paneWidth: Int, row: Int, x: Int) -> Headline? {
        guard let h = state.headlines.row(at: state.headlines.viewport.top + row),
              let count = RowText(h, Columns(width: paneWidth)).count, count.contains(x) else { return nil }
        return h
    }

    /// Column positions for a pane width: the mark, the title (what is left), the source, the age.
    /// The title takes all the width there is; the feed's column appears only when the title keeps
    /// `minimumTitle` columns beside it.
    struct Columns {
        static let minimumTitle = 30
        var titleX = 3, title = 0, sourceX = 0, source = 0, ageX = 0, age = 0
        init(width: Int) {
            age = width >= 24 ? 4 : 0
            let wanted = width >= 100 ? min(24, width / 5) : 12
            source = width - titleX - (age > 0 ? age + 1 : 0) - (wanted + 1) >= Self.minimumTitle ? wanted : 0
            let right = (source > 0 ? source + 1 : 0) + (age > 0 ? age + 1 : 0)
            title = max(0, width - titleX - right)
            sourceX = titleX + title + 1
            ageX = width - age
        }
    }

    /// The name of what the list shows: the section row of its scope, or the search.
    static func scopeTitle(_ state: AppState) -> String {
        guard let scope = state.headlines.scope else { return "Headlines" }
        if case .search(let q) = scope { return "Search: \(q)" }
        if let c = state.coverageShown { return "Coverage: \(c.title)" }
        for row in state.sectionRows where row.scope == scope { return row.title }
        for s in state.sections {
            for f in s.feeds where ListScope.feed(f.id) == scope { return f.title }
        }
        return "Headlines"
    }
}
