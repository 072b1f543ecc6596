// The hand-written part of the sample edition: where things are, and the placeholder rewriting.
// The files themselves are generated into SampleEdition.swift by scripts/gen-sample-edition.py.

extension SampleEdition {
    /// The seed's French article (its body carries "READ <headline>" related-story lines).
    public static let seedArticlePath = "/articles/russie-missiles-coree-du-nord.html"

    /// An article page listed in no feed: following the seed article's second READ line fetches it uncached.
    public static let uncachedArticlePath = "/articles/infirmiere-irlandaise-renversee.html"

    /// A linked file that is not an article (linked from the ECB story's body).
    public static let pdfPath = "/files/ecb-financial-stability-review-2026-11.pdf"

    /// The URL paths of the feeds, in the order of feeds.json.
    public static let feedPaths = [
        "/feeds/une.xml", "/feeds/world.atom", "/feeds/business.atom", "/feeds/sports.json",
        "/feeds/culture.xml", "/feeds/europe.xml", "/feeds/asia-pacific.json",
    ]

    /// `text` with every occurrence of `placeholderHost` replaced by `baseURL` (e.g. "http://127.0.0.1:8123",
    /// without a trailing slash: the edition's paths start with "/").
    public static func rewritten(_ text: String, baseURL: String) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return text.replacing(placeholderHost, with: base)
    }

    /// The file served at `path` (query and fragment ignored, "/" is "/index.html") with its URLs
    /// rewritten to `baseURL`; nil if none.
    public static func file(at path: String, baseURL: String) -> (contentType: String, body: String)? {
        var bare = String(path.prefix { $0 != "?" && $0 != "#" })
        if bare.hasSuffix("/") { bare += "index.html" }
        guard let file = files[bare] else { return nil }
        return (file.contentType, rewritten(file.body, baseURL: baseURL))
    }

    /// The demo's feeds.json with its feed URLs on `baseURL`.
    public static func feedsJSON(baseURL: String) -> String { rewritten(feedsJSON, baseURL: baseURL) }
}
