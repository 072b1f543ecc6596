import Foundation

/// What the fixture server does for one path: a document, a redirect, an error or a hostile behaviour.
public enum FixtureRoute: Sendable {
    /// A document with validators (304 on a matching conditional request), gzip when it has one.
    case resource(FixtureResource)
    /// A redirect to `location` (absolute, or a path on this server); 301 when permanent, else 302.
    case redirect(to: String, permanent: Bool)
    /// Any status with headers and a body (404, 410, 429 with Retry-After, 500...).
    case status(Int, headers: [String: String] = [:], body: String = "")
    /// Accepts the request and answers nothing for `seconds` (a stalled server), then an empty 200.
    case stall(seconds: Double)
    /// Headers at once, then body bytes forever (chunked).
    case endless(contentType: String)
    /// Headers at once, then one body byte every `every`, forever (a slow-drip server).
    case drip(every: Duration, contentType: String)
    /// A gzip body that inflates to `inflatedBytes` zeros (1 GiB from about 1 MB), made on the fly.
    case gzipBomb(inflatedBytes: Int)
    /// A 200 whose header block is about `bytes` long.
    case hugeHeaders(bytes: Int)
}
