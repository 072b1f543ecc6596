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
        for _ in 0..<3_000 {
            if condition() { return true }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        return condition()
    }

    let story = String(repeating: "<p>A paragraph of a long story, repeated to fill pages.</p>", count: 40)

    /// Its timer does not fire within the test (an hour): each tick is called by hand.
    @Test func aTickCopiesTheWALOnceItIsLargeAndTheWriterNeverDoes() throws {
        let fixture = try StoreFixture()
        let checkpoints = try fixture.store.startBackgroundCheckpoints(walBytes: 64 << 10, interval: .seconds(3_600))
        #expect(try autoCheckpoint(fixture.store) == 0)
        let before = databaseBytes(fixture)
        try fixture.addItems("https://a.example/feed", count: 300, summary: { "\($0) " + story })
        #expect(databaseBytes(fixture) == before, "the writer's own checkpoint is off")
        checkpoints.checkpointIfLarge()
        #expect(databaseBytes(fixture) > before + (256 << 10))
        checkpoints.stop()
        #expect(try autoCheckpoint(fixture.store) == BackgroundCheckpoints.defaultAutoCheckpoint)
        checkpoints.stop()
        #expect(try autoCheckpoint(fixture.store) == BackgroundCheckpoints.defaultAutoCheckpoint)
        #expect(try fixture.store.integrityProblems() == [])
        #expect(try fixture.store.count(.all) == 300)
    }

    @Test func aTickLeavesASmallWALAlone() throws {
        let fixture = try StoreFixture()
        let checkpoints = try fixture.store.startBackgroundCheckpoints(walBytes: 64 << 20, interval: .seconds(3_600))
        let before = databaseBytes(fixture)
        try fixture.addItems("https://a.example/feed", count: 300, summary: { "\($0) " + story })
        checkpoints.checkpointIfLarge()
        #expect(databaseBytes(fixture) == before)
        checkpoints.stop()
    }

    /// The timer ticks by itself: the test waits for the copy it makes (the timeout only bounds a hang).
    @Test func theTimerTicks() async throws {
        let fixture = try StoreFixture()
        let checkpoints = try fixture.store.startBackgroundCheckpoints(walBytes: 64 << 10, interval: .milliseconds(10))
        let before = databaseBytes(fixture)
        try fixture.addItems("https://a.example/feed", count: 300, summary: { "\($0) " + story })
        #expect(try await waitUntil { databaseBytes(fixture) > before + (256 << 10) })
        checkpoints.stop()
    }
}
