import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// Turns a route into a response.
struct FixtureHandler: HTTPHandler {
    let server: FixtureServer

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        // Request bodies are small here (account API calls); reading it records it for the tests.
        let body = request.method == .GET ? [] : [UInt8]((try? await request.bodyData) ?? Data())
        let (route, latency) = server.route(for: request, body: body)
        server.begin()
        defer { server.end() }
        if latency > .zero { try await Task.sleep(for: latency) }
        guard let route else { return HTTPResponse(statusCode: .notFound, body: Data("not found\n".utf8)) }
        switch route {
        case .resource(let resource):
            return Self.respond(resource, to: request)
        case .redirect(let location, let permanent):
            return HTTPResponse(statusCode: permanent ? .movedPermanently : .found, headers: [.location: location])
        case .status(let code, let headers, let body):
            var h = HTTPHeaders()
            for (k, v) in headers { h[HTTPHeader(k)] = v }
            return HTTPResponse(statusCode: HTTPStatusCode(code, phrase: Self.phrase(code)), headers: h, body: Data(body.utf8))
        case .stall(let seconds):
            try await Task.sleep(for: .seconds(seconds))
            return HTTPResponse(statusCode: .ok)
        case .endless(let contentType):
            return HTTPResponse(statusCode: .ok, headers: [.contentType: contentType],
                                body: HTTPBodySequence(from: EndlessBody(), suggestedBufferSize: 1 << 16))
        case .drip(let interval, let contentType):
            return HTTPResponse(statusCode: .ok, headers: [.contentType: contentType],
                                body: HTTPBodySequence(from: DripBody(interval: interval), suggestedBufferSize: 1))
        case .gzipBomb(let inflated):
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/rss+xml", .contentEncoding: "gzip"],
                                body: Data(GzipBombCache.bomb(inflatedBytes: inflated)))
        case .hugeHeaders(let bytes):
            var h = HTTPHeaders()
            let line = String(repeating: "x", count: 1000)
            for i in 0..<max(1, bytes / 1000) { h[HTTPHeader("X-Padding-\(i)")] = line }
            h[.contentType] = "application/rss+xml"
            return HTTPResponse(statusCode: .ok, headers: h, body: Data("<rss/>".utf8))
        }
    }

    static func respond(_ resource: FixtureResource, to request: HTTPRequest) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let etag = resource.etag { headers[.eTag] = etag }
        if let lastModified = resource.lastModified { headers[.lastModified] = lastModified }
        for (k, v) in resource.headers { headers[HTTPHeader(k)] = v }
        // RFC 9110 §13.1.2: If-None-Match takes precedence over If-Modified-Since.
        if let inm = request.headers[.ifNoneMatch], let etag = resource.etag {
            if inm.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0 == "*" }) {
                return HTTPResponse(statusCode: .notModified, headers: headers)
            }
        } else if let ims = request.headers[.ifModifiedSince], let lm = resource.lastModified, ims == lm {
            return HTTPResponse(statusCode: .notModified, headers: headers)
        }
        headers[.contentType] = resource.contentType
        let acceptsGzip = (request.headers[HTTPHeader("Accept-Encoding")] ?? "").contains("gzip")
        if let gz = resource.gzipped, acceptsGzip {
            headers[.contentEncoding] = "gzip"
            return HTTPResponse(statusCode: .ok, headers: headers, body: Self.body(gz))
        }
        return HTTPResponse(statusCode: .ok, headers: headers, body: Self.body(resource.body))
    }

    /// Large writes: FlyingFox's default 4 KiB chunks cost a syscall and a poll round per 4 KiB.
    static func body(_ bytes: [UInt8]) -> HTTPBodySequence {
        HTTPBodySequence(data: Data(bytes), suggestedBufferSize: 1 << 18)
    }

    static func phrase(_ code: Int) -> String {
        switch code {
        case 200: "OK"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// Bombs are built once per size (a few milliseconds even for 1 GiB: see `Gzip.zeros`).
enum GzipBombCache {
    private static let cache = Mutex<[Int: [UInt8]]>([:])
    static func bomb(inflatedBytes: Int) -> [UInt8] {
        if let b = cache.withLock({ $0[inflatedBytes] }) { return b }
        let b = Gzip.zeros(count: inflatedBytes)
        cache.withLock { $0[inflatedBytes] = b }
        return b
    }
}
