// Small helpers over the embedded pages: links, languages, feed documents.
import Foundation
import TelexSampleEdition

enum EditionPages {
    /// Paths of the article pages.
    static var articlePaths: [String] { SampleEdition.files.keys.filter { $0.hasPrefix("/articles/") }.sorted() }

    static func body(_ path: String) -> String { SampleEdition.files[path]?.body ?? "" }

    /// The value of every `href="..."` in `html`, in document order, entities &amp; decoded.
    static func hrefs(in html: Substring) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "href=\"") {
            let tail = rest[start.upperBound...]
            guard let end = tail.firstIndex(of: "\"") else { break }
            result.append(tail[..<end].replacingOccurrences(of: "&amp;", with: "&"))
            rest = tail[end...]
        }
        return result
    }

    /// The part of a page between `open` (the first occurrence) and the next `close`.
    static func slice(_ html: String, from open: String, to close: String) -> Substring? {
        guard let start = html.range(of: open), let end = html[start.upperBound...].range(of: close) else { return nil }
        return html[start.lowerBound..<end.upperBound]
    }

    /// The article body alone (the story's text, without the page's chrome).
    static func storyBody(_ path: String) -> Substring {
        let html = body(path)
        return slice(html, from: "<div class=\"entry-content\">", to: "\n</div>")
            ?? slice(html, from: "<div class=\"article__body\"", to: "\n</div>") ?? ""
    }

    /// The story's own links: the article body and the related-stories widget (not the chrome).
    static func storyLinks(_ path: String) -> [String] {
        let html = body(path)
        let bodyPart = storyBody(path)
        let related = slice(html, from: "<aside class=\"jp-relatedposts", to: "</aside>")
            ?? slice(html, from: "<aside class=\"related\"", to: "</aside>") ?? ""
        return hrefs(in: bodyPart) + hrefs(in: related)
    }

    /// A link as a path of the site: root-relative stays, the placeholder host is removed; nil for other hosts.
    static func sitePath(_ link: String) -> String? {
        if link.hasPrefix("/") { return link }
        if link.hasPrefix(SampleEdition.placeholderHost + "/") { return String(link.dropFirst(SampleEdition.placeholderHost.count)) }
        return nil
    }

    /// The `lang` attribute of a page's html element.
    static func language(_ path: String) -> String? {
        guard let tag = slice(body(path), from: "<html lang=\"", to: "\"") else { return nil }
        return String(tag.dropFirst("<html lang=\"".count).dropLast())
    }

    static func feed(_ path: String) throws -> FeedDocument { try FeedDocument(body(path)) }
}
