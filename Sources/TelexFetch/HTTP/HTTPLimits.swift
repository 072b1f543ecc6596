import Foundation
import TelexConfig

/// The bounds every request runs within (docs/fetch.md, "Limits", states what they imply for a pass
/// and for memory). Every one is enforced by the client, whatever the server does.
public struct HTTPLimits: Sendable, Hashable {
    /// Largest decoded feed body.
    public var maxFeedBytes: Int = 10 << 20
    /// Largest decoded article page.
    public var maxPageBytes: Int = 5 << 20
    /// Largest picture accepted (decoded transfer size; the decoder bounds the pixels).
    public var maxImageBytes: Int = 5 << 20
    /// Seconds to connect (name resolution included), and seconds without a byte before a request fails.
    public var idleTimeout: Double = 30
    /// Seconds for a whole request, redirects included.
    public var totalTimeout: Double = 60
    /// A transfer slower than this many bytes per second for `lowSpeedTime` seconds is abandoned (0: never).
    public var lowSpeedLimit: Int = 1024
    public var lowSpeedTime: Double = 20
    /// Redirects followed before failing.
    public var maxRedirects: Int = 5
    /// Requests in flight.
    public var jobs: Int = 16
    /// Requests in flight to one host.
    public var perHost: Int = 2

    public init(maxFeedBytes: Int = 10 << 20, maxPageBytes: Int = 5 << 20, idleTimeout: Double = 30,
                totalTimeout: Double = 60, lowSpeedLimit: Int = 1024, lowSpeedTime: Double = 20,
                maxRedirects: Int = 5, jobs: Int = 16, perHost: Int = 2) {
        self.maxFeedBytes = maxFeedBytes; self.maxPageBytes = maxPageBytes; self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout; self.lowSpeedLimit = max(0, lowSpeedLimit); self.lowSpeedTime = lowSpeedTime
        self.maxRedirects = maxRedirects
        self.jobs = max(1, jobs); self.perHost = max(1, perHost)
    }

    /// The limits feeds.json's settings give, with optional overrides of jobs and per-host (command line).
    public init(settings: Settings, jobs: Int? = nil, perHost: Int? = nil) {
        self.init(maxFeedBytes: settings.maxFeedBytes, maxPageBytes: settings.maxPageBytes,
                  idleTimeout: Double(settings.timeout), totalTimeout: Double(settings.totalTimeout),
                  lowSpeedLimit: settings.lowSpeedLimit, lowSpeedTime: Double(settings.lowSpeedTime),
                  jobs: jobs ?? settings.jobs, perHost: perHost ?? settings.perHost)
    }

    func maxBytes(for kind: ResourceKind) -> Int {
        switch kind {
        case .page: maxPageBytes
        case .image: maxImageBytes
        case .feed, .api: maxFeedBytes
        }
    }
}
