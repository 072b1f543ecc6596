import Foundation

/// Which story an item tells, as one string: items with the same key are one story in every list ("also in"),
/// and share their read state. Written with the item (`item.story_key`, indexed), never recomputed over the table.
///
/// The key is the item's link normalised (`URLNormalizer`: scheme and host case, default ports, fragments,
/// tracking parameters); once the page is cached as an article, the page's own address: its
/// `<link rel=canonical>` (the fetcher keeps one only on the page's own site) or else the address the fetcher's
/// redirects ended at. An address that is a site's front page names no story (many feeds link every item there,
/// many sites point every page's canonical link there): it would make every story of the site one.
///
/// Copies are joined across feeds only (`ItemFilter.oneRowPerStory`, `shareState`): a feed that gives many of its
/// items one link (a section page, a live blog) keeps each of them.
enum StoryKey {
    /// The key of an item whose link normalises to `linkKey`, attached to an article stored at `articleURL`
    /// (normalised final URL) with `canonical` (normalised), of status `articleStatus`; nil: no link, no story.
    static func of(linkKey: String?, articleURL: String? = nil, canonical: String? = nil, articleStatus: String? = nil) -> String? {
        articleKey(url: articleURL, canonical: canonical, status: articleStatus) ?? linkKey.flatMap { isSpecific($0) ? $0 : nil }
    }

    /// The key an article gives the items attached to it; nil: they keep their own links' (a page that failed or
    /// holds no article, or whose addresses name no particular page).
    static func articleKey(url: String?, canonical: String?, status: String?) -> String? {
        guard status == ArticleStatus.ok.rawValue, let url, !url.isEmpty else { return nil }
        if let canonical, isSpecific(canonical) { return canonical }
        return isSpecific(url) ? url : nil
    }

    /// True for an http(s) address with a path below the site's root (`https://a.example/` and
    /// `https://a.example/?lang=fr` name a front page, not a story).
    static func isSpecific(_ key: String) -> Bool {
        guard let parts = URLComponents(string: key), let scheme = parts.scheme?.lowercased(),
              scheme == "http" || scheme == "https", parts.host?.isEmpty == false else { return false }
        let path = parts.percentEncodedPath
        return !(path.isEmpty || path == "/" || path.lowercased() == "/index.html" || path.lowercased() == "/index.php")
    }
}
