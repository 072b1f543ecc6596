import Foundation

/// A document the server serves with validators, optionally gzip-compressed.
public struct FixtureResource: Sendable {
    public var body: [UInt8]
    public var contentType: String
    /// Sent as `ETag` (quoted as given); `If-None-Match` equal to it gets a 304.
    public var etag: String?
    /// Sent as `Last-Modified`; `If-Modified-Since` equal to it gets a 304.
    public var lastModified: String?
    /// Extra headers (Cache-Control, Retry-After...).
    public var headers: [String: String]
    /// The body compressed once, when the resource is served gzip-encoded.
    let gzipped: [UInt8]?

    public init(body: [UInt8], contentType: String, etag: String? = nil, lastModified: String? = nil,
                gzip: Bool = false, headers: [String: String] = [:]) {
        self.body = body; self.contentType = contentType; self.etag = etag; self.lastModified = lastModified
        self.headers = headers
        self.gzipped = gzip ? Gzip.compress(body, level: 1) : nil
    }

    public init(text: String, contentType: String, etag: String? = nil, lastModified: String? = nil,
                gzip: Bool = false, headers: [String: String] = [:]) {
        self.init(body: Array(text.utf8), contentType: contentType, etag: etag, lastModified: lastModified,
                  gzip: gzip, headers: headers)
    }
}
