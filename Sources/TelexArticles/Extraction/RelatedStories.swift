import Foundation

/// Finds related-story links ("READ …", "Lire aussi", related-posts widgets, previous/next
/// article links), removes them from the tree so they do not interrupt the story, and returns them.
enum RelatedStories {
    static let widgetHints = FastText.needles(["related", "yarpp", "jp-relatedposts", "crp_", "more-stories", "morestories", "also-read",
                              "alsoread", "rp4wp", "read-next", "readnext", "lire-aussi", "a-lire", "post-navigation",
                              "nav-previous", "nav-next", "prev-post", "next-post", "previous-post", "nav-links"])
    static let widgetExclusions = FastText.needles(["recent", "tag", "categor", "popular", "trending", "archive", "comment", "share", "social",
                                   "menu", "footer"])
    static let widgetTitleHints = FastText.needles(["widget-title", "section-title"])
    /// Built once: a union of character sets made per heading showed in profiles.
    private static let headingTrim = CharacterSet.punctuationCharacters.union(.whitespaces)
    static let lineTags: TagSet = [.p, .div, .li, .h2, .h3, .h4, .h5, .h6, .aside, .section, .strong, .b, .span, .blockquote]
    static let widgetHeadings: [String] = [
        "related", "related posts", "related articles", "related stories", "related news", "related content",
        "you may also like", "you might also like", "more stories", "read next", "read more", "see also",
        "à lire aussi", "a lire aussi", "lire aussi", "sur le même sujet", "articles similaires", "à lire également",
        "mehr zum thema", "lesen sie auch", "das könnte sie auch interessieren", "noticias relacionadas",
        "artículos relacionados", "te puede interesar", "leia também", "notícias relacionadas", "articoli correlati",
        "leggi anche", "gerelateerde artikelen", "lees ook", "previous article", "next article", "previous post", "next post",
        "関連記事", "関連ニュース", "相关阅读", "相关新闻", "관련기사",
    ]

    /// Collects related links below `scope`, marking their nodes removed.
    /// `widgets` also looks for related-posts widgets and previous/next links (full pages only).
    static func collect(in tree: inout HTMLTree, scope: Int, resolver: URLResolver, widgets: Bool, deadline: Deadline? = nil) -> [RelatedLink] {
        var found: [RelatedLink] = []
        var seen: Set<String> = []
        var seenTitles: Set<String> = []
        func add(_ title: String, _ url: String?) {
            let t = InlineBuilder.collapse(title)
            guard !t.isEmpty, t.count <= 300 else { return }
            if let url {
                guard !seen.contains(url) else { return }
                seen.insert(url)
            } else {
                guard seenTitles.insert(HeadlineMatcher.key(t)).inserted else { return }
            }
            found.append(RelatedLink(title: t, url: url))
        }

        let stats = TextStatistics(tree)
        // The page's links, indexed only when a marker line names a story without linking to it.
        var pageLinks: HeadlineMatcher?
        // 1. Lines in the text introduced by a marker.
        var i = scope + 1
        let stop = tree.end(scope)
        while i < stop {
            if let deadline, deadline.checkOften() { return found }
            let n = tree[i]
            if n.removed || n.isText || HTMLTags.invisible.contains(n.tag) { i = tree.end(i); continue }
            if stats.text[i] >= 6, stats.text[i] <= 400, lineTags.contains(n.tag), let line = markerLine(tree, i, resolver: resolver) {
                if line.links.isEmpty {
                    // "READ  Headline" with no link: the story is the page's link that fits the headline, if any.
                    if pageLinks == nil { pageLinks = HeadlineMatcher(tree, scope: scope, resolver: resolver) }
                    add(line.headline, pageLinks!.url(for: line.headline, excluding: seen))
                } else if line.links.count == 1 {
                    // The marker's own headline names the story; the link's headline (labels left out)
                    // when the link wraps it, not when it wraps only a word of it ("READ Headline: more").
                    let linkTitle = line.links[0].title
                    let useLink = !linkTitle.isEmpty && Double(linkTitle.count) >= 0.6 * Double(line.headline.count)
                    add(useLink || line.headline.isEmpty ? linkTitle : line.headline, line.links[0].url)
                } else {
                    for (title, url) in line.links { add(title.isEmpty ? line.headline : title, url) }
                }
                tree.remove(i)
                i = tree.end(i)
                continue
            }
            i += 1
        }
        guard widgets else { return found }

        // 2. Widgets named by class/id or introduced by a heading, and previous/next links.
        for i in tree.descendants(of: scope) {
            let n = tree[i]
            if n.removed { continue }
            let hint = tree.hint(i)
            var isWidget = false
            if !hint.isEmpty, FastText.containsAny(hint, widgetHints), !FastText.containsAny(hint, widgetExclusions),
               n.tag != .a, n.tag != .body, n.tag != .article, n.tag != .main {
                isWidget = stats.text[i] > 0 && stats.linkDensity(i) > 0.4
            }
            if !isWidget, stats.text[i] <= 80, n.tag.isHeading || FastText.containsAny(hint, widgetTitleHints) {
                let heading = tree.textContent(i, limit: 80).lowercased().trimmingCharacters(in: headingTrim)
                if widgetHeadings.contains(heading), let parent = Optional(n.parent), parent >= 0 {
                    // The heading's following siblings hold the list.
                    let siblings = Array(tree.children(parent))
                    if let at = siblings.firstIndex(of: i) {
                        tree.remove(i)
                        for s in siblings[(at + 1)...] {
                            if tree[s].tag.isHeading { break }
                            collectLinks(tree, s, resolver: resolver, into: add)
                            if !tree[s].isText { tree.remove(s) }
                        }
                    }
                    continue
                }
            }
            if isWidget {
                collectLinks(tree, i, resolver: resolver, into: add)
                tree.remove(i)
            }
        }
        for i in tree.descendants(of: scope, tag: .a) {
            let rel = tree.attribute(i, .rel)?.lowercased() ?? ""
            guard rel.split(separator: " ").contains(where: { $0 == "prev" || $0 == "next" }) else { continue }
            if let href = tree.attribute(i, .href), let url = resolver.link(href) {
                let text = tree.textContent(i)
                if text.count >= 12, text.contains(" ") { add(text, url); tree.remove(i) }
            }
        }
        return found
    }

    private static func collectLinks(_ tree: HTMLTree, _ node: Int, resolver: URLResolver, into add: (String, String) -> Void) {
        let anchors = tree[node].tag == .a ? [node] : tree.descendants(of: node, tag: .a)
        for a in anchors {
            guard let href = tree.attribute(a, .href), let url = resolver.link(href), !url.hasPrefix("mailto:") else { continue }
            var text = headline(tree, a)
            if text.isEmpty { text = tree.descendants(of: a, tag: .img).compactMap { tree.attribute($0, .alt) }.first ?? "" }
            // Buttons and counters ("Read more", "12 comments") are not headlines.
            guard text.count >= 12, text.contains(" ") else { continue }
            text = stripNavigationWords(text)
            add(text, url)
        }
    }

    /// The headline a widget item's link carries. Items often wrap a section label, a date or a
    /// comment count around the headline inside the link ("<span class=kicker>World</span>
    /// <span class=title>Headline</span>"): an element named as the title wins, else labels are
    /// left out.
    static func headline(_ tree: HTMLTree, _ anchor: Int) -> String {
        let inside = tree.descendants(of: anchor)
        let labels = inside.filter { tree[$0].tag == .time || FastText.containsAny(tree.hint($0), itemLabelHints) }
        let isLabel = { (i: Int) in labels.contains { $0 == i || tree.isDescendant(i, of: $0) } }
        if let title = inside.first(where: { !isLabel($0) && (tree[$0].tag.isHeading || isTitleHint(tree.hint($0))) }) {
            let text = tree.textContent(title, skipping: isLabel)
            if text.count >= 12 { return text }
        }
        return labels.isEmpty ? tree.textContent(anchor) : tree.textContent(anchor, skipping: isLabel)
    }

    static let itemLabelHints = FastText.needles(["kicker", "eyebrow", "overline", "category", "cat-", "section", "label", "rubric",
                                                  "tag", "date", "time", "meta", "byline", "author", "count", "badge"])
    private static let titleHints = FastText.needles(["title", "headline", "heading"])
    private static let notTitleHints = FastText.needles(["subtitle", "sub-title", "title-kicker", "section-title"])

    private static func isTitleHint(_ hint: ArraySlice<UInt8>) -> Bool {
        FastText.containsAny(hint, titleHints) && !FastText.containsAny(hint, notTitleHints)
    }

    /// "Previous article: Headline" → "Headline".
    private static func stripNavigationWords(_ text: String) -> String {
        let lower = text.lowercased()
        for prefix in ["previous article", "next article", "previous post", "next post", "article précédent", "article suivant", "previous", "next", "«", "»", "←", "→"] where lower.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count).drop { $0 == ":" || $0 == " " || $0 == "«" || $0 == "»" }
            if rest.count >= 8 { return String(rest) }
        }
        return text
    }

    /// A line introduced by a related-story marker: the headline after the marker and the line's links.
    struct MarkerLine {
        var headline: String
        var links: [(title: String, url: String)]
    }

    /// The marker line at `node`, or nil when the node is not one. A line with links must be mostly
    /// its links (a sentence that merely starts with "Read" is not a marker line); a line without
    /// links must look like a marker and a headline: an uppercase marker ("READ  Headline"), a marker
    /// followed by a colon or a dash ("Lire aussi : …"), or a marker set apart in its own element.
    static func markerLine(_ tree: HTMLTree, _ node: Int, resolver: URLResolver) -> MarkerLine? {
        // Cheap tests first: most blocks do not begin with a marker.
        guard mayStartWithMarker(tree, node), markerLength(tree.leadingText(node, characters: 40)) != nil else { return nil }
        let text = tree.textContent(node, limit: 600)
        guard text.count <= 400, text.count >= 6 else { return nil }
        guard let markerLength = markerLength(text) else { return nil }
        let afterMarker = text.dropFirst(markerLength)
        let rest = String(afterMarker).trimmingCharacters(in: headlineTrim)
        let anchors = tree.descendants(of: node, tag: .a)
        var links: [(String, String)] = []
        var linkText = 0
        for a in anchors {
            guard let href = tree.attribute(a, .href), let url = resolver.link(href), !url.hasPrefix("mailto:") else { continue }
            linkText += tree.textContent(a).count
            let t = headline(tree, a)
            links.append((t.count < 4 ? "" : stripMarker(t), url))
        }
        if !links.isEmpty, Double(linkText) >= 0.6 * Double(max(rest.count, 1)) { return MarkerLine(headline: rest, links: links) }
        guard isHeadline(rest), isSetApart(tree, node, text: text, markerLength: markerLength) else { return nil }
        return MarkerLine(headline: rest, links: links)
    }

    private static let headlineTrim = CharacterSet.whitespaces.union(CharacterSet(charactersIn: ":：-–—»>|\u{A0}"))

    /// One headline: a few words, at most one sentence, no more than a line or two.
    static func isHeadline(_ text: String) -> Bool {
        let words = text.split(whereSeparator: \.isWhitespace).count
        guard text.count >= 8, text.count <= 250, words <= 45 else { return words == 1 && text.count >= 4 && text.count <= 40 && text.unicodeScalars.contains { $0.value >= 0x3000 } }
        // A second sentence after the first: body text, not a headline.
        let b = Array(text.utf8)
        let inner = b.indices.dropLast(2).filter { (b[$0] == 0x2E || b[$0] == 0x21 || b[$0] == 0x3F) && b[$0 + 1] == 0x20 && (0x41...0x5A).contains(b[$0 + 2]) }
        return inner.isEmpty
    }

    /// The marker stands apart from the headline: uppercase ("READ"), followed by punctuation
    /// (":", "|", "»", a dash), by a no-break or double space, or alone in its own element.
    private static func isSetApart(_ tree: HTMLTree, _ node: Int, text: String, markerLength: Int) -> Bool {
        let marker = text.prefix(markerLength)
        let after = text.dropFirst(markerLength)
        if marker == marker.uppercased(), marker != marker.lowercased() { return true }
        if marker.last.map({ ":：|»".contains($0) }) == true { return true }
        if let next = after.first, ":：|»-–—\u{A0}".contains(next) || after.hasPrefix("  ") || after.hasPrefix(" :") || after.hasPrefix(" –") || after.hasPrefix(" —") || after.hasPrefix(" -") { return true }
        // CJK markers ("関連記事") need no separator.
        if marker.unicodeScalars.contains(where: { $0.value >= 0x3000 }) { return true }
        // <strong>Lire aussi</strong> Headline
        for d in tree.descendants(of: node) where !tree[d].isText && d != node {
            let inner = tree.textContent(d, limit: 80)
            if !inner.isEmpty, RelatedStories.markerLength(inner) == inner.count { return true }
        }
        return false
    }

    private static func stripMarker(_ text: String) -> String {
        guard let n = markerLength(text) else { return text }
        let rest = String(text.dropFirst(n)).trimmingCharacters(in: headlineTrim)
        return rest.isEmpty ? text : rest
    }
}
