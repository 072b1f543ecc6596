/// Cleans feed-supplied HTML (RSS content:encoded, Atom content) into a story document.
public enum HTMLCleaner {
    /// The document of an HTML fragment, links resolved against `baseURL`; related-story lines are
    /// moved to `related` as on full pages.
    public static func document(fromFragment html: String, baseURL: String?) -> ArticleDocument {
        let bounded = html.utf8.count > HTMLParser.maximumInputBytes ? String(html.utf8.prefix(HTMLParser.maximumInputBytes)) ?? "" : html
        var tree = HTMLParser.parseFragment(bounded)
        let body = tree.first(.body) ?? tree.root
        let resolver = URLResolver(base: baseURL)
        HiddenContent.remove(in: &tree, scope: body, stats: TextStatistics(tree))
        ShareWidgets.remove(in: &tree, scope: body)
        let related = RelatedStories.collect(in: &tree, scope: body, resolver: resolver, widgets: false)
        let blocks = BlockConverter(tree: tree, resolver: resolver).blocks(of: Array(tree.children(body)))
        return ArticleDocument(metadata: ArticleMetadata(), blocks: blocks, related: related, confidence: blocks.isEmpty ? 0 : 1)
    }
}
