import Foundation
import Testing
import TelexModel
import TelexTestSupport
@testable import TelexStore

@Suite("Opening the cache")
struct StoreOpeningTests {
    @Test func aNewCacheIsPrivateToItsOwner() throws {
        let fixture = try StoreFixture()
        let dirMode = try FileManager.default.attributesOfItem(atPath: fixture.directory.path)[.posixPermissions] as? Int
        let fileMode = try FileManager.default.attributesOfItem(atPath: fixture.store.path)[.posixPermissions] as? Int
        #expect(dirMode == 0o700)
        #expect(fileMode == 0o600)
    }

    @Test func theFirstMigrationTurnsOnIncrementalAutoVacuumAndWAL() throws {
        let fixture = try StoreFixture()
        #expect(try fixture.store.scalarForTesting("PRAGMA auto_vacuum") == 2)
        #expect(try fixture.store.integrityProblems().isEmpty)
    }

    @Test func reopeningKeepsTheData() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 3)
        let again = try Store.open(directory: fixture.directory.path)
        #expect(try again.count(.all) == 3)
    }

    @Test func aCacheFromANewerVersionIsRefusedAndLeftUntouched() throws {
        let fixture = try StoreFixture()
        try fixture.store.executeForTesting("INSERT INTO grdb_migrations(identifier) VALUES ('v99-from-the-future')")
        let before = try fixture.store.scalarForTesting("SELECT COUNT(*) FROM grdb_migrations")
        let error = #expect(throws: StoreError.self) { _ = try Store.open(directory: fixture.directory.path) }
        #expect(error == .newerVersion(path: fixture.store.path, unknownMigrations: ["v99-from-the-future"]))
        #expect(error?.description == "the cache \(fixture.store.path) was written by a newer version of telex (unknown schema "
                + "changes: v99-from-the-future); upgrade telex, or use another --cache directory. It was left untouched.")
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM grdb_migrations") == before)
    }

    @Test func aFileThatIsNotADatabaseIsReportedAndNotOverwritten() throws {
        let dir = try Fixtures.temporaryDirectory("telex-corrupt")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(Store.fileName)
        let junk = Data(String(repeating: "my precious notes\n", count: 300).utf8)
        try junk.write(to: file)
        #expect {
            _ = try Store.open(directory: dir.path)
        } throws: { error in
            guard case StoreError.corrupt = error else { return false }
            return "\(error)".contains("left untouched")
        }
        #expect(try Data(contentsOf: file) == junk)
    }

    @Test func aDatabaseWithDamagedPagesIsReportedAsCorrupt() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 200)
        try fixture.store.checkpoint()
        let path = fixture.store.path
        // Keep the header, overwrite the schema page and beyond with garbage.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for i in 100..<min(bytes.count, 40_000) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        let dir = try Fixtures.temporaryDirectory("telex-damaged")
        defer { try? FileManager.default.removeItem(at: dir) }
        try bytes.write(to: dir.appendingPathComponent(Store.fileName))
        var opened: Store? = nil
        let error = #expect(throws: StoreError.self) {
            opened = try Store.open(directory: dir.path)
            _ = try opened?.sections()
            if let problems = try opened?.integrityProblems(), !problems.isEmpty {
                throw StoreError.corrupt(path: dir.path, detail: problems.joined())
            }
        }
        if case .corrupt? = error {} else { Issue.record("expected corrupt, got \(String(describing: error))") }
    }

    enum Unwritable: String, CaseIterable, Sendable { case directory, file }

    /// Root ignores permissions, so the writer runs as `nobody` when the suite runs as root, and as
    /// the current user otherwise: the check runs either way. The cache and its directory belong to
    /// that user; only the mode bits say read-only.
    @Test(arguments: Unwritable.allCases)
    func aCacheTheUserCannotWriteGivesAClearMessageAndStaysUntouched(_ what: Unwritable) throws {
        let binary = Fixtures.telexBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no telex binary at \(binary.path)")
        let root = try Fixtures.temporaryDirectory("telex-ro")
        defer { chmod(root.appendingPathComponent("cache").path, 0o700); try? FileManager.default.removeItem(at: root) }
        chmod(root.path, 0o755)
        let dir = root.appendingPathComponent("cache")
        let file = dir.appendingPathComponent(Store.fileName).path
        if what == .file {
            let store = try Store.open(directory: dir.path)
            try store.syncConfiguration(StoreFixture.config)
        } else {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false)
        }
        for path in [dir.path, file, dir.appendingPathComponent("migrate.lock").path] { Unprivileged.own(path) }
        if what == .file { chmod(file, 0o400) }
        chmod(dir.path, what == .directory ? 0o500 : 0o700)
        let before = what == .file ? try Data(contentsOf: URL(fileURLWithPath: file)) : nil

        let result = try Unprivileged.run([binary.path, "_store-stress", "--cache", dir.path, "--commits", "1"])
        let unwritable = what == .directory ? dir.path : file
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "Error: the cache \(unwritable) is read-only (check the permissions of the file and its "
                + "directory, or use another --cache directory)\n")
        if let before { #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
                == (what == .file ? [Store.fileName, "migrate.lock"] : []))
        if !Unprivileged.isRoot {
            #expect(throws: StoreError.readOnly(path: unwritable)) { _ = try Store.open(directory: dir.path) }
        }
    }

    @Test func readOnlyOpeningOfAMissingCacheSaysToFetchFirst() throws {
        let dir = try Fixtures.temporaryDirectory("telex-missing")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("nothing").path
        let error = #expect(throws: StoreError.self) { _ = try Store.open(directory: path, readOnly: true) }
        #expect(error == .missing(path: path + "/" + Store.fileName))
        #expect(error?.description == "there is no cache at \(path)/\(Store.fileName) yet; run `telex fetch` first")
    }

    @Test func aReadOnlyStoreReadsButCannotWrite() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 2)
        let reader = try Store.open(directory: fixture.directory.path, readOnly: true)
        #expect(try reader.count(.feed(feed)) == 2)
        #expect(throws: StoreError.readOnly(path: fixture.store.path)) { try reader.setRead([ItemID(1)], true) }
    }

    /// Another process reads the new, still empty file (its check of the file, before it waits for the
    /// migration lock) while this one initialises it: the first write waits for that read to end. It
    /// failed at once with "database is locked" (the initialising connection had no busy timeout), one
    /// run in a few of the test below. Here sqlite3 (installed by make) holds the read for a second.
    @Test func aNewCacheIsInitialisedOnceAnotherProcessesReadOfTheEmptyFileEnds() throws {
        let root = try Fixtures.temporaryDirectory("telex-busy-init")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = root.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let path = cache.appendingPathComponent(Store.fileName).path
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]))
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [path]
        let input = Pipe(), output = Pipe()
        sqlite.standardInput = input
        sqlite.standardOutput = output
        try sqlite.run()
        input.fileHandleForWriting.write(Data("BEGIN; SELECT count(*) FROM sqlite_master;\n".utf8))
        #expect(LineReader(output.fileHandleForReading).waitFor(1, startingWith: "0"), "sqlite3 holds a read transaction")
        // The read ends while Store.open waits on it (well within its busy timeout).
        let writer = input.fileHandleForWriting
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { writer.write(Data("COMMIT;\n.quit\n".utf8)) }
        let store = try Store.open(directory: cache.path)
        sqlite.waitUntilExit()
        #expect(try store.scalarForTesting("PRAGMA auto_vacuum") == 2)
        #expect(try store.scalarForTesting("SELECT COUNT(*) FROM grdb_migrations") == Int64(Schema.knownMigrations.count))
    }

    /// Four processes open a cache that does not exist yet at the same moment (each says it is
    /// ready, then waits for a start file): every one of them opens it and writes, on one schema
    /// migrated once, with the first migration's page settings.
    @Test(arguments: 0..<3)
    func processesOpeningANewCacheAtOnceAllSucceed(_ attempt: Int) throws {
        let binary = Fixtures.telexBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no telex binary at \(binary.path)")
        let root = try Fixtures.temporaryDirectory("telex-concurrent")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = root.appendingPathComponent("cache").path
        let go = root.appendingPathComponent("go").path
        var children: [(Process, LineReader, Pipe)] = []
        for round in 0..<4 {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["_store-stress", "--cache", cache, "--round", String(round), "--commits", "1", "--start-when-exists", go]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            children.append((process, LineReader(out.fileHandleForReading), err))
        }
        for (_, reader, _) in children { #expect(reader.waitFor(1, startingWith: "ready")) }
        _ = FileManager.default.createFile(atPath: go, contents: nil)
        for (round, (process, reader, err)) in children.enumerated() {
            let lines = reader.drain()
            process.waitUntilExit()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0 && stderr == "", "writer \(round): \(stderr)")
            #expect(lines == ["ready", "committed r\(round)-0"])
        }
        let store = try Store.open(directory: cache)
        #expect(try store.integrityProblems() == [])
        #expect(try store.scalarForTesting("SELECT COUNT(*) FROM grdb_migrations") == Int64(Schema.knownMigrations.count))
        #expect(try store.scalarForTesting("PRAGMA auto_vacuum") == 2)
        #expect(try store.sections().map(\.name) == ["Stress"])
        #expect(try store.count(.all) == 80)
        let mode = try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
