import Foundation

/// A site of hostile feed servers, one behaviour per path: what the fetcher's limits are tested and
/// benchmarked against (docs/fetch.md, "Limits"). A connection reset mid-body needs raw sockets:
/// that one is `ResetServer`.
public enum HostileSite {
    /// Each hostile path and what it does.
    public static let behaviours: [(path: String, does: String)] = [
        ("/drip.xml", "200, then one body byte every few seconds, forever"),
        ("/silent.xml", "accepts the request and never answers"),
        ("/endless.xml", "200, then body bytes forever"),
        ("/bomb.xml", "a gzip body that inflates to 1 GiB of zeros"),
        ("/loop-a.xml", "redirects to /loop-b.xml, which redirects back"),
        ("/to-file.xml", "redirects to file:///etc/passwd"),
        ("/busy.xml", "429 Too Many Requests with Retry-After: 3600"),
        ("/page.xml", "an HTML page instead of a feed"),
        ("/laughs.xml", "a billion-laughs XML document (entity expansion)"),
    ]

    /// The routes of `behaviours`. Tests shrink the drip interval, the stall and the bomb.
    public static func routes(dripEvery: Duration = .seconds(2), silentSeconds: Double = 3600,
                              bombBytes: Int = 1 << 30) -> [String: FixtureRoute] {
        [
            "/drip.xml": .drip(every: dripEvery, contentType: "application/rss+xml"),
            "/silent.xml": .stall(seconds: silentSeconds),
            "/endless.xml": .endless(contentType: "application/rss+xml"),
            "/bomb.xml": .gzipBomb(inflatedBytes: bombBytes),
            "/loop-a.xml": .redirect(to: "/loop-b.xml", permanent: false),
            "/loop-b.xml": .redirect(to: "/loop-a.xml", permanent: false),
            "/to-file.xml": .redirect(to: "file:///etc/passwd", permanent: false),
            "/busy.xml": .status(429, headers: ["Retry-After": "3600"], body: "slow down"),
            "/page.xml": .resource(FixtureResource(
                text: "<!doctype html><html><head><title>Welcome</title></head><body><p>This is a web page, not a feed.</p></body></html>",
                contentType: "text/html; charset=utf-8")),
            "/laughs.xml": .resource(FixtureResource(text: billionLaughs, contentType: "application/rss+xml")),
        ]
    }

    /// Installs the hostile routes on `server` (started), beside a good feed at `/good.xml`.
    public static func install(on server: FixtureServer, dripEvery: Duration = .seconds(2)) {
        for (path, route) in routes(dripEvery: dripEvery) { server.setRoute(path, route) }
        if let base = server.baseURL?.absoluteString {
            server.setRoute("/good.xml", .resource(FixtureResource(
                text: BenchmarkSite.feed(0, items: 20, base: base, now: Date()), contentType: "application/rss+xml",
                etag: "\"good\"", gzip: true)))
        }
    }

    /// Ten levels of ten entity references: 10^9 "lol"s if an XML parser expanded them.
    public static let billionLaughs: String = {
        var doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            doc += " <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        doc += "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>\n"
        return doc
    }()
}
