import Foundation
import TelexTestSupport
@testable import TelexFeeds

/// Parses tests/fixtures/feeds/NAME.
func parseFixture(_ name: String, url: String? = nil, contentType: String? = nil) throws -> ParsedFeed {
    try FeedParser.parse(try Fixtures.bytes("feeds/" + name), documentURL: url, contentType: contentType)
}

func iso(_ date: Date?) -> String? {
    guard let date else { return nil }
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: date)
}

/// Runs a program to its end: exit status and output (stdout and stderr together).
func runTool(_ executable: String, _ arguments: [String], stdin: [UInt8]? = nil) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    let input = Pipe()
    if stdin != nil { process.standardInput = input }
    do { try process.run() } catch { return (127, "\(error)") }
    if let stdin {
        input.fileHandleForWriting.write(Data(stdin))
        try? input.fileHandleForWriting.close()
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
