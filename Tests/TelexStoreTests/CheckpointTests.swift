import Foundation
import GRDB
import Testing
@testable import TelexStore

/// A fetch pass moves WAL checkpoints off the writer; they must still happen, and the writer must
/// get its automatic checkpoint back afterwards.
@Suite(.serialized) struct CheckpointTests {
    func databaseBytes(_ fixture: StoreFixture) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: fixture.store.path)[.size] as? Int) ?? 0
    }

    func autoCheckpoint(_ store: Store) throws -> Int {
        try store.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1 }
    }

    func waitUntil(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        return condition()
    }

    let story = String(repeating: "<p>A paragraph of a long story, repeated to fill pages.</p>", count: 40)

    @Test func theBackgroundCheckpointerCopiesTheWALWhileTheWriterDoesNot() async throws {
        let fixture = try StoreFixture()
        let before = databaseBytes(fixture)
        let checkpoints = try fixture.store.startBackgroundCheckpoints(walBytes: 64 << 10, interval: .milliseconds(10))
        #expect(try autoCheckpoint(fixture.store) == 0)
        try fixture.addItems("https://a.example/feed", count: 300, summary: { "\($0) " + story })
        // Only the background connection can have grown the database file: the writer's own
        // checkpoint is off and nothing else checkpoints.
        #expect(try await waitUntil { databaseBytes(fixture) > before + (256 << 10) })
        checkpoints.stop()
        #expect(try autoCheckpoint(fixture.store) == BackgroundCheckpoints.defaultAutoCheckpoint)
        checkpoints.stop()
        #expect(try fixture.store.integrityProblems().isEmpty)
        #expect(try fixture.store.count(.all) == 300)
    }

    @Test func withoutItTheWriterLeavesTheWALUncopied() async throws {
        let fixture = try StoreFixture()
        try fixture.store.setAutoCheckpoint(0)
        let before = databaseBytes(fixture)
        try fixture.addItems("https://a.example/feed", count: 300, summary: { "\($0) " + story })
        try await Task.sleep(nanoseconds: 200_000_000)
        #expect(databaseBytes(fixture) < before + (256 << 10), "the control: writes alone stay in the WAL")
    }
}
