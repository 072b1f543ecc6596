// Measures AsyncHTTPClient against telex's hostile fixture servers (docs/fetch.md, "Why libcurl").
// ahc-probe stalled URL N: N requests at once to a silent server (deadline 10 min), until killed.
// ahc-probe bomb URL: one request to a gzip bomb, decompression limited to 10 MiB, body collected up to 10 MiB.
// ahc-probe drip URL: one request to a 1-byte-per-2-s server, 60 s deadline: prints how it ended and when.
import AsyncHTTPClient
import Foundation
import NIOCore

@main struct Probe {
    static func main() async throws {
        let args = CommandLine.arguments
        let mode = args[1], url = args[2]
        var config = HTTPClient.Configuration()
        config.decompression = .enabled(limit: .size(10 << 20))
        config.timeout = .init(connect: .seconds(30), read: .seconds(600))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        let start = Date()
        func one(_ deadline: TimeAmount) async -> String {
            do {
                let response = try await client.execute(HTTPClientRequest(url: url), timeout: deadline)
                let body = try await response.body.collect(upTo: 10 << 20)
                return "status \(response.status.code), \(body.readableBytes) bytes"
            } catch {
                return "error: \(error)"
            }
        }
        switch mode {
        case "stalled":
            let n = Int(args[3]) ?? 16
            await withTaskGroup(of: String.self) { group in
                for _ in 0..<n { group.addTask { await one(.minutes(10)) } }
                for await r in group { print(r) }
            }
        default:
            print(await one(.seconds(60)), String(format: "after %.2f s", Date().timeIntervalSince(start)))
        }
        try await client.shutdown()
    }
}
