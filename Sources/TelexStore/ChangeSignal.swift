import Foundation
import GRDB

/// Tells a front end that some connection (this process or another) committed to the cache.
///
/// Polls `PRAGMA data_version` on one dedicated connection (the value is per connection, so it cannot be a
/// pool; GRDB's observation does not see other processes). About 0.1 ms a poll: call it up to ~10 times a second.
public final class ChangeSignal {
    private let queue: DatabaseQueue
    private var lastVersion: Int64

    /// Opens the dedicated read-only connection on the cache of `store`.
    public init(store: Store) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(1)
        config.label = "telex-change-signal"
        do {
            queue = try DatabaseQueue(path: store.path, configuration: config)
            lastVersion = try queue.read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        } catch {
            throw Store.map(error, path: store.path)
        }
    }

    /// True when a commit happened since the previous call (or since init).
    public func hasChanged() -> Bool {
        guard let version = try? queue.inDatabase({ db in try Int64.fetchOne(db, sql: "PRAGMA data_version") }) ?? nil else {
            return false
        }
        defer { lastVersion = version }
        return version != lastVersion
    }
}
