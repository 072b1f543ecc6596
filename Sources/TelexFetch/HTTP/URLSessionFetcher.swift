import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The live `HTTPFetching`: the toolchain's URLSession (libcurl underneath: connection reuse,
/// HTTP/2, gzip/deflate/br decoding), with our limits enforced by a streaming delegate.
/// docs/fetch.md explains the choice over AsyncHTTPClient.
public final class URLSessionFetcher: HTTPFetching {
    public let limits: HTTPLimits
    public var concurrency: Int { limits.jobs }
    public let userAgent: String
    private let session: URLSession
    private let limiter: ConcurrencyLimiter

    public init(limits: HTTPLimits = HTTPLimits(), userAgent: String = TelexFetchModule.userAgent) {
        self.limits = limits
        self.userAgent = userAgent
        limiter = ConcurrencyLimiter(global: limits.jobs, perHost: limits.perHost)
        let config = URLSessionConfiguration.ephemeral
        config.urlCache = nil  // conditional GET is ours; a cache would answer 304s for us
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.httpCookieStorage = nil
        config.httpShouldSetCookies = false
        config.timeoutIntervalForRequest = limits.idleTimeout
        config.timeoutIntervalForResource = limits.totalTimeout
        config.httpMaximumConnectionsPerHost = limits.perHost
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1  // delegate callbacks of one task never overlap
        session = URLSession(configuration: config, delegate: TransferDelegate(), delegateQueue: queue)
    }

    deinit { session.invalidateAndCancel() }

    public func fetch(_ request: HTTPFetchRequest) async throws(HTTPFetchError) -> HTTPFetchResponse {
        let scheme = request.url.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else { throw .unsupportedScheme(scheme) }
        guard let host = request.url.host?.lowercased(), !host.isEmpty else { throw .connection("the URL has no host") }
        if !request.allowPrivateAddresses, AddressPolicy.isPrivate(host: host) { throw .blockedAddress(host: host) }
        if Task.isCancelled { throw .cancelled }
        await limiter.acquire(host: host)
        let result = await perform(request)
        await limiter.release(host: host)
        return try result.get()
    }

    private func perform(_ request: HTTPFetchRequest) async -> Result<HTTPFetchResponse, HTTPFetchError> {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData,
                                    timeoutInterval: limits.idleTimeout)
        urlRequest.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        urlRequest.setValue(request.kind == .feed ? Self.feedAccept : Self.pageAccept, forHTTPHeaderField: "Accept")
        if let etag = request.etag { urlRequest.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified = request.lastModified { urlRequest.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        let task = session.dataTask(with: urlRequest)
        let transfer = Transfer(request: request, maxBytes: limits.maxBytes(for: request.kind), maxRedirects: limits.maxRedirects)
        guard let delegate = session.delegate as? TransferDelegate else { return .failure(.connection("no session delegate")) }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                delegate.register(task.taskIdentifier, transfer)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    static let feedAccept = "application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
    static let pageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
}
