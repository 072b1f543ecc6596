import Foundation
import TelexSampleEdition
import TelexTestServer

/// The bundled sample edition served on 127.0.0.1 by the project's fixture server, with every
/// placeholder URL rewritten to the server's real address (known only once it listens).
public final class SampleEditionServer: Sendable {
    public let server = FixtureServer()

    public init() {}

    /// Starts listening and installs the edition's files as routes. Returns the base URL.
    public func start() async throws -> URL {
        let base = try await server.start()
        let baseText = base.absoluteString.hasSuffix("/") ? String(base.absoluteString.dropLast()) : base.absoluteString
        for (path, file) in SampleEdition.files {
            let body = SampleEdition.rewritten(file.body, baseURL: baseText)
            let etag = "\"" + String(UInt64(bitPattern: Int64(truncatingIfNeeded: body.hashValue)), radix: 16) + "\""
            server.setRoute(path, .resource(FixtureResource(
                text: body, contentType: file.contentType, etag: etag,
                lastModified: "Tue, 24 Nov 2026 12:00:00 GMT")))
            if path == "/index.html" { server.setRoute("/", .resource(FixtureResource(text: body, contentType: file.contentType))) }
        }
        return base
    }

    /// The demo's feeds.json, pointing at this server.
    public func feedsJSON(baseURL: URL) -> String {
        let text = baseURL.absoluteString
        return SampleEdition.feedsJSON(baseURL: text.hasSuffix("/") ? String(text.dropLast()) : text)
    }

    public func stop() async { await server.stop() }
}
