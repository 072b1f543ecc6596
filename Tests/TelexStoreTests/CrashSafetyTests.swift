import Foundation
import Testing
import TelexModel
import TelexTestSupport
@testable import TelexStore

/// Kills a real writer process (`telex _store-stress`) with SIGKILL at random moments, 100 times, then checks
/// the database is sound and holds every commit the writer reported. Needs the debug binary, which
/// `swift build --build-tests` builds; skipped when it is absent.
@Suite("Crash safety")
struct CrashSafetyTests {
    static let binary = Fixtures.repositoryRoot.appendingPathComponent(".build/debug/telex")

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)), .timeLimit(.minutes(5)))
    func killingAWriterAtRandomMomentsLosesNothingCommitted() throws {
        let root = try Fixtures.temporaryDirectory("telex-crash")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = root.appendingPathComponent("cache").path
        var committed: [String] = []
        var killedWhileWriting = 0
        var generator = SystemRandomNumberGenerator()
        for round in 0..<100 {
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["_store-stress", "--cache", cache, "--round", String(round)]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 30_000...300_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): the writer stopped by itself")
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let lines = text.split(separator: "\n").filter { $0.hasPrefix("committed ") }
            if !lines.isEmpty { killedWhileWriting += 1 }
            committed += lines.map { String($0.dropFirst("committed ".count)) }
        }
        #expect(killedWhileWriting >= 50, "too few rounds were killed while writing: \(killedWhileWriting)")

        let store = try Store.open(directory: cache)
        #expect(try store.integrityProblems().isEmpty)
        #expect(try store.counterMismatches().isEmpty)
        for chunk in stride(from: 0, to: committed.count, by: 200) {
            let ids = committed[chunk..<min(chunk + 200, committed.count)]
            let list = ids.map { "'\($0)-19'" }.joined(separator: ",")
            let found = try store.scalarForTesting("SELECT COUNT(*) FROM item WHERE stable_id IN (\(list))")
            #expect(found == Int64(ids.count), "committed batches missing after the kills")
        }
        #expect(try store.count(.all) >= committed.count * 20)
    }
}
