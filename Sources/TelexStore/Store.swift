import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import Synchronization
import TelexModel

/// The SQLite cache: one file in WAL mode shared by the fetcher and the front ends.
///
/// Every write is a short `BEGIN IMMEDIATE` transaction; every read is one snapshot. Call from any thread
/// except the UI's (reads are fast, but a write may wait for another process's transaction).
public final class Store: Sendable {
    let pool: DatabasePool
    /// The database file path, for messages.
    public let path: String
    public let isReadOnly: Bool
    /// Queued items' text for search until the indexer writes it (`Store+Search`).
    let queuedSearch = QueuedSearchIndex()
    /// Recent items' signatures, for clustering new items (`ClusterIndex`); written under the writer's transaction.
    let clusters = ClusterIndex()
    /// `groupsStories`.
    let storyGrouping = Atomic<Bool>(true)

    static let fileName = "cache.sqlite"
    static let busyTimeout: TimeInterval = 5

    private init(pool: DatabasePool, path: String, readOnly: Bool) {
        self.pool = pool; self.path = path; self.isReadOnly = readOnly
    }

    /// Opens (creating if needed, unless `readOnly`) the cache in `directory` and brings its schema up to date.
    ///
    /// The directory is created 0700 and the database 0600. A newer, corrupt or unwritable cache gives a clear
    /// error and is never recreated.
    public static func open(directory: String, readOnly: Bool = false) throws(StoreError) -> Store {
        try open(directory: directory, readOnly: readOnly, migratingUpTo: nil)
    }

    /// `open`, stopping the migrations at `target` (tests build caches of earlier versions with it).
    static func open(directory: String, readOnly: Bool, migratingUpTo target: String?) throws(StoreError) -> Store {
        let path = (directory as NSString).appendingPathComponent(fileName)
        let fm = FileManager.default
        if readOnly {
            var isDirectory: ObjCBool = false
            if !fm.fileExists(atPath: directory, isDirectory: &isDirectory) { throw .missing(path: path) }
            if !isDirectory.boolValue { throw notADirectory(directory) }
        } else {
            try prepareDirectory(directory)
        }
        let exists = fm.fileExists(atPath: path)
        if !exists {
            if readOnly { throw .missing(path: path) }
            if access(directory, W_OK) != 0 { throw .readOnly(path: directory) }
        } else {
            try checkHeader(path: path)
            if !readOnly && (access(path, W_OK) != 0 || access(directory, W_OK) != 0) { throw .readOnly(path: path) }
            // Before the pool: opening it for writing sets up WAL mode, which writes (GRDB creates and drops a
            // table when the -wal file is missing). A damaged file must be reported untouched.
            try checkIntact(path: path)
        }
        if readOnly || fileSize(path) > 0 {
            return try openPool(path: path, directory: directory, readOnly: readOnly, migratingUpTo: target)
        }
        // A new (or still empty) cache is created, initialised and migrated under the migration lock:
        // two processes opening it at once would otherwise both initialise it (one failing on the
        // busy file), or one would open it in WAL mode before the other set auto-vacuum.
        let lock = MigrationLock(path: (directory as NSString).appendingPathComponent("migrate.lock"))
        do {
            return try lock.withLock { () throws(StoreError) -> Store in
                // Create the file ourselves so it is 0600 from the start (SQLite gives -wal/-shm the same mode).
                let fd = createFile(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
                if fd < 0 && errno != EEXIST {
                    throw errnoError(path: path, fallback: .directory(path: directory, detail: String(cString: strerror(errno))))
                }
                if fd >= 0 { close(fd) }
                if fileSize(path) == 0 { try initializeFile(path: path) }
                return try openPool(path: path, directory: directory, readOnly: false, migratingUpTo: target,
                                    holdingMigrationLock: true)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw map(error, path: path)
        }
    }

    private static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    private static func openPool(path: String, directory: String, readOnly: Bool, migratingUpTo target: String?,
                                 holdingMigrationLock: Bool = false) throws(StoreError) -> Store {
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(busyTimeout)
        config.label = "telex-cache"
        config.maximumReaderCount = 4
        config.prepareDatabase { db in db.add(function: QueryCompiler.titleRegexFunction) }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw map(error, path: path)
        }
        let store = Store(pool: pool, path: path, readOnly: readOnly)
        try store.migrate(directory: directory, upTo: target, holdingLock: holdingMigrationLock)
        return store
    }

    /// Runs pending migrations under a file lock, so two processes starting together cannot race;
    /// refuses a cache that has migrations this version does not know.
    private func migrate(directory: String, upTo target: String?, holdingLock: Bool) throws(StoreError) {
        let migrator = Schema.migrator
        do {
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(Schema.knownMigrations)
            if !unknown.isEmpty { throw StoreError.newerVersion(path: path, unknownMigrations: unknown.sorted()) }
            let wanted = target.flatMap { t in migrator.migrations.firstIndex(of: t).map { Set(migrator.migrations[...$0]) } }
                ?? Schema.knownMigrations
            if applied.isSuperset(of: wanted) { return }
            if isReadOnly { throw StoreError.database(path: path, detail: "the cache needs an upgrade; open it once without read-only mode") }
            let run = { if let target { try migrator.migrate(self.pool, upTo: target) } else { try migrator.migrate(self.pool) } }
            if holdingLock { try run(); return }
            let lock = MigrationLock(path: (directory as NSString).appendingPathComponent("migrate.lock"))
            try lock.withLock(run)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Store.map(error, path: path)
        }
    }

    /// Sets incremental auto-vacuum on a new, empty file before WAL mode writes its first page: once the
    /// header exists (DatabasePool switches to WAL when it opens) only a full VACUUM could change it.
    private static func initializeFile(path: String) throws(StoreError) {
        do {
            // With the busy timeout: another process opening the cache meanwhile reads the empty file
            // (checkIntact), and GRDB's default (fail at once) made this first write fail with "locked".
            var config = Configuration()
            config.busyMode = .timeout(busyTimeout)
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try queue.close()
        } catch {
            throw map(error, path: path)
        }
    }

    /// A non-empty file that does not start with the SQLite header is someone else's data: refuse it.
    private static func checkHeader(path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            if errno == EACCES { throw .readOnly(path: path) }
            return
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        if !header.isEmpty && header.prefix(16) != Data("SQLite format 3\0".utf8) {
            throw .corrupt(path: path, detail: "not a SQLite database")
        }
        // A file shorter than the page count its header states was cut (the count is valid when the
        // "version valid for" field matches the change counter; https://www.sqlite.org/fileformat.html).
        guard header.count == 100 else { return }
        func u32(_ offset: Int) -> UInt32 { header[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        let rawPageSize = UInt32(header[16]) << 8 | UInt32(header[17])
        let pageSize = UInt64(rawPageSize == 1 ? 65_536 : rawPageSize)
        let pages = UInt64(u32(28))
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let size = UInt64(info.st_size)
        if pages > 0, u32(92) == u32(24), size < pages * pageSize,
           !FileManager.default.fileExists(atPath: path + "-wal") {
            throw .corrupt(path: path, detail: "the file is shorter than its header says (\(size) of \(pages * pageSize) bytes)")
        }
    }

    /// Reads the schema and checks its pages on a read-only connection, which writes nothing.
    private static func checkIntact(path: String) throws(StoreError) {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "telex-cache-check"
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            let problems = try queue.read { db -> [String] in
                _ = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master")
                return try String.fetchAll(db, sql: "PRAGMA quick_check('sqlite_master')")
            }
            try queue.close()
            if problems != ["ok"] { throw StoreError.corrupt(path: path, detail: problems.prefix(3).joined(separator: "; ")) }
        } catch let error as StoreError {
            throw error
        } catch {
            // A read-only connection cannot open a WAL database whose -shm it may not create: the writable
            // open that follows reports real problems.
            if let dbError = error as? DatabaseError, dbError.resultCode == .SQLITE_CANTOPEN || dbError.resultCode == .SQLITE_READONLY {
                return
            }
            throw map(error, path: path)
        }
    }

    /// Creates the cache directory (and missing parents) 0700, or says clearly why it cannot be used.
    /// `telex fetch` and `serve` call it before taking the fetch lock inside it.
    public static func prepareDirectory(_ directory: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw notADirectory(directory) }
            return
        }
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw errnoError(path: path, fallback: .directory(path: directory, detail: String(cString: strerror(errno))))
            }
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw notADirectory(path)
            }
        }
    }

    private static func notADirectory(_ path: String) -> StoreError {
        .directory(path: path, detail: "it is a file, not a directory (--cache takes a directory)")
    }

    private static func errnoError(path: String, fallback: StoreError) -> StoreError {
        switch errno {
        case EROFS, EACCES, EPERM: return .readOnly(path: path)
        case ENOSPC, EDQUOT: return .diskFull(path: path)
        default: return fallback
        }
    }

    /// Maps SQLite failures to errors with a message that says what to do.
    static func map(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let dbError = error as? DatabaseError else { return .database(path: path, detail: "\(error)") }
        switch dbError.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path, detail: dbError.message ?? "corrupt")
        case .SQLITE_READONLY, .SQLITE_PERM: return .readOnly(path: path)
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_CANTOPEN:
            return .directory(path: (path as NSString).deletingLastPathComponent, detail: dbError.message ?? "cannot open the database")
        default: return .database(path: path, detail: dbError.message ?? "\(dbError)")
        }
    }

    /// One short `BEGIN IMMEDIATE` transaction: a deferred read-then-write would fail at once with
    /// SQLITE_BUSY_SNAPSHOT whatever the busy timeout.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw Store.map(error, path: path)
        }
    }

    /// One read snapshot.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw Store.map(error, path: path) }
    }

    /// Checkpoints the WAL back into the database (the fetcher calls it after each pass).
    public func checkpoint() throws {
        _ = try write { _ in }
        do { try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) } } catch {
            throw Store.map(error, path: path)
        }
    }

    /// `PRAGMA integrity_check`: an empty array when the database is sound, else the problems found.
    public func integrityProblems() throws -> [String] {
        let lines = try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        return lines == ["ok"] ? [] : lines
    }
}

/// `open(2)`, named apart from `Store.open`.
private func createFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    return Glibc.open(path, flags, mode)
    #else
    return Darwin.open(path, flags, mode)
    #endif
}
