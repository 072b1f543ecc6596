import Foundation
import TelexStore

/// How an HTTP outcome becomes a feed's next fetch state (what is recorded, when it is due again).
enum FeedStateRules {
    /// The lastError prefix that marks a server-imposed wait (429/503 with Retry-After); `telex
    /// fetch` honours it even though it ignores other schedules.
    static let retryAfterPrefix = "retry after: "

    static func isRetryAfter(_ info: FeedFetchInfo) -> Bool { info.lastError?.hasPrefix(retryAfterPrefix) == true }

    /// Seconds until the feed is due after a success: its interval, never sooner than the feed's
    /// own hints (Cache-Control max-age, RSS ttl), with ±10% jitter.
    static func nextDue(after now: Date, interval: Int, maxAge: Int?, ttlMinutes: Int?) -> Date {
        var seconds = Double(interval)
        if let maxAge { seconds = max(seconds, Double(min(maxAge, 86_400))) }
        if let ttl = ttlMinutes { seconds = max(seconds, Double(min(ttl, 1_440)) * 60) }
        return now.addingTimeInterval(Backoff.jittered(seconds))
    }

    static func success(_ info: FeedFetchInfo, response: HTTPFetchResponse, now: Date, interval: Int, ttlMinutes: Int?,
                        warning: String?) -> FeedFetchState {
        FeedFetchState(feedID: info.id, etag: response.etag ?? (response.isNotModified ? info.etag : nil),
                       lastModified: response.lastModified ?? (response.isNotModified ? info.lastModified : nil),
                       attemptedAt: now, succeededAt: now,
                       nextDue: nextDue(after: now, interval: interval, maxAge: response.maxAge, ttlMinutes: ttlMinutes),
                       consecutiveFailures: 0, lastError: warning.map { "warning: " + $0 }, httpStatus: response.status,
                       permanentRedirect: response.permanentRedirect?.absoluteString ?? info.permanentRedirect)
    }

    /// A failure keeps the validators (the cached items stay valid) and backs off exponentially;
    /// 429/503 with Retry-After wait as told; 410 stops polling.
    static func failure(_ info: FeedFetchInfo, message: String, status: Int?, retryAfter: Date?, now: Date) -> FeedFetchState {
        let failures = info.consecutiveFailures + 1
        var due = now.addingTimeInterval(Backoff.delay(failures: failures))
        var error = message
        if let retryAfter {
            due = max(retryAfter, now)
            error = retryAfterPrefix + HTTPDate.format(due) + " (\(message))"
        }
        return FeedFetchState(feedID: info.id, etag: info.etag, lastModified: info.lastModified, attemptedAt: now,
                              succeededAt: info.lastSuccess, nextDue: due, consecutiveFailures: failures,
                              lastError: error, httpStatus: status, permanentRedirect: info.permanentRedirect,
                              gone: status == 410)
    }
}
