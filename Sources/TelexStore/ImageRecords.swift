import Foundation

/// What fetching one picture of an article gave.
public enum ImageFetchResult: Sendable, Hashable {
    /// Kept as `images/<first two hex digits>/<sha256>.png` in the cache directory (`ImageFiles`).
    case stored(sha256: String, width: Int, height: Int)
    /// Not kept, with the reason (not an image, too large, damaged, HTTP error...): the reader shows
    /// the alternative text, and the picture is not asked for again while the row lasts.
    case failed(String)
}

/// One picture of an article as the fetcher hands it to the store, in the article's order (lead
/// image first).
public struct ArticleImage: Sendable, Hashable {
    /// The picture's absolute URL as the page gives it.
    public var url: String
    /// nil: the picture is in the cache already (fetched for another article): only referenced.
    public var result: ImageFetchResult?
    public init(url: String, result: ImageFetchResult?) { self.url = url; self.result = result }
}

/// A picture of an article as read back from the cache.
public struct StoredImage: Sendable, Hashable {
    public var url: String
    /// The PNG's path when the picture was kept; nil when it failed (`error` says why).
    public var path: String?
    public var width: Int?
    public var height: Int?
    public var error: String?
}
