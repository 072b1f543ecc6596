import Foundation
import Testing
import TelexFetch
import TelexModel
import TelexUI
@testable import TelexApp

/// A tick already running when the reader releases the watcher must not touch the freed watcher. It
/// did (an `unowned` capture) and aborted the reader in the live-update e2e test: "Attempted to read an
/// unowned reference but object … was already destroyed". The tick runs here on a manual timer, and the
/// watcher is released inside it, from `post`: with the old capture this test process aborts.
@Suite struct FetchActivityWatcherTests {
    final class Holder: @unchecked Sendable {
        var watcher: FetchActivityWatcher?
        var posted: [Action] = []
    }

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

        let holder = Holder(), clock = ManualPollTimer()
        holder.watcher = FetchActivityWatcher(cacheDirectory: dir.path, timer: clock, post: { action in
            holder.posted.append(action)
            // The reader lets go of the watcher while this tick is still running.
            holder.watcher = nil
        }, everyFewSeconds: {})
        clock.tick()
        #expect(holder.watcher == nil)
        #expect(holder.posted == [.fetchProgressed(progress)])
        // Released, the watcher stopped its timer: a later tick does nothing.
        clock.tick()
        #expect(holder.posted == [.fetchProgressed(progress)])
    }
}
