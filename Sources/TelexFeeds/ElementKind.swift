/// The namespaces feeds use, by URI (prefixes are arbitrary).
enum Namespace: Sendable {
    case none, rss, atom10, atom03, rdf, content, dc, dcterms, media, itunes, sy, slash, xhtml, xml, other

    init(uri: String?) {
        guard let uri, !uri.isEmpty else { self = .none; return }
        switch uri {
        case "http://www.w3.org/2005/Atom": self = .atom10
        case "http://purl.org/atom/ns#": self = .atom03
        case "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/", "http://backend.userland.com/rss2",
             "http://blogs.law.harvard.edu/tech/rss", "http://backend.userland.com/rss": self = .rss
        case "http://www.w3.org/1999/02/22-rdf-syntax-ns#": self = .rdf
        case "http://purl.org/rss/1.0/modules/content/": self = .content
        case "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/elements/1.0/": self = .dc
        case "http://purl.org/dc/terms/": self = .dcterms
        case "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss", "http://video.search.yahoo.com/mrss": self = .media
        case "http://www.itunes.com/dtds/podcast-1.0.dtd", "http://www.itunes.com/DTDs/Podcast-1.0.dtd": self = .itunes
        case "http://purl.org/rss/1.0/modules/syndication/": self = .sy
        case "http://purl.org/rss/1.0/modules/slash/": self = .slash
        case "http://www.w3.org/1999/xhtml": self = .xhtml
        case "http://www.w3.org/XML/1998/namespace": self = .xml
        default: self = .other
        }
    }

    /// A namespace `init(uri:)` does not know, read leniently as feedparser reads it: the URI ignoring
    /// case, a missing trailing slash and https (`HTTP://PURL.ORG/DC/ELEMENTS/1.1`), any
    /// backend.userland.com/rss* as RSS, and an element without a prefix in an unknown default namespace
    /// (`<item xmlns="http://example.com/x">`) as the feed's own vocabulary. A prefix alone decides
    /// nothing: `xmlns:content="http://example.com/other"` is not the content module.
    init(lenientURI uri: String?, prefix: String?) {
        var lower = uri?.lowercased() ?? ""
        if lower.hasPrefix("https://") { lower = "http://" + lower.dropFirst(8) }
        if lower.contains("backend.userland.com/rss") { self = .rss; return }
        for candidate in [lower, lower + "/"] where candidate != uri {
            let known = Namespace(uri: candidate)
            if known != .other { self = known; return }
        }
        self = prefix?.isEmpty == false ? .other : .none
    }

    /// Elements of the feed vocabularies themselves (RSS in any version, Atom, or none).
    var isCore: Bool { self == .none || self == .rss || self == .atom10 || self == .atom03 }
    var isAtom: Bool { self == .atom10 || self == .atom03 }
}

/// The elements the reader acts on; everything else is `.other` and skipped with its children.
enum ElementKind: Sendable {
    // Structure.
    case rss, rdfRoot, feed, channel, item, entry, image, skipped, mediaGroup
    // Text fields.
    case title, link, description, summary, subtitle, content, contentEncoded, xhtmlBody, language
    case pubDate, lastBuildDate, published, updated, dcDate, created
    case guid, id, author, dcCreator, itunesAuthor, name, email, uri, url, category, tagList, dcSubject, comments
    case logo, icon, ttl, updatePeriod, updateFrequency, itunesSummary, itunesSubtitle, mediaDescription, mediaTitle, mediaCategory
    // Attribute-only.
    case enclosure, mediaThumbnail, mediaContent, itunesImage, itunesLink, itunesCategory
    case other

    init(namespace ns: Namespace, local: String) {
        switch (ns, local) {
        case (.rdf, "RDF"): self = .rdfRoot
        case (.content, "encoded"): self = .contentEncoded
        case (.xhtml, "body"), (.xhtml, "div"): self = .xhtmlBody
        case (.dc, "date"), (.dcterms, "issued"), (.dcterms, "date"): self = .dcDate
        case (.dcterms, "created"): self = .created
        case (.dcterms, "modified"): self = .updated
        case (.dc, "creator"), (.dc, "author"), (.dc, "contributor"): self = .dcCreator
        case (.dc, "title"): self = .title
        case (.dc, "language"): self = .language
        case (.dc, "subject"): self = .dcSubject
        case (.dc, "description"), (.dcterms, "abstract"): self = .description
        case (.itunes, "author"): self = .itunesAuthor
        case (.itunes, "image"): self = .itunesImage
        case (.itunes, "link"): self = .itunesLink
        case (.itunes, "summary"): self = .itunesSummary
        case (.itunes, "subtitle"): self = .itunesSubtitle
        case (.itunes, "category"): self = .itunesCategory
        case (.media, "thumbnail"): self = .mediaThumbnail
        case (.media, "content"): self = .mediaContent
        case (.media, "group"): self = .mediaGroup
        case (.media, "description"): self = .mediaDescription
        case (.media, "title"): self = .mediaTitle
        case (.media, "category"): self = .mediaCategory
        case (.sy, "updatePeriod"): self = .updatePeriod
        case (.sy, "updateFrequency"): self = .updateFrequency
        case (let ns, _) where ns.isCore:
            // Feed vocabularies are matched case-insensitively, as feedparser does: CDF writes <CHANNEL>,
            // some generators <TiTlE>. (Computed once per distinct name: the reader caches kinds.)
            switch local.lowercased() {
            case "rss": self = .rss
            case "feed": self = .feed
            case "channel": self = .channel
            case "item": self = .item
            case "entry": self = .entry
            case "image": self = .image
            case "textinput", "source", "skiphours", "skipdays", "cloud": self = .skipped
            case "title": self = .title
            case "link": self = .link
            case "description", "abstract": self = .description
            case "summary": self = .summary
            case "subtitle", "tagline": self = .subtitle
            case "content": self = .content
            // RSS 2.0 items in the wild: <body> holds inline XHTML, <fullitem> escaped HTML (feedparser reads both as content).
            case "body": self = .xhtmlBody
            case "fullitem": self = .contentEncoded
            case "language": self = .language
            case "pubdate": self = .pubDate
            case "lastbuilddate": self = .lastBuildDate
            case "published", "issued": self = .published
            case "created": self = .created
            case "updated", "modified": self = .updated
            case "guid": self = .guid
            case "id": self = .id
            case "author": self = .author
            case "contributor", "managingeditor", "webmaster": self = .skipped
            case "name": self = .name
            case "email": self = .email
            case "uri": self = .uri
            case "url": self = .url
            case "category": self = .category
            case "tags": self = .tagList
            case "comments": self = .comments
            case "logo": self = .logo
            case "icon": self = .icon
            case "ttl": self = .ttl
            case "enclosure": self = .enclosure
            default: self = .other
            }
        default: self = .other
        }
    }
}
