import Foundation

/// Reads what a page says about itself: JSON-LD, OpenGraph and article:* meta tags, `<time>`,
/// hAtom/WordPress classes, `<title>` and `<html lang>`.
struct MetadataReader {
    let tree: HTMLTree
    let resolver: URLResolver
    var jsonLD: JSONLDArticle?
    /// schema.org types the page declares (JSON-LD `@type`, microdata `itemtype`) and its `og:type`, lowercased.
    var declaredTypes: Set<String> = []
    private var meta: [String: String] = [:]

    init(tree: HTMLTree, resolver: URLResolver) {
        self.tree = tree
        self.resolver = resolver
        // One walk over every node (removed or not) for meta tags, JSON-LD scripts and microdata types.
        var best: JSONLDArticle?
        for i in 1..<max(tree.count, 1) where !tree[i].isText {
            switch tree[i].tag {
            case .meta:
                guard let content = tree.attribute(i, .content) else { break }
                for key in [tree.attribute(i, .property), tree.attribute(i, .name), tree.attribute(i, .itemprop), tree.attribute(i, .httpEquiv)].compactMap({ $0 }) {
                    for part in key.lowercased().split(separator: " ") where meta[String(part)] == nil {
                        meta[String(part)] = content
                    }
                }
            case .script where tree.attribute(i, .type)?.lowercased().contains("ld+json") == true:
                let text = tree.children(i).map { tree.text($0) }.joined()
                declaredTypes.formUnion(JSONLDArticle.types(in: text))
                if let found = JSONLDArticle.find(in: text), best == nil || (best!.body ?? "").count < (found.body ?? "").count || best!.headline == nil {
                    best = found
                }
            default: break
            }
            if let t = tree.attribute(i, .itemtype)?.split(separator: "/").last { declaredTypes.insert(t.lowercased()) }
        }
        jsonLD = best
        if let og = meta["og:type"] { declaredTypes.insert("og:" + og.lowercased()) }
    }

    /// The page says it is an article (og:type, or a schema.org article type).
    var declaresArticle: Bool {
        !declaredTypes.isDisjoint(with: ["og:article", "article", "newsarticle", "blogposting", "reportage", "analysisnewsarticle",
                                         "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "techarticle",
                                         "scholarlyarticle", "liveblogposting"])
    }

    func read() -> ArticleMetadata {
        var m = ArticleMetadata()
        m.title = title()
        m.byline = byline()
        m.published = published()
        m.siteName = clean(meta["og:site_name"] ?? jsonLD?.publisher ?? meta["application-name"])
        m.language = language()
        m.canonicalURL = tree.descendants(of: tree.root, tag: .link, includeRemoved: true)
            .first { tree.attribute($0, .rel)?.lowercased() == "canonical" }
            .flatMap { tree.attribute($0, .href) }.flatMap(resolver.link)
            ?? meta["og:url"].flatMap(resolver.link)
        m.leadImage = (meta["og:image"] ?? meta["og:image:url"] ?? meta["twitter:image"] ?? jsonLD?.image).flatMap(resolver.image)
        return m
    }

    private func clean(_ s: String?) -> String? {
        guard let s else { return nil }
        let c = InlineBuilder.collapse(s)
        return c.isEmpty ? nil : c
    }

    func title() -> String? {
        let documentTitle = tree.first(.title).map { tree.textContent($0) }
        let candidates = [meta["og:title"], jsonLD?.headline, meta["twitter:title"], meta["dc.title"], meta["title"]]
        if let t = candidates.compactMap(clean).first { return t }
        guard var t = clean(documentTitle) else {
            return tree.first(.h1).map { tree.textContent($0) }.flatMap(clean)
        }
        // "Headline | Site" and "Headline - Site": keep the headline when it is long enough.
        for sep in [" | ", " - ", " – ", " — ", " :: ", " » ", " · "] {
            if let r = t.range(of: sep, options: .backwards) {
                let head = String(t[..<r.lowerBound])
                if head.split(separator: " ").count >= 3 { t = head; break }
            }
        }
        return t
    }

    func byline() -> String? {
        if let a = jsonLD?.author.flatMap(clean), !a.hasPrefix("http") { return a }
        for key in ["author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author"] {
            if let v = clean(meta[key]), !v.hasPrefix("http"), v.count < 100 { return v }
        }
        // rel=author, itemprop=author, hAtom/WordPress classes, links to an author page; never in
        // the comments (where every name is a commenter's).
        var i = tree.root + 1
        let stop = tree.end(tree.root)
        while i < stop {
            let n = tree[i]
            if n.isText { i += 1; continue }
            let hint = tree.hint(i)
            if !hint.isEmpty, FastText.containsAny(hint, Self.commentNeedles) { i = tree.end(i); continue }
            let isAuthor = !hint.isEmpty && (FastText.contains(hint, Self.bylineNeedle)
                    || FastText.containsAny(hint, Self.authorNeedles)
                    && FastText.words(hint, separators: [0x20]).contains(where: { Self.authorWords.contains(String(decoding: $0, as: UTF8.self)) }))
                || tree.attribute(i, .rel) == "author" || tree.attribute(i, .itemprop) == "author"
                || n.tag == .a && tree.attribute(i, .href).map { FastText.contains($0, "/author/") } == true
            i += 1
            guard isAuthor else { continue }
            var text = tree.textContent(i - 1, limit: 200)
            for prefix in ["By ", "by ", "Par ", "par ", "Von ", "von ", "Por ", "por ", "Di ", "Door "] where text.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count))
            }
            if let c = clean(text), c.count >= 3, c.count <= 100 { return c }
        }
        return nil
    }

    private static let commentNeedles = FastText.needles(["comment", "respond", "replies", "disqus"])
    private static let bylineNeedle = Array("byline".utf8), publishedNeedle = Array("published".utf8)
    private static let authorNeedles = FastText.needles(["author", "vcard", "fn"])
    private static let authorWords: Set<String> = ["author", "vcard", "author-name", "fn"]

    func published() -> Date? {
        let candidates = [jsonLD?.datePublished, meta["article:published_time"], meta["og:published_time"], meta["datepublished"],
                          meta["publishdate"], meta["pubdate"], meta["date"], meta["dc.date"], meta["dc.date.issued"],
                          meta["sailthru.date"], meta["parsely-pub-date"]]
        for c in candidates.compactMap({ $0 }) { if let d = DateParsing.parse(c) { return d } }
        for i in tree.descendants(of: tree.root, tag: .time) {
            if let v = tree.attribute(i, .datetime), let d = DateParsing.parse(v) { return d }
        }
        for i in tree.descendants(of: tree.root) where FastText.contains(tree.hint(i), Self.publishedNeedle) || tree.attribute(i, .itemprop) == "datePublished" {
            if let v = tree.attribute(i, .datetime) ?? tree.attribute(i, .content) ?? tree.attribute(i, .title), let d = DateParsing.parse(v) { return d }
        }
        return nil
    }

    func language() -> String? {
        if let html = tree.first(.html), let lang = tree.attribute(html, .lang), let c = clean(lang) { return c }
        if let l = meta["og:locale"] ?? meta["content-language"] ?? jsonLD?.language {
            return clean(l.replacingOccurrences(of: "_", with: "-"))
        }
        return nil
    }
}
