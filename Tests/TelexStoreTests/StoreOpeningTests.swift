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
        #expect {
            _ = try Store.open(directory: fixture.directory.path)
        } throws: { error in
            guard case StoreError.newerVersion(_, let unknown) = error else { return false }
            return unknown == ["v99-from-the-future"] && "\(error)".contains("newer version")
        }
        #expect(try fixture.store.scalarForTesting("SELECT COUNT(*) FROM grdb_migrations") == 4)
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

    @Test func aReadOnlyDirectoryGivesAClearMessage() throws {
        guard getuid() != 0 else { return }  // root ignores permissions
        let dir = try Fixtures.temporaryDirectory("telex-ro")
        defer { chmod(dir.path, 0o700); try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o500)
        #expect {
            _ = try Store.open(directory: dir.path)
        } throws: { error in
            guard case StoreError.readOnly = error else { return false }
            return "\(error)".contains("read-only")
        }
    }

    @Test func readOnlyOpeningOfAMissingCacheSaysToFetchFirst() throws {
        let dir = try Fixtures.temporaryDirectory("telex-missing")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try Store.open(directory: dir.appendingPathComponent("nothing").path, readOnly: true)
        } throws: { error in
            guard case StoreError.missing = error else { return false }
            return "\(error)".contains("telex fetch")
        }
    }

    @Test func aReadOnlyStoreReadsButCannotWrite() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 2)
        let reader = try Store.open(directory: fixture.directory.path, readOnly: true)
        #expect(try reader.count(.feed(feed)) == 2)
        #expect(throws: StoreError.self) { try reader.setRead([ItemID(1)], true) }
    }
}
