/// Picks the node(s) holding the main story: a readability-style scorer over paragraphs.
///
/// Follows the shape of Mozilla Readability's `_grabArticle`: score paragraphs by length and commas,
/// give the score to their ancestors, weigh candidates by class/id hints and link density, climb to
/// a better parent, then merge siblings that look like part of the story.
struct ReadabilityScorer {
    struct Flags: OptionSet {
        let rawValue: Int
        static let stripUnlikely = Flags(rawValue: 1)
        static let weighClasses = Flags(rawValue: 2)
        static let cleanConditionally = Flags(rawValue: 4)
        static let all: Flags = [.stripUnlikely, .weighClasses, .cleanConditionally]
    }

    var tree: HTMLTree
    let flags: Flags

    static let unlikely = FastText.needles(["-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus",
                           "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss",
                           "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate",
                           "pagination", "pager", "popup", "yom-remote", "cookie", "consent", "newsletter", "subscribe",
                           "share", "sharing", "promo", "outbrain", "taboola", "paywall", "modal", "signup",
                           // Customers' reviews of a product are its comments (and their widgets).
                           "customer-review", "product-review", "user-review", "review-widget", "reviews-widget", "tabs-panel--reviews",
                           "judgeme", "jdgm", "yotpo", "bazaarvoice", "trustpilot", "reviewsio", "okendo", "powerreviews", "turnto"])
    static let maybe = FastText.needles(["and", "article", "body", "column", "content", "main", "shadow", "story", "post-text", "entry"])
    static let negative = FastText.needles(["-ad-", "hidden", "hid", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
                           "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
                           "skyscraper", "sponsor", "shopping", "tags", "widget", "cookie", "consent", "newsletter",
                           "subscribe", "taboola", "byline", "author", "dateline", "nav", "breadcrumb"])
    static let positive = FastText.needles(["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post",
                           "text", "blog", "story", "prose", "rich-text", "richtext"])
    static let unlikelyRoles: Set<String> = ["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"]

    init(tree: HTMLTree, flags: Flags) { self.tree = tree; self.flags = flags }

    static func matches(_ hint: ArraySlice<UInt8>, _ words: NeedleSet) -> Bool {
        FastText.containsAny(hint, words)
    }

    func classWeight(_ i: Int) -> Double {
        guard flags.contains(.weighClasses) else { return 0 }
        var weight = 0.0
        guard tree[i].hasHint else { return 0 }
        let c = tree.classHint(i)
        if !c.isEmpty {
            if Self.matches(c, Self.negative) { weight -= 25 }
            if Self.matches(c, Self.positive) { weight += 25 }
        }
        let id = tree.idHint(i)
        if !id.isEmpty {
            if Self.matches(id, Self.negative) { weight -= 25 }
            if Self.matches(id, Self.positive) { weight += 25 }
        }
        return weight
    }

    /// Removes chrome that is never part of a story, and with `stripUnlikely` the unlikely candidates.
    mutating func removeChrome(body: Int) {
        let stats = TextStatistics(tree)
        var i = body + 1
        let stop = tree.end(body)
        while i < stop {
            let n = tree[i]
            if n.removed || n.isText { i = tree.end(i); continue }
            if isChrome(i, stats: stats, total: stats.text[body], chromeTags: Self.chromeTags), !HiddenContent.isPageWrapper(tree, i, stats: stats, total: stats.text[body]),
               !holdsMostWords(i, stats: stats, body: body) {
                if stats.text[i] > 200 { ExtractionTrace.log("chrome \(ExtractionTrace.describe(tree, i)) text \(stats.text[i])") }
                tree.remove(i); i = tree.end(i); continue
            }
            i += 1
        }
    }

    static let chromeTags: TagSet = [.nav, .footer, .aside, .form, .dialog]

    /// An element named like chrome ("newsletter", "promo", "hero") that holds most of the page's
    /// words outside links is where the page put its text.
    private func holdsMostWords(_ i: Int, stats: TextStatistics, body: Int) -> Bool {
        let words = stats.text[i] - stats.link[i], total = stats.text[body] - stats.link[body]
        guard total >= 1000, Double(words) >= 0.5 * Double(total), !Self.chromeTags.contains(tree[i].tag),
              !FastText.containsAny(tree.hint(i), Self.pageFurniture) else { return false }
        ExtractionTrace.log("kept chrome-named \(ExtractionTrace.describe(tree, i)) words \(words) of \(total)")
        return true
    }
    /// Names of what surrounds every page of a site, and of comments: never the page's own text.
    static let pageFurniture = FastText.needles(["comment", "disqus", "replies", "reply", "respon", "footer", "header", "menu", "nav",
                                                 "sidebar", "masthead"])

    private func isChrome(_ i: Int, stats: TextStatistics, total: Int, chromeTags: TagSet) -> Bool {
        let n = tree[i]
        if chromeTags.contains(n.tag) && !hasStoryInside(i, stats: stats, total: total) { return true }
        if let role = tree.attribute(i, .role)?.lowercased(), Self.unlikelyRoles.contains(role) { return true }
        if stats.text[i] < 150, isBylineOrDateline(i) { return true }
        if flags.contains(.stripUnlikely), n.tag != .a, n.tag != .body, n.tag != .article, n.tag != .main, n.hasHint {
            let hint = tree.hint(i)
            if Self.matches(hint, Self.unlikely), !Self.matches(hint, Self.maybe), !insideTableOrCode(i) { return true }
        }
        return false
    }

    static let bylineHints = FastText.needles(["byline", "dateline", "writtenby", "p-author", "author", "article-meta", "entry-meta", "post-meta",
                              "posted-on", "publish", "timestamp", "article-date", "post-date", "entry-date"])
    static let bylineWords: [[UInt8]] = ["date", "time", "byline", "dateline", "author", "meta", "timestamp", "firma"].map { Array($0.utf8) }
    static let bylineTags: TagSet = [.p, .div, .span, .section, .address, .time, .header]

    /// Short blocks that only carry the author or the date (shown in the header instead).
    private func isBylineOrDateline(_ i: Int) -> Bool {
        let n = tree[i]
        guard Self.bylineTags.contains(n.tag) else { return false }
        let hint = tree.hint(i)
        let rel = tree.attribute(i, .rel), itemprop = tree.attribute(i, .itemprop)
        if hint.isEmpty && rel == nil && itemprop == nil && n.tag != .p && n.tag != .div { return false }
        let named = rel == "author" || itemprop == "author" || (!hint.isEmpty && Self.matches(hint, Self.bylineHints))
            || FastText.words(hint).contains { word in Self.bylineWords.contains { word.elementsEqual($0) } }
        if named {
            let text = tree.textContent(i, limit: 300)
            return text.count < 150 && !text.isEmpty
        }
        // A line holding only a <time> and a few words: "2024年7月20日 11時05分", "Updated 3 hours ago".
        if n.tag == .p || n.tag == .div, tree.first(.time, in: i) != nil, tree.textContent(i, limit: 300).count < 40 { return true }
        return false
    }

    /// Bounded walk up: very deep documents would make a full walk per node quadratic.
    private func insideTableOrCode(_ i: Int) -> Bool {
        var p = tree[i].parent
        var steps = 0
        while p >= 0, steps < 64 {
            if tree[p].tag == .table || tree[p].tag == .code { return true }
            p = tree[p].parent
            steps += 1
        }
        return false
    }

    /// ASP.NET-style pages wrap everything in a form: keep those (paragraphs inside, or most of the
    /// page's text, links and all: a listing wrapped so is still the page).
    private func hasStoryInside(_ i: Int, stats: TextStatistics, total: Int) -> Bool {
        tree[i].tag == .form && (tree.descendants(of: i, tag: .p).count > 3 || (total >= 500 && Double(stats.text[i]) >= 0.6 * Double(total)))
    }

    /// The nodes of the story, in document order (the top candidate and merged siblings).
    mutating func grab(body: Int) -> [Int] {
        removeChrome(body: body)
        let stats = TextStatistics(tree)
        var scores: [Int: Double] = [:]

        func initialize(_ i: Int) {
            guard scores[i] == nil else { return }
            var s: Double
            switch tree[i].tag {
            case .div, .article, .section, .main: s = 5
            case .pre, .td, .blockquote: s = 3
            case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: s = -3
            case .h1, .h2, .h3, .h4, .h5, .h6, .th: s = -5
            default: s = 0
            }
            if tree[i].tag == .article { s += 10 }
            scores[i] = s + classWeight(i)
        }

        func scoreParagraph(_ i: Int, parentOverride: Int? = nil, length: Int, commas: Int) {
            guard length >= 25 else { return }
            let contentScore = 1.0 + Double(commas) + Double(min(length / 100, 3))
            var ancestor = parentOverride ?? tree[i].parent
            var level = 0
            while ancestor > 0, level < 5 {
                let tag = tree[ancestor].tag
                if tag == .body || tag == .html || tag == ._root { break }
                initialize(ancestor)
                let divider: Double = level == 0 ? 1 : level == 1 ? 2 : Double(level) * 3
                scores[ancestor, default: 0] += contentScore / divider
                ancestor = tree[ancestor].parent
                level += 1
            }
        }

        let scorable: TagSet = [.p, .td, .pre, .section, .h2, .h3, .h4, .h5, .h6]
        for i in tree.descendants(of: body) {
            let n = tree[i]
            if scorable.contains(n.tag) {
                scoreParagraph(i, length: stats.text[i], commas: stats.commas[i])
            } else if n.tag == .div || n.tag == .article || n.tag == .span && tree[n.parent].tag == .div {
                // Phrasing content directly inside a div counts as a paragraph of that div.
                var length = 0, commas = 0, hasBlockChild = false
                for c in tree.children(i) {
                    let cn = tree[c]
                    if cn.removed { continue }
                    if cn.isText || !HTMLTags.blockLike.contains(cn.tag) {
                        length += stats.text[c]; commas += stats.commas[c]
                    } else { hasBlockChild = true }
                }
                if n.tag == .span && hasBlockChild { continue }
                if length >= 25 { scoreParagraph(i, parentOverride: hasBlockChild ? i : n.parent, length: length, commas: commas) }
            }
        }

        // Final scores weigh in link density.
        var ranked: [(Int, Double)] = scores.map { ($0.key, $0.value * (1 - stats.linkDensity($0.key))) }
        ranked.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var final: [Int: Double] = [:]
        for (i, s) in ranked { final[i] = s }
        for (i, s) in ranked.prefix(6) { ExtractionTrace.log("candidate \(ExtractionTrace.describe(tree, i)) \(Int(s)) text \(stats.text[i]) links \(stats.linkDensity(i))") }
        guard var top = ranked.first?.0, ranked[0].1 > 0 else { return [body] }

        // Several strong candidates inside one ancestor: the ancestor holds the story.
        let topScore = ranked[0].1
        let alternatives = ranked.dropFirst().prefix(4).filter { $0.1 / topScore >= 0.75 }.map(\.0)
        if alternatives.count >= 2 {
            var parent = tree[top].parent
            while parent > 0, tree[parent].tag != .body {
                let containing = alternatives.filter { tree.isDescendant($0, of: parent) }.count
                if containing >= min(alternatives.count, 3) { top = parent; break }
                parent = tree[parent].parent
            }
        }
        if final[top] == nil { initialize(top); final[top] = (scores[top] ?? 0) * (1 - stats.linkDensity(top)) }

        // Climb while a parent scores better (the story is split across children).
        var lastScore = final[top] ?? 0
        let threshold = lastScore / 3
        var parent = tree[top].parent
        while parent > 0, tree[parent].tag != .body {
            guard let ps = final[parent] else { parent = tree[parent].parent; continue }
            if ps < threshold { break }
            if ps > lastScore { top = parent; break }
            lastScore = ps
            parent = tree[parent].parent
        }
        // An only child: its parent is the better container.
        parent = tree[top].parent
        while parent > 0, tree[parent].tag != .body, tree.children(parent).filter({ !tree[$0].isText && !tree[$0].removed }).count == 1 {
            top = parent
            parent = tree[top].parent
        }

        // Sibling merging.
        let topFinal = final[top] ?? 0
        let siblingThreshold = max(10, topFinal * 0.2)
        let topClass = tree.attribute(top, .class) ?? ""
        ExtractionTrace.log("top \(ExtractionTrace.describe(tree, top)) parent \(ExtractionTrace.describe(tree, parent))")
        guard parent > 0 else { return [top] }
        var result: [Int] = []
        for s in tree.children(parent) {
            let sn = tree[s]
            if sn.removed || sn.isText { continue }
            if s == top { result.append(s); continue }
            var bonus = 0.0
            if !topClass.isEmpty, tree.attribute(s, .class) == topClass { bonus += topFinal * 0.2 }
            if let ss = final[s], ss + bonus >= siblingThreshold { result.append(s); continue }
            if sn.tag == .p {
                let density = stats.linkDensity(s)
                let length = stats.text[s]
                if length > 80 && density < 0.25 { result.append(s); continue }
                if length > 0 && length < 80 && density == 0 {
                    let text = tree.textContent(s)
                    if Self.hasSentenceEnd(text) { result.append(s) }
                }
            }
        }
        return result
    }

    /// Readability's conditional cleaning of lists, tables, divs and forms that look like chrome.
    mutating func cleanConditionally(_ roots: [Int], title: String?) {
        guard flags.contains(.cleanConditionally) else { return }
        let stats = TextStatistics(tree)
        let counts = TagCounts(tree, stats: stats)
        let cleanable: TagSet = [.div, .ul, .ol, .table, .form, .fieldset, .section, .aside, .header]
        var candidates: [Int] = []
        for r in roots {
            if cleanable.contains(tree[r].tag) && r != roots.first && roots.count > 1 { candidates.append(r) }
            candidates += tree.descendants(of: r).filter { cleanable.contains(tree[$0].tag) }
        }
        // Innermost first, so an outer container is judged after its junk is gone.
        for i in candidates.reversed() {
            if tree[i].removed || counts.insideCode[i] { continue }
            if isDataTable(i) { continue }
            let weight = classWeight(i)
            let textLength = stats.text[i]
            if weight < 0 && textLength < 2000 { tree.remove(i); continue }
            if stats.commas[i] >= 10 { continue }
            let p = Int(counts.paragraphs[i] + counts.divParagraphs[i]), img = Int(counts.images[i]), li = Int(counts.listItems[i]) - 100, input = Int(counts.inputs[i])
            let embeds = Int(counts.embeds[i]), hasFigure = counts.figures[i] > 0, headings = Int(counts.headings[i])
            let isList = tree[i].tag == .ul || tree[i].tag == .ol || textLength > 0 && Double(counts.listText[i]) / Double(textLength) > 0.9
            let density = stats.linkDensity(i)
            var remove = false
            if img > 1 && Double(p) / Double(img) < 0.5 && !hasFigure { remove = true }
            if !isList && li > p { remove = true }
            if Double(input) > Double(p) / 3 { remove = true }
            if !isList && textLength < 25 && (img == 0 || img > 2) && !hasFigure && headings == 0 { remove = true }
            if !isList && weight < 25 && density > 0.2 { remove = true }
            if weight >= 25 && density > 0.5 { remove = true }
            if embeds == 1 && textLength < 75 || embeds > 1 { remove = true }
            if isList && density > 0.5 && textLength < 600 { remove = true }
            if remove && counts.paragraphs[i] > 5 && density < 0.3 { remove = false }
            if remove { tree.remove(i) }
        }
    }

    /// A period followed by a space or the end: the short paragraph is a sentence, not a label.
    static func hasSentenceEnd(_ text: String) -> Bool {
        let b = Array(text.utf8)
        return b.indices.contains { b[$0] == 0x2E && ($0 + 1 == b.count || b[$0 + 1] == 0x20) }
    }

    func isDataTable(_ i: Int) -> Bool {
        guard tree[i].tag == .table else { return false }
        if tree.attribute(i, .role) == "presentation" { return false }
        let d = tree.descendants(of: i)
        if d.count > 20_000 { return false }
        let dataTags: TagSet = [.th, .thead, .caption, .col, .colgroup, .tfoot]
        if d.contains(where: { dataTags.contains(tree[$0].tag) }) { return true }
        if d.contains(where: { tree[$0].tag == .table }) { return false }
        let rows = d.filter { tree[$0].tag == .tr }
        let cols = rows.map { tree.children($0).filter { tree[$0].tag == .td }.count }.max() ?? 0
        return rows.count >= 10 || cols > 4 || rows.count * cols > 10
    }
}
