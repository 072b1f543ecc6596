import Foundation

/// What a request is for: it decides the size limit, the Accept header and the Content-Type check.
public enum ResourceKind: String, Sendable, Hashable {
    case feed
    case page
    /// A JSON API answer (an aggregator account's server): the feed size limit, `Accept: application/json`.
    case api
    /// A picture of an article: the image size limit, `Accept: image/*`, refused unless the Content-Type
    /// is an image type (or absent); the bytes are sniffed again by the decoder.
    case image
}

/// The request methods telex sends: GET for feeds and pages, POST and PUT for account APIs.
public enum HTTPMethod: String, Sendable, Hashable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    /// Without a body (Miniflux's `DELETE /v1/feeds/ID`).
    case delete = "DELETE"
}

/// One request header besides those the client sets itself (Accept, User-Agent, validators).
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) { self.name = name; self.value = value }
}

/// One request: a GET with the validators of the previous response for a conditional request, or
/// (account APIs) a POST or PUT with a body and headers such as Authorization and Content-Type.
/// Every limit and the address policy apply whatever the method.
public struct HTTPFetchRequest: Sendable, Hashable {
    public var url: URL
    public var kind: ResourceKind
    public var method: HTTPMethod
    /// The request body (POST, PUT), sent as is.
    public var body: [UInt8]?
    /// Extra headers. They go to the requested origin only: a redirect to another scheme, host or
    /// port drops them (an Authorization header is never handed to a server it was not meant for).
    public var headers: [HTTPHeader]
    /// The previous response's ETag (sent as If-None-Match).
    public var etag: String?
    /// The previous response's Last-Modified (sent as If-Modified-Since).
    public var lastModified: String?
    /// Whether the request (and its redirects) may reach private or loopback addresses
    /// (`AddressPolicy`): true for the feeds a user configured, false for pages a public feed links to.
    public var allowPrivateAddresses: Bool

    public init(url: URL, kind: ResourceKind = .feed, method: HTTPMethod = .get, body: [UInt8]? = nil, headers: [HTTPHeader] = [],
                etag: String? = nil, lastModified: String? = nil, allowPrivateAddresses: Bool = true) {
        self.url = url; self.kind = kind; self.method = method; self.body = body; self.headers = headers
        self.etag = etag; self.lastModified = lastModified
        self.allowPrivateAddresses = allowPrivateAddresses
    }
}

/// A completed exchange. Statuses >= 400 are responses, not errors: the caller decides.
public struct HTTPFetchResponse: Sendable {
    public var status: Int
    /// The URL the body came from, after redirects.
    public var finalURL: URL
    /// Set when every redirect from the requested URL was permanent (301/308): the new address to remember.
    public var permanentRedirect: URL?
    /// Response headers, names lowercased.
    public var headers: [String: String]
    /// The decoded (decompressed) body, at most the kind's limit.
    public var body: [UInt8]
    /// The address the final response came from (nil when unknown, e.g. a test double).
    public var remoteAddress: IPAddress?
    /// Whether that address is private or loopback (`AddressPolicy`): the pages such a feed links to
    /// may be fetched from private addresses too. A feed is judged on where it answered from, after
    /// redirects, not on its configured host name.
    public var fromPrivateAddress: Bool

    public init(status: Int, finalURL: URL, permanentRedirect: URL? = nil, headers: [String: String] = [:], body: [UInt8] = [],
                remoteAddress: IPAddress? = nil, fromPrivateAddress: Bool = false) {
        self.status = status; self.finalURL = finalURL; self.permanentRedirect = permanentRedirect
        self.headers = headers; self.body = body
        self.remoteAddress = remoteAddress; self.fromPrivateAddress = fromPrivateAddress
    }

    public var etag: String? { headers["etag"] }
    public var lastModified: String? { headers["last-modified"] }
    public var contentType: String? { headers["content-type"] }
    public var isNotModified: Bool { status == 304 }

    /// Retry-After as an absolute date (seconds or an HTTP-date).
    public func retryAfter(now: Date = Date()) -> Date? { headers["retry-after"].flatMap { RetryAfter.parse($0, now: now) } }

    /// Cache-Control max-age in seconds.
    public var maxAge: Int? {
        guard let cc = headers["cache-control"] else { return nil }
        for part in cc.split(separator: ",") {
            let p = part.trimmingCharacters(in: .whitespaces).lowercased()
            if p.hasPrefix("max-age="), let v = Int(p.dropFirst(8)), v >= 0 { return v }
        }
        return nil
    }
}

/// Why a fetch produced no response. Each case is one limit or one kind of failure; `description`
/// says it in plain words (what `telex fetch` prints and the cache records).
public enum HTTPFetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL (or a redirect's target) is not http or https: `file:`, `ftp:`...
    case unsupportedScheme(String)
    /// The URL cannot be fetched as written (a port out of range, a malformed host...).
    case invalidURL(String)
    /// The request cannot be sent as given (a header name or value with a line break...).
    case invalidRequest(String)
    case tooManyRedirects(Int)
    case redirectLoop(String)
    /// The whole exchange, redirects included, took longer than the total limit (seconds).
    case timedOut(seconds: Int)
    /// No connection within the connect timeout (seconds), name resolution included.
    case connectTimedOut(seconds: Int)
    /// Nothing received for the idle timeout (seconds).
    case stalled(seconds: Int)
    /// Slower than the low-speed limit for its whole period.
    case tooSlow(bytesPerSecond: Int, seconds: Int)
    /// The declared or decoded body passed the kind's limit (bytes): the transfer was cut there.
    case tooLarge(limit: Int)
    case blockedAddress(host: String)
    case unacceptableContentType(String)
    /// The server's certificate was refused (untrusted, expired, for another name).
    case certificate(String)
    /// The TLS handshake failed for another reason.
    case tls(String)
    case hostNotFound(String)
    case connection(String)
    case cancelled

    public var description: String {
        switch self {
        case .unsupportedScheme(let s): "only http and https are fetched (not \(s.isEmpty ? "this URL" : s + ":"))"
        case .invalidURL(let m): "not a usable URL: \(m)"
        case .invalidRequest(let m): "not a valid request: \(m)"
        case .tooManyRedirects(let n): "more than \(n) redirects"
        case .redirectLoop(let url): "redirect loop at \(url)"
        case .timedOut(let s): "timed out: no complete response within \(s) s"
        case .connectTimedOut(let s): "timed out: could not connect within \(s) s"
        case .stalled(let s): "timed out: nothing received for \(s) s"
        case .tooSlow(let rate, let s): "too slow: under \(ByteCountText.text(rate))/s for \(s) s"
        case .tooLarge(let limit): "response larger than \(ByteCountText.text(limit)) (cut)"
        case .blockedAddress(let host): "\(host) is a private or loopback address (not fetched from a public page)"
        case .unacceptableContentType(let t): "not a web page (\(t))"
        case .certificate(let m): "TLS certificate rejected: \(m)"
        case .tls(let m): "TLS handshake failed: \(m)"
        case .hostNotFound(let h): "host not found: \(h)"
        case .connection(let m): m
        case .cancelled: "cancelled"
        }
    }
}

/// Human byte counts for messages.
public enum ByteCountText {
    public static func text(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

/// The HTTP role the fetch service consumes; `CurlFetcher` is the live implementation.
public protocol HTTPFetching: Sendable {
    /// Performs one request (following at most the configured redirects) within the limits.
    func fetch(_ request: HTTPFetchRequest) async throws(HTTPFetchError) -> HTTPFetchResponse
    /// Requests it runs at once (the fetcher keeps about this many feeds in flight).
    var concurrency: Int { get }
}

extension HTTPFetching {
    public var concurrency: Int { 16 }
}
