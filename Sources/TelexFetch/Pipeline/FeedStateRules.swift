import Foundation
import TelexModel
import TelexStore

/// How an HTTP outcome becomes a feed's next fetch state (what is recorded, when it is due again).
enum FeedStateRules {
    /// Whether the server asked not to be asked before `now` is past (429/503 with Retry-After): `telex
    /// fetch` honours it even though it ignores other schedules.
    static func mustWait(_ info: FeedFetchInfo, now: Date) -> Bool { info.retryAfter.map { $0 > now } ?? false }

    /// When the feed is due after a success: its interval, never sooner than the feed's own hints
    /// (Cache-Control max-age, RSS ttl, each capped at a day), with ±10% jitter.
    static func nextDue(after now: Date, interval: Int, maxAge: Int?, ttlMinutes: Int?, jitter: Jitter) -> Date {
        var seconds = Double(interval)
        if let maxAge { seconds = max(seconds, Double(min(maxAge, 86_400))) }
        if let ttl = ttlMinutes { seconds = max(seconds, Double(min(ttl, 1_440)) * 60) }
        return now.addingTimeInterval(Backoff.jittered(seconds, random: jitter.next()))
    }

    static func success(_ info: FeedFetchInfo, response: HTTPFetchResponse, now: Date, interval: Int, ttlMinutes: Int?,
                        warning: String?, jitter: Jitter) -> FeedFetchState {
        FeedFetchState(feedID: info.id, etag: response.etag ?? (response.isNotModified ? info.etag : nil),
                       lastModified: response.lastModified ?? (response.isNotModified ? info.lastModified : nil),
                       attemptedAt: now, succeededAt: now,
                       nextDue: nextDue(after: now, interval: interval, maxAge: response.maxAge, ttlMinutes: ttlMinutes, jitter: jitter),
                       consecutiveFailures: 0, status: .ok, warning: warning, httpStatus: response.status,
                       permanentRedirect: response.permanentRedirect?.absoluteString ?? info.permanentRedirect)
    }

    /// A failure keeps the validators (the cached items stay valid) and backs off exponentially;
    /// 429/503 with Retry-After wait as told; 410 stops polling.
    static func failure(_ info: FeedFetchInfo, message: String, status: Int?, retryAfter: Date?, now: Date,
                        jitter: Jitter) -> FeedFetchState {
        let failures = info.consecutiveFailures + 1
        var due = now.addingTimeInterval(Backoff.delay(failures: failures, random: jitter.next()))
        var waitUntil: Date? = nil
        if let retryAfter {
            due = max(retryAfter, now)
            waitUntil = due
        }
        return FeedFetchState(feedID: info.id, etag: info.etag, lastModified: info.lastModified, attemptedAt: now,
                              succeededAt: nil, nextDue: due, consecutiveFailures: failures, status: .failing, error: message,
                              failingSince: info.consecutiveFailures > 0 ? (info.failingSince ?? now) : now,
                              retryAfter: waitUntil, httpStatus: status, permanentRedirect: info.permanentRedirect,
                              gone: status == 410)
    }
}
