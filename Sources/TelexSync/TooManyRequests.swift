import Foundation
import TelexFetch

/// What a sync does with a 429 (RFC 6585): waits what `Retry-After` asks when that is short, once, and
/// otherwise fails saying how long the server asked to wait (the next sync tries again; nothing is lost).
struct TooManyRequests {
    /// The longest wait taken (seconds); a longer one fails the sync.
    let longest: Double
    let sleep: (Double) async throws -> Void

    /// Waits out `response` (a 429), or throws.
    func wait(_ response: HTTPFetchResponse) async throws(SyncError) {
        let seconds = Self.seconds(response)
        guard seconds <= longest else { throw .httpStatus(429, "too many requests; the server asks to wait \(Int(seconds.rounded(.up))) s") }
        do { try await sleep(seconds) } catch { throw .transport(.cancelled) }
    }

    /// Seconds `Retry-After` asks for (5 when it says nothing usable), measured on the server's clock when
    /// it sends `Date`: an HTTP-date in Retry-After is the server's time, and a skewed clock here must
    /// neither stretch the wait nor cancel it.
    static func seconds(_ response: HTTPFetchResponse) -> Double {
        let serverNow = response.headers["date"].flatMap(HTTPDate.parse) ?? Date()
        guard let until = response.retryAfter(now: serverNow) else { return 5 }
        return max(0, until.timeIntervalSince(serverNow))
    }
}
