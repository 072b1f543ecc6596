import Foundation

/// Extracts the main story of a full web page.
public enum ArticleExtractor {
    /// The story of `html` (bytes as fetched) from `pageURL`; `contentType` is the HTTP header if known.
    /// Never fails: an unusable page gives a document with low confidence (zero for pages that are
    /// not HTML or that need more work than the standard budget).
    public static func extract(html: [UInt8], pageURL: String, contentType: String? = nil) -> ArticleDocument {
        extract(html: html, pageURL: pageURL, contentType: contentType, budget: .standard).document
    }

    /// The story of a page and what became of it: extracted, not a web page, or over the budget
    /// (the document then holds the page's metadata when it was read, and no story).
    public static func extract(html: [UInt8], pageURL: String, contentType: String? = nil, budget: ExtractionBudget) -> ExtractionResult {
        if !looksLikeHTML(html, contentType: contentType) {
            if let text = PlainTextPage.html(html, contentType: contentType) {
                return extract(html: text.bytes, pageURL: pageURL, contentType: text.contentType, budget: budget)
            }
            let doc = ArticleDocument(metadata: ArticleMetadata(canonicalURL: URLResolver(base: pageURL).link(pageURL)), confidence: 0)
            return ExtractionResult(document: doc, outcome: .notHTML)
        }
        let deadline = Deadline(budget)
        func overBudget(_ metadata: ArticleMetadata = ArticleMetadata()) -> ExtractionResult {
            ExtractionResult(document: ArticleDocument(metadata: metadata, confidence: 0), outcome: .overBudget(budget))
        }
        var tree = HTMLParser.parse(html, contentType: contentType, deadline: deadline)
        if deadline.check() { return overBudget() }
        let pageResolver = URLResolver(base: pageURL)
        let baseHref = tree.first(.base).flatMap { tree.attribute($0, .href) }.flatMap(pageResolver.link)
        let resolver = URLResolver(base: baseHref ?? pageURL)
        let reader = MetadataReader(tree: tree, resolver: resolver)
        var metadata = reader.read()
        let body = tree.first(.body) ?? tree.root
        ExtractionTrace.log("parsed \(tree.count) nodes, body \(ExtractionTrace.describe(tree, body)) text \(TextStatistics(tree).text[body]): \(tree.textContent(body, limit: 20000).suffix(300))")

        HiddenContent.remove(in: &tree, scope: body, stats: TextStatistics(tree))
        ShareWidgets.remove(in: &tree, scope: body)
        let related = RelatedStories.collect(in: &tree, scope: body, resolver: resolver, widgets: true, deadline: deadline)
        if deadline.check() { return overBudget(metadata) }

        // Readability's retry ladder: each pass relaxes one rule when the story came out too short.
        var best: (blocks: [Block], length: Int, roots: [Int], tree: HTMLTree?) = ([], 0, [], nil)
        var withoutChrome: HTMLTree?
        let ladder: [ReadabilityScorer.Flags] = [.all, [.weighClasses, .cleanConditionally], [.cleanConditionally], []]
        for flags in ladder {
            if deadline.check() { return overBudget(metadata) }
            var scorer = ReadabilityScorer(tree: tree, flags: flags)
            let roots = scorer.grab(body: body)
            if withoutChrome == nil { withoutChrome = scorer.tree }
            scorer.cleanConditionally(roots, title: metadata.title)
            let blocks = StoryEdges.tidy(BlockConverter(tree: scorer.tree, resolver: resolver, deadline: deadline).blocks(of: roots), title: metadata.title)
            let length = blocks.reduce(0) { $0 + Self.textLength($1) }
            ExtractionTrace.log("pass \(flags.rawValue): \(length)")
            if length > best.length { best = (blocks, length, roots, scorer.tree) }
            if length >= 500 { break }
        }
        // The densest block is only part of what the page shows (a listing, a product page, a forum
        // thread, a story in several sections): the whole page without its chrome reads better.
        if let page = withoutChrome, let storyTree = best.tree, best.roots != [body],
           Self.isPartOfPage(story: best.roots, in: storyTree, page: page, body: body, declaresArticle: reader.declaresArticle) {
            ExtractionTrace.log("whole page")
            let blocks = StoryEdges.tidy(BlockConverter(tree: page, resolver: resolver, deadline: deadline).blocks(of: [body]), title: metadata.title, wholePage: true)
            best = (blocks, blocks.reduce(0) { $0 + Self.textLength($1) }, [body], page)
        }

        var blocks = best.blocks
        var confidence = Self.confidence(blocks: blocks, length: best.length)
        // Text that lives only in JSON-LD (script-rendered pages, some paywalls).
        if let ldBody = reader.jsonLD?.body.map(InlineBuilder.collapse), UTF8Text.weightedLength(ldBody) > 300, Double(best.length) < 0.6 * Double(UTF8Text.weightedLength(ldBody)) {
            let paragraphs = reader.jsonLD!.body!.components(separatedBy: "\n").map(InlineBuilder.collapse).filter { !$0.isEmpty }
            blocks = paragraphs.map { .paragraph([.text($0)]) }
            confidence = max(confidence, 0.75)
        }
        if Self.looksLikeWall(blocks: blocks, length: best.length) { confidence = min(confidence, 0.3) }
        if deadline.check() { return overBudget(metadata) }
        if metadata.title == nil, case .heading(_, let i)? = blocks.first { metadata.title = Inline.plainText(i) }
        let doc = ArticleDocument(metadata: metadata, blocks: blocks, related: related, confidence: confidence)
        return ExtractionResult(document: doc, outcome: .extracted)
    }

    /// Whether the story found is only a part of the page's content: it holds less than half the
    /// page's words outside links (a quarter on pages that declare themselves articles); it is a few
    /// lines out of a long page; or, on pages that do not declare themselves articles, it is short
    /// and less than half the page's text (one item of a listing).
    static func isPartOfPage(story roots: [Int], in storyTree: HTMLTree, page: HTMLTree, body: Int, declaresArticle: Bool) -> Bool {
        let pageStats = TextStatistics(page), storyStats = TextStatistics(storyTree)
        let kept = roots.reduce(0) { $0 + storyStats.text[$1] }
        let keptWords = roots.reduce(0) { $0 + storyStats.text[$1] - storyStats.link[$1] }
        let whole = pageStats.text[body], wholeWords = pageStats.text[body] - pageStats.link[body]
        let textShare = Double(kept) / Double(max(whole, 1)), wordShare = Double(keptWords) / Double(max(wholeWords, 1))
        if wordShare < (declaresArticle ? 0.25 : 0.5) { return true }
        // A few lines out of a long page (one card of a listing that calls itself an article).
        if kept < 300 && textShare < 0.25 { return true }
        return !declaresArticle && textShare < 0.5 && kept < 1500
    }

    static func looksLikeHTML(_ bytes: [UInt8], contentType: String?) -> Bool {
        let type = contentType?.lowercased().split(separator: ";").first?.trimmingCharacters(in: .whitespaces) ?? ""
        if !type.isEmpty {
            let htmlTypes = ["text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml"]
            if !htmlTypes.contains(type) { return false }
        }
        let head = bytes.prefix(1024)
        if head.starts(with: Array("%PDF".utf8)) { return false }
        // Binary content (images, archives) has NUL bytes early on.
        if head.contains(0) && !(head.count > 1 && (head[0] == 0xFF || head[0] == 0xFE)) { return false }
        // Markup first (after a byte order mark and white space): HTML, even when served as text/plain, as
        // misconfigured servers do.
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.index(head.startIndex, offsetBy: 3) : head.startIndex
        if head[start...].first(where: { $0 != 0x20 && !(0x09...0x0D).contains($0) }) == UInt8(ascii: "<") { return true }
        // Else text/plain is text (a "<" in it is a character); an undeclared page is HTML when it holds
        // one of HTML's own tags.
        if type == "text/plain" { return false }
        let lower = String(decoding: head, as: UTF8.self).lowercased()
        return ["<html", "<head", "<body", "<!doctype", "<meta", "<title", "<div", "<p>", "<p ", "<br", "<a href", "<article"]
            .contains { lower.contains($0) }
    }

    /// The length of a block's text in Latin-letter equivalents: scalars, with ideographs and kana
    /// counting three (a Japanese or Chinese story says in 300 characters what takes 900 in French).
    static func textLength(_ block: Block) -> Int {
        var p: [String] = []
        block.appendPlainParagraphs(to: &p)
        // Scalars, not grapheme clusters: counting Characters over a whole story was a hot spot,
        // and the thresholds this feeds do not care about combining marks.
        return p.reduce(0) { $0 + UTF8Text.weightedLength($1) }
    }

    static func confidence(blocks: [Block], length: Int) -> Double {
        let paragraphs = blocks.filter { if case .paragraph = $0 { return true } else { return false } }.count
        switch length {
        case 1500...: return paragraphs >= 3 ? 0.95 : 0.8
        case 700..<1500: return paragraphs >= 2 ? 0.8 : 0.65
        case 300..<700: return 0.55
        case 100..<300: return 0.35
        default: return length > 0 ? 0.15 : 0
        }
    }

    static let wallPhrases = ["cookie", "consent", "accept all", "tout accepter", "alle akzeptieren", "subscribe to continue",
                              "subscribe to read", "subscribers only", "already a subscriber", "sign in to continue",
                              "log in to continue", "réservé aux abonnés", "abonnez-vous", "nur für abonnenten",
                              "enable javascript", "please enable js", "are you a robot", "verify you are human"]

    /// Consent walls and paywall stubs: short text dominated by such phrases.
    static func looksLikeWall(blocks: [Block], length: Int) -> Bool {
        guard length < 1500 else { return false }
        var p: [String] = []
        for b in blocks { b.appendPlainParagraphs(to: &p) }
        let text = p.joined(separator: " ").lowercased()
        return wallPhrases.contains { text.contains($0) }
    }
}
