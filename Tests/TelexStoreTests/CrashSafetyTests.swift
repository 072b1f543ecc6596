import Foundation
import Testing
import TelexModel
import TelexTestSupport
@testable import TelexStore

/// Kills a real writer process (`telex _store-stress`) with SIGKILL at chosen moments, then checks
/// the database is sound and holds every commit the writer reported. 20 rounds by default;
/// TELEX_CRASH_ROUNDS=100 (or more) for a longer run.
@Suite("Crash safety")
struct CrashSafetyTests {
    static var rounds: Int { Int(ProcessInfo.processInfo.environment["TELEX_CRASH_ROUNDS"] ?? "") ?? 20 }

    /// Each round waits for 0 to 4 reported commits (0: a kill while the cache opens and migrates),
    /// then kills the writer within the next few milliseconds: inside a later transaction, between
    /// two, or in the middle of the read and saved changes that follow each batch.
    @Test(.timeLimit(.minutes(5)))
    func killingAWriterAtChosenMomentsLosesNothingCommitted() throws {
        let binary = Fixtures.telexBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no telex binary at \(binary.path)")
        let root = try Fixtures.temporaryDirectory("telex-crash")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = root.appendingPathComponent("cache").path
        var committed: [String] = []
        var generator = SystemRandomNumberGenerator()
        let rounds = Self.rounds
        for round in 0..<rounds {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["_store-stress", "--cache", cache, "--round", String(round)]
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let reader = LineReader(output.fileHandleForReading)
            let waitForCommits = round == 0 ? 0 : Int.random(in: 0...4, using: &generator)
            let reached = reader.waitFor(waitForCommits, startingWith: "committed ")
            usleep(UInt32.random(in: 0...(waitForCommits == 0 ? 40_000 : 5_000), using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(reached, "round \(round): the writer ended before its commit \(waitForCommits): \(stderr)")
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
                    "round \(round): the writer stopped by itself: \(stderr)")
            let lines = reader.drain().filter { $0.hasPrefix("committed ") }
            #expect(lines.count >= waitForCommits)
            committed += lines.map { String($0.dropFirst("committed ".count)) }
        }

        let store = try Store.open(directory: cache)
        #expect(try store.integrityProblems() == [])
        #expect(try store.counterMismatches() == [])
        #expect(try store.indexMismatches() == [])
        for chunk in stride(from: 0, to: committed.count, by: 200) {
            let ids = committed[chunk..<min(chunk + 200, committed.count)]
            let list = ids.map { "'\($0)-19'" }.joined(separator: ",")
            let found = try store.scalarForTesting("SELECT COUNT(*) FROM item WHERE stable_id IN (\(list))")
            #expect(found == Int64(ids.count), "committed batches missing after the kills")
        }
        // Every reported batch of 20 items is there; at most one more per round committed unreported.
        let items = try store.count(.all)
        #expect(items >= committed.count * 20 && items <= (committed.count + rounds) * 20, "\(items) items for \(committed.count) batches")
    }
}
