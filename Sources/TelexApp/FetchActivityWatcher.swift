import Foundation
import TelexFetch
import TelexModel
import TelexUI

/// Shows the reader what another process fetching for the cache is doing (`telex serve`, `telex fetch`,
/// another reader): polls `fetch-status.json` (reads its few hundred bytes a quarter of a second and
/// decodes them when they changed: not its mtime, which two writes within one kernel tick share, so a
/// pass's end written just after its last progress went unseen), posts its progress, and its summary
/// when its pass ends. The status line is never left claiming a pass whose process is gone. Also calls `everyFewSeconds` every two seconds (feeds.json is followed there).
final class FetchActivityWatcher: @unchecked Sendable {
    private let timer: PollTimer
    // Touched on the timer's thread only.
    private let path: String
    private var lastBytes: Data?
    private var announced: Date?
    private var showing: Int32?
    private var ticks = 0

    init(cacheDirectory: String, interval: Double = 0.25, timer: PollTimer = DispatchPollTimer(label: "telex.fetch-activity"),
         post: @escaping @Sendable (Action) -> Void, everyFewSeconds: @escaping @Sendable () -> Void) {
        path = FetchStatusFile.path(cacheDirectory: cacheDirectory)
        // Passes that ended before the reader started are not announced.
        announced = FetchStatusFile.read(cacheDirectory: cacheDirectory)?.last?.started
        self.timer = timer
        let everyTicks = max(1, Int((2 / interval).rounded()))
        // Weak, not unowned: a tick already dispatched when the watcher goes away still runs.
        timer.start(interval: interval) { [weak self] in
            guard let self else { return }
            self.look(post: post)
            self.ticks += 1
            if self.ticks % everyTicks == 0 { everyFewSeconds() }
        }
    }

    func stop() { timer.stop() }
    deinit { timer.stop() }

    private func look(post: @Sendable (Action) -> Void) {
        let bytes = FileManager.default.contents(atPath: path)
        let changed = bytes != nil && bytes != lastBytes
        if bytes != nil { lastBytes = bytes }
        if let pid = showing, !FetchLock.isAlive(pid) {
            // The process died mid-pass (SIGKILL): nothing runs any more.
            showing = nil
            post(.fetchProgressed(FetchProgress()))
        }
        guard changed, let bytes, let status = FetchStatusFile.decode(bytes) else { return }
        // This process's passes come through the fetch coordinator.
        guard status.pid != getpid() else { return }
        if let current = status.current, FetchLock.isAlive(status.pid) {
            showing = status.pid
            post(.fetchProgressed(current.progress))
        } else if showing == status.pid {
            showing = nil
            post(.fetchProgressed(FetchProgress()))
        }
        if let last = status.last, last.started != announced, status.current == nil {
            announced = last.started
            post(.fetchFinished(last.progress, by: CacheSession.name(PassRunner(pid: status.pid, role: status.role))))
        }
    }
}
