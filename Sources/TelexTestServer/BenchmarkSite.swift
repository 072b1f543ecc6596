import Foundation

/// A generated news site: `feeds` RSS feeds of `items` items each (about 330 KiB per feed with
/// realistic HTML summaries), half gzip-encoded, all with validators; article pages made on demand.
public enum BenchmarkSite {
    /// Installs the site's routes on `server` (already started, so links are absolute).
    public static func install(on server: FixtureServer, feeds: Int, items: Int, now: Date = Date()) {
        guard let base = server.baseURL?.absoluteString else { return }
        for f in 0..<feeds {
            let text = feed(f, items: items, base: base, now: now)
            server.setRoute("/feeds/\(f).xml", .resource(FixtureResource(
                text: text, contentType: "application/rss+xml", etag: "\"feed-\(f)-v1\"",
                lastModified: "Tue, 24 Nov 2026 10:00:00 GMT", gzip: f % 2 == 0)))
        }
        server.setFallback { path in
            guard path.hasPrefix("/a/"), path.hasSuffix(".html") else { return nil }
            return .resource(FixtureResource(text: page(path, base: base), contentType: "text/html; charset=utf-8", etag: "\"p\""))
        }
    }

    /// The feed URLs, in order.
    public static func feedURLs(base: String, feeds: Int) -> [String] { (0..<feeds).map { "\(base)/feeds/\($0).xml" } }

    static let words = ["government", "market", "announced", "council", "report", "science", "season", "energy", "city",
                        "election", "climate", "players", "company", "research", "budget", "health", "minister",
                        "weather", "transport", "festival", "court", "school", "prices", "digital", "river"]

    static func sentence(_ seed: Int, _ length: Int) -> String {
        var s: [String] = []
        var x = seed &* 2_654_435_761 & 0x7fff_ffff
        for _ in 0..<length { x = (x &* 1_103_515_245 &+ 12_345) & 0x7fff_ffff; s.append(words[x % words.count]) }
        return s.joined(separator: " ").capitalizedFirst + "."
    }

    static func feed(_ f: Int, items: Int, base: String, now: Date) -> String {
        let df = DateFormatter()
        df.locale = Locale(identifier: "en_US_POSIX"); df.timeZone = TimeZone(identifier: "GMT")
        df.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Feed \(f)</title><link>\(base)/</link><description>Generated feed \(f)</description>\n"
        for i in 0..<items {
            let date = df.string(from: now.addingTimeInterval(-Double(i) * 3_600 - Double(f) * 60))
            var summary = ""
            for p in 0..<6 { summary += "&lt;p&gt;" + (0..<5).map { sentence(f * 1000 + i * 10 + p + $0, 14) }.joined(separator: " ") + "&lt;/p&gt;" }
            out += "<item><title>\(sentence(f * 100 + i, 8))</title><link>\(base)/a/\(f)/\(i).html</link><guid>\(base)/a/\(f)/\(i).html</guid><pubDate>\(date)</pubDate><description>\(summary)</description></item>\n"
        }
        return out + "</channel></rss>\n"
    }

    static func page(_ path: String, base: String) -> String {
        let seed = path.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xffff_ffff }
        var body = "<h1>\(sentence(seed, 8))</h1>"
        for p in 0..<12 { body += "<p>" + (0..<6).map { sentence(seed + p * 7 + $0, 15) }.joined(separator: " ") + "</p>" }
        body += "<p>Read more: <a href=\"\(base)/a/related/\(seed % 500).html\">\(sentence(seed + 1, 6))</a></p>"
        return "<!doctype html><html><head><title>Story</title></head><body><nav><a href=\"/\">Home</a></nav><article>\(body)</article><footer>Footer</footer></body></html>"
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
