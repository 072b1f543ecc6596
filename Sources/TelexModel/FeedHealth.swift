import Foundation

/// How a feed's fetches go, as the cache records it (typed columns, never prefixes in a message).
public struct FeedHealth: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        /// Never fetched yet.
        case new
        /// The last attempt succeeded (200 or 304), possibly with a parser warning.
        case ok
        /// The last attempt failed; `message` says why.
        case failing
    }

    public var status: Status
    /// Why the last attempt failed ("host not found: feeds.example.org"), in words.
    public var message: String?
    /// When the current run of failures began.
    public var failingSince: Date?
    /// When the next attempt is due (`telex serve`).
    public var nextTry: Date?
    /// Set when the server asked to wait (429/503 Retry-After): no request before it, not even `telex fetch`.
    public var retryAfter: Date?
    /// The feed parsed, with this warning (a success, not a failure).
    public var warning: String?
    /// The server answered 410 Gone: no longer fetched.
    public var gone: Bool
    public var lastSuccess: Date?

    public init(status: Status = .new, message: String? = nil, failingSince: Date? = nil, nextTry: Date? = nil,
                retryAfter: Date? = nil, warning: String? = nil, gone: Bool = false, lastSuccess: Date? = nil) {
        self.status = status; self.message = message; self.failingSince = failingSince; self.nextTry = nextTry
        self.retryAfter = retryAfter; self.warning = warning; self.gone = gone; self.lastSuccess = lastSuccess
    }

    public var isFailing: Bool { status == .failing || gone }
}

/// The name a feed is shown under.
public enum FeedName {
    /// The configured title, else the feed's own, else its host and path ("example.org/news/rss.xml"):
    /// a URL cut to a pane's width would show only "https://exam…".
    public static func display(title: String?, feedTitle: String?, url: String) -> String {
        if let title = title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty { return title }
        if let feedTitle = feedTitle?.trimmingCharacters(in: .whitespacesAndNewlines), !feedTitle.isEmpty { return feedTitle }
        return hostAndPath(url)
    }

    /// "host/path?query" without the scheme, "www." or a trailing slash.
    public static func hostAndPath(_ url: String) -> String {
        guard let components = URLComponents(string: url), var host = components.host, !host.isEmpty else { return url }
        host = host.lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if let port = components.port { host += ":\(port)" }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        if let query = components.percentEncodedQuery, !query.isEmpty { path += "?" + query }
        return host + path
    }
}
