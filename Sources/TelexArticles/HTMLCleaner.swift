/// Cleans feed-supplied HTML (RSS content:encoded, Atom content) into a story document.
public enum HTMLCleaner {
    /// The document of an HTML fragment, links resolved against `baseURL`; related-story lines are
    /// moved to `related` as on full pages.
    public static func document(fromFragment html: String, baseURL: String?) -> ArticleDocument {
        let bounded = html.utf8.count > HTMLParser.maximumInputBytes ? String(html.utf8.prefix(HTMLParser.maximumInputBytes)) ?? "" : html
        // Bounded like full pages: a hostile feed item costs at most the standard budget.
        let deadline = Deadline(.standard)
        var tree = HTMLParser.parseFragment(bounded, deadline: deadline)
        let body = tree.first(.body) ?? tree.root
        let resolver = URLResolver(base: baseURL)
        HiddenContent.remove(in: &tree, scope: body, stats: TextStatistics(tree))
        ShareWidgets.remove(in: &tree, scope: body)
        let related = RelatedStories.collect(in: &tree, scope: body, resolver: resolver, widgets: false, deadline: deadline)
        let blocks = BlockConverter(tree: tree, resolver: resolver, deadline: deadline).blocks(of: Array(tree.children(body)))
        if deadline.check() { return ArticleDocument(confidence: 0) }
        return ArticleDocument(metadata: ArticleMetadata(), blocks: blocks, related: related, confidence: blocks.isEmpty ? 0 : 1)
    }
}
