import Foundation
import TelexModel
import TelexScreen

/// The chooser among discovered feeds and the feed list of a section, drawn as a box over the lists.
enum SubscriptionOverlayView {
    static func render(_ state: AppState, theme: Theme, into buffer: inout ScreenBuffer) {
        switch state.subscriptions {
        case .choosing(let chooser)?:
            let rows = chooser.candidates.map { c in
                Row(text: (c.title ?? c.url) + "  (\(c.itemCount == 1 ? "1 item" : "\(c.itemCount) items"))", detail: c.url, failing: false)
            }
            box(title: " \(chooser.candidates.count) feeds at \(chooser.address): Enter adds, a adds all, Esc cancels",
                rows: rows, selected: chooser.selected, footer: " to \(chooser.section)", theme: theme, into: &buffer)
        case .feedList(let list)?:
            let name = state.sections.first { $0.id == list.section }?.name ?? ""
            let feeds = state.feedListFeeds
            let rows = feeds.map { f in
                Row(text: f.title, detail: FeedStatusText.summary(f, now: state.now, timeZone: state.timeZone), failing: f.isFailing)
            }
            let selectedURL = feeds.indices.contains(list.selected) ? " " + feeds[list.selected].url : ""
            box(title: " \(name): \(feeds.count == 1 ? "1 feed" : "\(feeds.count) feeds") (Enter opens, d removes, m moves, Esc closes)",
                rows: rows, selected: list.selected, footer: selectedURL, theme: theme, into: &buffer)
        case .discovering?, nil:
            return
        }
    }

    struct Row {
        var text: String
        var detail: String
        var failing: Bool
    }

    private static func box(title: String, rows: [Row], selected: Int, footer: String, theme: Theme, into buffer: inout ScreenBuffer) {
        let width = min(buffer.width - 2, max(50, min(120, buffer.width - 6)))
        let height = min(buffer.height - 2, rows.count + 3)
        guard width > 20, height > 3 else { return }
        let visible = height - 3
        let first = max(0, min(selected - visible / 2, rows.count - visible))
        let rect = Rect(x: (buffer.width - width) / 2, y: max(1, (buffer.height - height) / 2), width: width, height: height)
        buffer.fill(rect, style: theme.status)
        buffer.put(TextFitting.fit(TerminalSafe.clean(title), to: width), x: rect.x, y: rect.y, style: theme.title, maxX: rect.maxX)
        let nameWidth = max(10, min(40, (width - 4) * 2 / 5))
        for (i, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            let index = first + i
            let style = index == selected ? theme.selection : (row.failing ? theme.error : theme.status)
            let text = " " + TextFitting.fit(TerminalSafe.clean(row.text), to: nameWidth) + "  " + TerminalSafe.clean(row.detail)
            buffer.put(TextFitting.fit(text, to: width - 1), x: rect.x, y: rect.y + 1 + i, style: style, maxX: rect.maxX - 1)
        }
        buffer.put(TextFitting.truncate(TerminalSafe.clean(footer), to: width), x: rect.x, y: rect.maxY - 1, style: theme.dim, maxX: rect.maxX)
    }
}

/// A feed's state in a few words: counts, then how its fetches go ("ok 09:12", the failure and its reason).
enum FeedStatusText {
    static func summary(_ feed: FeedSummary, now: Date, timeZone: TimeZone) -> String {
        let counts = "\(feed.unread) unread / \(feed.total)"
        if let failure = FetchText.failure(feed.health, now: now, timeZone: timeZone) { return counts + "  failing: " + failure }
        switch feed.health.status {
        case .new, .failing:
            return counts + "  not fetched yet"
        case .ok:
            var text = counts + "  ok" + (feed.health.lastSuccess.map { " " + FetchText.clock($0, now: now, timeZone: timeZone) } ?? "")
            if let warning = feed.health.warning { text += " (warning: \(warning))" }
            return text
        }
    }
}
