import Foundation
import TelexUI

/// Polls a change token (for the store: `PRAGMA data_version` on a dedicated connection, which sees
/// other processes' commits) and posts `.cacheChanged` when it moves. Runs on its own queue.
public final class ChangeWatcher: @unchecked Sendable {
    private let timer: DispatchSourceTimer

    /// Starts polling every `interval` seconds; each time `changed` says yes, one `.cacheChanged` is posted.
    /// `changed` runs on the watcher's own serial queue only.
    public init(interval: Double = 0.5, changed: @escaping @Sendable () -> Bool, post: @escaping @Sendable (Action) -> Void) {
        let queue = DispatchQueue(label: "telex.change-watcher", qos: .utility)
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(20))
        timer.setEventHandler { if changed() { post(.cacheChanged) } }
        timer.resume()
    }

    /// Polls a version token instead; `token` returns nil when it cannot read (ignored).
    public convenience init(interval: Double = 0.5, token: @escaping @Sendable () -> Int64?, post: @escaping @Sendable (Action) -> Void) {
        let tracker = TokenTracker()
        self.init(interval: interval, changed: { tracker.moved(to: token()) }, post: post)
    }

    public func stop() { timer.cancel() }
    deinit { timer.cancel() }
}

/// The last token seen; touched only on the watcher's queue.
private final class TokenTracker: @unchecked Sendable {
    private var last: Int64?
    func moved(to now: Int64?) -> Bool {
        guard let now else { return false }
        defer { last = now }
        return last != nil && last != now
    }
}
