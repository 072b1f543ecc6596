import Foundation
import TelexUI

/// Polls a change token (for the store: `PRAGMA data_version` on a dedicated connection, which sees
/// other processes' commits) and posts `.cacheChanged` when it moves. Runs on its own queue.
public final class ChangeWatcher: @unchecked Sendable {
    private let timer: DispatchSourceTimer
    private var last: Int64?

    /// Starts polling every `interval` seconds; `token` returns nil when it cannot read (ignored).
    public init(interval: Double = 0.5, token: @escaping @Sendable () -> Int64?, post: @escaping @Sendable (Action) -> Void) {
        let queue = DispatchQueue(label: "telex.change-watcher", qos: .utility)
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(50))
        timer.setEventHandler { [unowned self] in
            guard let now = token() else { return }
            if let last = self.last, last != now { post(.cacheChanged) }
            self.last = now
        }
        timer.resume()
    }

    public func stop() { timer.cancel() }
    deinit { timer.cancel() }
}
