import Foundation
import GRDB

/// WAL checkpoints on a connection and thread of their own while a fetch pass writes.
///
/// SQLite's automatic checkpoint runs inside the committing connection: in a cold pass it made every
/// ~4 MB of commits wait while the WAL was copied back and synced, ~10% of the pass's CPU, all of it
/// on the single writer that bounds the pass. While these run, the writer's automatic checkpoint is
/// off; a PASSIVE checkpoint here copies frames concurrently (WAL allows one checkpointer beside the
/// writer) whenever the WAL has grown past `walBytes`. `stop()` restores the writer's setting.
public final class BackgroundCheckpoints: @unchecked Sendable {
    /// The writer's automatic checkpoint threshold (pages), restored on stop: SQLite's default.
    static let defaultAutoCheckpoint = 1000
    private let store: Store
    private let connection: DatabaseQueue
    private let walPath: String
    private let walBytes: Int
    private let timer: DispatchSourceTimer
    private let lock = NSLock()
    private var stopped = false

    init(store: Store, walBytes: Int, interval: DispatchTimeInterval) throws(StoreError) {
        self.store = store
        self.walPath = store.path + "-wal"
        self.walBytes = walBytes
        var config = Configuration()
        config.label = "telex-checkpoints"
        config.busyMode = .timeout(5)
        do {
            connection = try DatabaseQueue(path: store.path, configuration: config)
        } catch {
            throw Store.map(error, path: store.path)
        }
        try store.setAutoCheckpoint(0)
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "telex.checkpoints", qos: .utility))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.checkpointIfLarge() }
        timer.resume()
    }

    /// One tick: a passive checkpoint when the WAL has reached `walBytes` (tests call it directly).
    func checkpointIfLarge() {
        lock.lock(); defer { lock.unlock() }
        guard !stopped else { return }
        var info = stat()
        guard stat(walPath, &info) == 0, Int(info.st_size) >= walBytes else { return }
        // Busy (another checkpointer) or failing: the next tick, or the pass's final checkpoint, retries.
        try? connection.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
    }

    /// Stops the timer and gives the writer its automatic checkpoint back. Idempotent.
    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        timer.cancel()
        try? store.setAutoCheckpoint(Self.defaultAutoCheckpoint)
        try? connection.close()
    }

    deinit { stop() }
}

extension Store {
    /// Moves WAL checkpoints off the writer until `stop()` (see `BackgroundCheckpoints`).
    public func startBackgroundCheckpoints(walBytes: Int = 8 << 20, interval: DispatchTimeInterval = .milliseconds(100))
        throws(StoreError) -> BackgroundCheckpoints {
        try BackgroundCheckpoints(store: self, walBytes: walBytes, interval: interval)
    }

    func setAutoCheckpoint(_ pages: Int) throws(StoreError) {
        do { try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(pages)") } } catch {
            throw Store.map(error, path: path)
        }
    }
}
