import Foundation
import TelexModel
import TelexScreen

/// The words the reader uses for fetching: why a feed fails, a pass's summary, times of day.
public enum FetchText {
    /// "12 ok, 2 failed, 40 new" (ok counts 304s too: the feed answered).
    public static func summary(_ p: FetchProgress) -> String {
        var text = "\(p.ok + p.unchanged) ok, \(p.failed) failed, \(p.newItems) new"
        if p.skipped > 0 { text += ", \(p.skipped) skipped" }
        if p.articles > 0 { text += ", \(p.articles) articles" }
        return text
    }

    /// While a pass runs: "fetching 3/10 · 12 new".
    public static func running(_ p: FetchProgress) -> String {
        guard p.feedsTotal > 0 else { return "fetching…" }
        var text = "fetching \(p.feedsDone)/\(p.feedsTotal)"
        if p.newItems > 0 { text += " · \(p.newItems) new" }
        if p.feedsDone == p.feedsTotal, p.articles > 0 { text += " · \(p.articles) articles" }
        return text
    }

    /// Why a feed fails, in words: "host not found: feeds.example.org · failing since 09:12 · next try 10:40".
    /// nil when it does not fail.
    public static func failure(_ health: FeedHealth, now: Date, timeZone: TimeZone) -> String? {
        if health.gone { return "gone (HTTP 410): no longer fetched; remove it from feeds.json" }
        guard health.status == .failing else { return nil }
        var parts = [health.message ?? "failing"]
        if let since = health.failingSince { parts.append("failing since " + clock(since, now: now, timeZone: timeZone)) }
        if let wait = health.retryAfter, wait > now {
            parts.append("the server asked to wait until " + clock(wait, now: now, timeZone: timeZone))
        } else if let next = health.nextTry {
            parts.append("next try " + (next > now ? clock(next, now: now, timeZone: timeZone) : "on the next pass"))
        }
        return parts.joined(separator: " · ")
    }

    /// The failing feeds of a list, with their reasons (in the sections' order).
    public static func failingFeeds(_ state: AppState, scope: ListScope?) -> [(feed: FeedSummary, reason: String)] {
        guard let scope else { return [] }
        let feeds: [FeedSummary]
        switch scope {
        case .feed(let id): feeds = state.sections.flatMap(\.feeds).filter { $0.id == id }
        case .section(let id): feeds = state.sections.first { $0.id == id }?.feeds ?? []
        case .all, .unread: feeds = state.sections.flatMap(\.feeds)
        case .saved, .query, .search, .items: feeds = []
        }
        return feeds.compactMap { feed in failure(feed.health, now: state.now, timeZone: state.timeZone).map { (feed, $0) } }
    }

    /// The reason a list shows for its failing feeds: the feed's own reason, or "2 feeds failing: …".
    public static func scopeFailure(_ state: AppState, scope: ListScope?) -> String? {
        let failing = failingFeeds(state, scope: scope)
        guard let first = failing.first else { return nil }
        if case .feed = scope { return first.reason }
        let count = failing.count == 1 ? "1 feed failing" : "\(failing.count) feeds failing"
        return "\(count): \(first.feed.title): \(first.reason)"
    }

    /// The accounts' sync states for the status line, one phrase each, joined by " · ":
    /// "home: synced 2 min ago", "home: 3 changes waiting", "home: server unreachable since 09:12",
    /// "home: sync failing since 09:12" (the reason is in `telex accounts`). nil without accounts.
    public static func accounts(_ accounts: [AccountStatus], now: Date, timeZone: TimeZone) -> String? {
        guard !accounts.isEmpty else { return nil }
        return accounts.map { account(TerminalSafe.clean($0.name), $0, now: now, timeZone: timeZone) }.joined(separator: " · ")
    }

    static func account(_ name: String, _ a: AccountStatus, now: Date, timeZone: TimeZone) -> String {
        var parts: [String] = []
        switch a.problem {
        case .unreachable(let since)?: parts.append("server unreachable since " + clock(since, now: now, timeZone: timeZone))
        case .failing(let since, _)?: parts.append("sync failing since " + clock(since, now: now, timeZone: timeZone))
        case nil: break
        }
        if a.pending > 0 { parts.append(a.pending == 1 ? "1 change waiting" : "\(a.pending) changes waiting") }
        if parts.isEmpty { parts.append(a.lastSync.map { "synced " + ago($0, now: now) } ?? "not synced yet") }
        return name + ": " + parts.joined(separator: ", ")
    }

    /// "just now", "2 min ago", "3 h ago", "4 days ago".
    static func ago(_ date: Date, now: Date) -> String {
        let s = max(0, Int(now.timeIntervalSince(date)))
        switch s {
        case ..<60: return "just now"
        case ..<3600: return "\(s / 60) min ago"
        case ..<86_400: return "\(s / 3600) h ago"
        default: return s < 2 * 86_400 ? "1 day ago" : "\(s / 86_400) days ago"
        }
    }

    /// "09:12" today, "3 Dec 09:12" on another day, in the reader's time zone.
    public static func clock(_ date: Date, now: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        if calendar.isDate(date, inSameDayAs: now) { return time }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var day = "\(c.day ?? 1) \(months[max(0, min(11, (c.month ?? 1) - 1))])"
        if let year = c.year, year != calendar.component(.year, from: now) { day += " \(year)" }
        return day + " " + time
    }
}
