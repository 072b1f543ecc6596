import Foundation
import TelexTestServer

/// Small fixture documents for the pipeline tests.
enum SiteBuilder {
    struct Item {
        var id: String
        var title: String
        var link: String
        var summary: String = "A short summary."
        var date = Date()
    }

    static func rss(_ title: String, _ items: [Item]) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let entries = items.map { i in
            "<item><guid>\(i.id)</guid><title>\(i.title)</title><link>\(i.link)</link><pubDate>\(f.string(from: i.date))</pubDate><description>\(i.summary)</description></item>"
        }.joined(separator: "\n")
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(title)</title><link>http://example.org/</link>\n\(entries)\n</channel></rss>"
    }

    static func feed(_ title: String, _ items: [Item], etag: String = "\"1\"") -> FixtureRoute {
        .resource(FixtureResource(text: rss(title, items), contentType: "application/rss+xml", etag: etag,
                                  lastModified: "Tue, 24 Nov 2026 10:00:00 GMT", gzip: true))
    }

    static func article(_ title: String, related: [(String, String)] = []) -> FixtureRoute {
        let paragraph = "This is a long paragraph of an article about \(title), with enough words, commas, and sentences to look like a real story. "
        let body = (0..<8).map { _ in "<p>\(String(repeating: paragraph, count: 3))</p>" }.joined()
        let more = related.map { "<p>Read more: <a href=\"\($0.1)\">\($0.0)</a></p>" }.joined()
        let html = "<!doctype html><html><head><title>\(title)</title></head><body><article><h1>\(title)</h1>\(body)\(more)</article></body></html>"
        return .resource(FixtureResource(text: html, contentType: "text/html; charset=utf-8", etag: "\"a\""))
    }
}
