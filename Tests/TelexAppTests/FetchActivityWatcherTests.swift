import Foundation
import Testing
import TelexFetch
import TelexModel
import TelexUI
@testable import TelexApp

/// The watcher's timer ticks on its own queue: a tick already running when the reader releases the
/// watcher must not touch the freed watcher. It did (an `unowned` capture) and aborted the reader in
/// the live-update e2e test: "Attempted to read an unowned reference but object … was already destroyed".
@Suite struct FetchActivityWatcherTests {
    @Test func aWatcherReleasedDuringATickFinishesTheTickSafely() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telex-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Another live process (our parent) is in the middle of a pass: the first tick posts its progress.
        var progress = FetchProgress()
        progress.running = true
        progress.feedsTotal = 3
        let status = FetchStatus(pid: getppid(), role: .serve,
                                 current: .init(started: Date(), answeredRequest: 0, progress: progress), last: nil)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        try encoder.encode(status).write(to: URL(fileURLWithPath: FetchStatusFile.path(cacheDirectory: dir.path)))

        let inPost = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        let posted = Posted()
        var watcher: FetchActivityWatcher? = FetchActivityWatcher(
            cacheDirectory: dir.path, interval: 60, post: { action in
                posted.append(action)
                inPost.signal()
                // The reader lets go of the watcher while this tick is still running.
                released.wait()
            }, everyFewSeconds: {})
        #expect(inPost.wait(timeout: .now() + 10) == .success)
        watcher = nil
        released.signal()
        // The tick goes on after `post` returns; with the old capture the process aborted here.
        let done = DispatchSemaphore(value: 0)
        DispatchQueue(label: "telex.fetch-activity.probe").asyncAfter(deadline: .now() + 0.2) { done.signal() }
        done.wait()
        #expect(watcher == nil)
        #expect(posted.actions == [.fetchProgressed(progress)])
    }
}

private final class Posted: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Action] = []
    func append(_ action: Action) { lock.lock(); list.append(action); lock.unlock() }
    var actions: [Action] { lock.lock(); defer { lock.unlock() }; return list }
}
