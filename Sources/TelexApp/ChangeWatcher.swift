import Foundation
import TelexUI

/// What drives a watcher's polls: a dispatch timer in the app, a manual clock in tests.
public protocol PollTimer: AnyObject, Sendable {
    /// Calls `fire` every `interval` seconds until `stop`.
    func start(interval: Double, _ fire: @escaping @Sendable () -> Void)
    func stop()
}

/// Fires on its own serial queue.
public final class DispatchPollTimer: PollTimer, @unchecked Sendable {
    private let timer: DispatchSourceTimer
    private var started = false

    public init(label: String = "telex.change-watcher") {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: label, qos: .utility))
    }

    public func start(interval: Double, _ fire: @escaping @Sendable () -> Void) {
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(20))
        timer.setEventHandler(handler: fire)
        started = true
        timer.resume()
    }

    public func stop() { timer.cancel() }
    deinit {
        timer.cancel()
        if !started { timer.resume() }  // libdispatch traps on releasing a source never resumed
    }
}

/// Polls a change token (for the store: `PRAGMA data_version` on a dedicated connection, which sees
/// other processes' commits) and posts `.cacheChanged` when it moves.
public final class ChangeWatcher: @unchecked Sendable {
    private let timer: PollTimer

    /// Starts polling every `interval` seconds; each time `changed` says yes, one `.cacheChanged` is posted.
    /// `changed` runs on the timer's thread only (one serial queue for the dispatch timer).
    public init(interval: Double = 0.5, timer: PollTimer = DispatchPollTimer(), changed: @escaping @Sendable () -> Bool,
                post: @escaping @Sendable (Action) -> Void) {
        self.timer = timer
        timer.start(interval: interval) { if changed() { post(.cacheChanged) } }
    }

    /// Polls a version token instead; `token` returns nil when it cannot read (ignored).
    public convenience init(interval: Double = 0.5, timer: PollTimer = DispatchPollTimer(), token: @escaping @Sendable () -> Int64?,
                            post: @escaping @Sendable (Action) -> Void) {
        let tracker = TokenTracker()
        self.init(interval: interval, timer: timer, changed: { tracker.moved(to: token()) }, post: post)
    }

    public func stop() { timer.stop() }
    deinit { timer.stop() }
}

/// The last token seen; touched only on the timer's thread.
private final class TokenTracker: @unchecked Sendable {
    private var last: Int64?
    func moved(to now: Int64?) -> Bool {
        guard let now else { return false }
        defer { last = now }
        return last != nil && last != now
    }
}
