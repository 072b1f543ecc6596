import Foundation

/// The bounds every request runs within (docs/fetch.md states the worst-case memory they imply).
public struct HTTPLimits: Sendable, Hashable {
    /// Largest decoded feed body.
    public var maxFeedBytes: Int = 10 << 20
    /// Largest decoded article page.
    public var maxPageBytes: Int = 5 << 20
    /// Seconds without a byte before a request fails (also bounds connecting).
    public var idleTimeout: Double = 30
    /// Seconds for a whole request, redirects included.
    public var totalTimeout: Double = 120
    /// Redirects followed before failing.
    public var maxRedirects: Int = 5
    /// Requests in flight.
    public var jobs: Int = 16
    /// Requests in flight to one host.
    public var perHost: Int = 2

    public init(maxFeedBytes: Int = 10 << 20, maxPageBytes: Int = 5 << 20, idleTimeout: Double = 30,
                totalTimeout: Double = 120, maxRedirects: Int = 5, jobs: Int = 16, perHost: Int = 2) {
        self.maxFeedBytes = maxFeedBytes; self.maxPageBytes = maxPageBytes; self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout; self.maxRedirects = maxRedirects
        self.jobs = max(1, jobs); self.perHost = max(1, perHost)
    }

    func maxBytes(for kind: ResourceKind) -> Int { kind == .feed ? maxFeedBytes : maxPageBytes }
}
