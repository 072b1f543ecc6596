import Foundation
import TelexFetch
import TelexModel
import TelexUI

/// Shows the reader what another process fetching for the cache is doing (`telex serve`, `telex fetch`,
/// another reader): polls `fetch-status.json` (a `stat` a quarter of a second, a read when it changed),
/// posts its progress, and its summary when its pass ends. The status line is never left claiming a pass
/// whose process is gone. Also calls `everyFewSeconds` every two seconds (feeds.json is followed there).
final class FetchActivityWatcher: @unchecked Sendable {
    private let timer: DispatchSourceTimer
    // Touched on the timer's queue only.
    private let path: String
    private let cacheDirectory: String
    private var modified: timespec?
    private var announced: Date?
    private var showing: Int32?
    private var ticks = 0

    init(cacheDirectory: String, interval: Double = 0.25, post: @escaping @Sendable (Action) -> Void,
         everyFewSeconds: @escaping @Sendable () -> Void) {
        self.cacheDirectory = cacheDirectory
        path = FetchStatusFile.path(cacheDirectory: cacheDirectory)
        // Passes that ended before the reader started are not announced.
        announced = FetchStatusFile.read(cacheDirectory: cacheDirectory)?.last?.started
        let queue = DispatchQueue(label: "telex.fetch-activity", qos: .utility)
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: interval, leeway: .milliseconds(50))
        let everyTicks = max(1, Int((2 / interval).rounded()))
        // Weak, not unowned: a tick already dispatched when the watcher goes away still runs.
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.look(post: post)
            self.ticks += 1
            if self.ticks % everyTicks == 0 { everyFewSeconds() }
        }
        timer.resume()
    }

    func stop() { timer.cancel() }
    deinit { timer.cancel() }

    private func look(post: @Sendable (Action) -> Void) {
        var info = stat()
        let changed: Bool
        if stat(path, &info) == 0 {
            changed = modified.map { $0.tv_sec != info.st_mtim.tv_sec || $0.tv_nsec != info.st_mtim.tv_nsec } ?? true
            modified = info.st_mtim
        } else {
            changed = false
        }
        if let pid = showing, !FetchLock.isAlive(pid) {
            // The process died mid-pass (SIGKILL): nothing runs any more.
            showing = nil
            post(.fetchProgressed(FetchProgress()))
        }
        guard changed, let status = FetchStatusFile.read(cacheDirectory: cacheDirectory) else { return }
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
