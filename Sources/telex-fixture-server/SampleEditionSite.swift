import TelexSampleEdition
import TelexTestServer

/// The bundled sample edition (`telex demo`) as routes of the fixture server, with every placeholder
/// URL rewritten to the server's real address (known only once it listens).
enum SampleEditionSite {
    static func install(on server: FixtureServer, base: String) {
        let baseText = base.hasSuffix("/") ? String(base.dropLast()) : base
        for (path, file) in SampleEdition.files {
            let body = SampleEdition.rewritten(file.body, baseURL: baseText)
            let etag = "\"" + String(UInt64(bitPattern: Int64(truncatingIfNeeded: body.hashValue)), radix: 16) + "\""
            server.setRoute(path, .resource(FixtureResource(
                text: body, contentType: file.contentType, etag: etag,
                lastModified: "Tue, 24 Nov 2026 12:00:00 GMT")))
            if path == "/index.html" { server.setRoute("/", .resource(FixtureResource(text: body, contentType: file.contentType))) }
        }
    }
}
