import Foundation

/// A feed a web page points to.
public struct AdvertisedFeed: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// `<link rel="alternate" type="application/rss+xml" …>` (or `rel="feed"`) in the page.
        case linkElement
        /// An `<a>` whose address or text names a feed ("RSS", "/feed/", "atom.xml").
        case anchor
    }
    /// Absolute http(s) URL.
    public var url: String
    /// The link's `title`, or an anchor's text.
    public var title: String?
    /// The declared MIME type, lowercased (link elements).
    public var type: String?
    public var source: Source
}

/// Feed autodiscovery in an HTML page: the page is parsed by the same libxml2-based parser the
/// extractor uses, and its links read from that tree.
public enum FeedLinks {
    /// Anchors looked at, at most: a page that names a feed does so a few times, not hundreds.
    static let maximumAnchors = 10

    /// The feeds `html` advertises, in document order: `<link rel="alternate">` elements of the RSS,
    /// Atom, RDF and JSON Feed types (and `rel="feed"`) first, then `<a>` links named like feeds;
    /// resolved against `pageURL` (or the page's `<base href>`), http(s) only, each URL once.
    public static func find(in html: [UInt8], pageURL: String, contentType: String? = nil) -> [AdvertisedFeed] {
        let tree = HTMLParser.parse(html, contentType: contentType)
        let pageResolver = URLResolver(base: pageURL)
        let base = tree.first(.base).flatMap { tree.attribute($0, .href) }.flatMap(pageResolver.link)
        let resolver = URLResolver(base: base ?? pageURL)
        var found: [AdvertisedFeed] = []
        var seen: Set<String> = []
        func add(_ href: String?, title: String?, type: String?, source: AdvertisedFeed.Source) {
            guard let href, let url = resolver.link(href), url.hasPrefix("http://") || url.hasPrefix("https://"),
                  seen.insert(url).inserted else { return }
            let cleanTitle = title?.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            found.append(AdvertisedFeed(url: url, title: cleanTitle?.isEmpty == false ? cleanTitle : nil, type: type, source: source))
        }
        for index in tree.descendants(of: tree.root, tag: .link, includeRemoved: true) {
            let rel = Set((tree.attribute(index, .rel) ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init))
            let type = tree.attribute(index, .type)?.lowercased().split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) }
            guard !rel.contains("stylesheet"), !rel.contains("icon") else { continue }
            let isFeedType = type.map(isFeedMIMEType) ?? false
            guard (rel.contains("alternate") && isFeedType) || (rel.contains("feed") && (type == nil || isFeedType)) else { continue }
            add(tree.attribute(index, .href), title: tree.attribute(index, .title), type: type, source: .linkElement)
        }
        var anchors = 0
        for index in tree.descendants(of: tree.root, tag: .a, includeRemoved: true) where anchors < maximumAnchors {
            guard let href = tree.attribute(index, .href) else { continue }
            let text = tree.textContent(index, limit: 200)
            guard looksLikeFeed(href: href, text: text) else { continue }
            anchors += 1
            add(href, title: text.isEmpty ? tree.attribute(index, .title) : text, type: nil, source: .anchor)
        }
        return found
    }

    /// The MIME types feeds are announced with (the JSON Feed spec's `application/feed+json`, and the
    /// `application/json` it allowed before).
    static func isFeedMIMEType(_ type: String) -> Bool {
        switch type {
        case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml",
             "application/json", "application/xml", "text/xml", "application/x-rss+xml", "application/x-atom+xml",
             "application/x.atom+xml", "text/rss+xml", "text/atom+xml":
            return true
        default:
            return false
        }
    }

    /// An anchor names a feed when its address ends like one (`/feed`, `rss.xml`, `?feed=rss2`) or its
    /// whole text is a feed word ("RSS", "Atom feed", "Subscribe via RSS").
    static func looksLikeFeed(href: String, text: String) -> Bool {
        let address = href.lowercased().split(separator: "#").first.map(String.init) ?? ""
        var path = address.split(separator: "?", maxSplits: 1).first.map(String.init) ?? address
        while path.hasSuffix("/") { path.removeLast() }
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        if ["feed", "rss", "atom", "rss2", "feed.xml", "rss.xml", "atom.xml", "index.xml", "feed.json", "index.rss",
            "feed.rss", "feed.atom", "rss2.xml"].contains(last) || last.hasSuffix(".rss") || last.hasSuffix(".atom") {
            return true
        }
        if address.contains("?feed=rss") || address.contains("&feed=rss") || address.contains("?feed=atom") { return true }
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard !words.isEmpty, words.count <= 4 else { return false }
        let feedWords: Set<String> = ["rss", "atom", "feed", "rss2"]
        return words.contains(where: feedWords.contains) && words.allSatisfy {
            feedWords.contains($0) || ["subscribe", "via", "the", "our", "with", "web", "news", "flux", "json", "xml"].contains($0)
        }
    }
}
