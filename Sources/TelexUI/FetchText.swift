import Foundation
import TelexModel

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
        case .saved, .search: feeds = []
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
