import Foundation
import Testing
import TelexModel
import TelexTestSupport
@testable import TelexStore

/// A damaged cache is reported before anything writes to it: opening a pool for writing sets up WAL
/// mode, and GRDB then creates and drops a table when the -wal file is missing, so the check runs first
/// on a read-only connection. The message says the file was left untouched: it must be true.
@Suite("Damaged caches")
struct DamagedCacheTests {
    /// A cache file of 300 items, checkpointed and closed (no -wal beside it), as bytes.
    static func cleanCache() throws -> Data {
        let dir = try Fixtures.temporaryDirectory("telex-clean")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let store = try Store.open(directory: dir.path)
            try store.syncConfiguration(StoreFixture.config)
            let feed = try #require(try store.sections().first?.feeds.first?.id)
            let items = (0..<300).map { ItemRecord(stableID: "\($0)", title: "Story \($0)", summaryHTML: String(repeating: "text ", count: 80)) }
            try store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: StoreFixture.baseDate), items: items)])
            try store.checkpoint()
        }
        return try Data(contentsOf: dir.appendingPathComponent(Store.fileName))
    }

    static func open(_ bytes: Data) throws -> (URL, Result<Store, StoreError>) {
        let dir = try Fixtures.temporaryDirectory("telex-damaged")
        try bytes.write(to: dir.appendingPathComponent(Store.fileName))
        do { return (dir, .success(try Store.open(directory: dir.path))) } catch { return (dir, .failure(error)) }
    }

    @Test func aDamagedSchemaIsReportedAndTheFileLeftUntouched() throws {
        var bytes = try Self.cleanCache()
        for i in 100..<4_096 { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        let (dir, result) = try Self.open(bytes)
        defer { try? FileManager.default.removeItem(at: dir) }
        guard case .failure(.corrupt(_, _)) = result else { Issue.record("expected corrupt, got \(result)"); return }
        #expect(try Data(contentsOf: dir.appendingPathComponent(Store.fileName)) == bytes)
    }

    @Test func aCutFileIsReportedAndLeftUntouched() throws {
        let bytes = try Self.cleanCache().prefix(8_192)
        let (dir, result) = try Self.open(Data(bytes))
        defer { try? FileManager.default.removeItem(at: dir) }
        guard case .failure(.corrupt(_, let detail)) = result else { Issue.record("expected corrupt, got \(result)"); return }
        #expect(detail.hasPrefix("the file is shorter than its header says (8192 of "))
        #expect(try Data(contentsOf: dir.appendingPathComponent(Store.fileName)) == Data(bytes))
    }

    @Test func aSoundCacheWithoutItsWALOpens() throws {
        let (dir, result) = try Self.open(try Self.cleanCache())
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try result.get()
        #expect(try store.count(.all) == 300)
    }
}
