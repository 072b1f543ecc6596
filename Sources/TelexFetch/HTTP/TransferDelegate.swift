import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// The state of one request. After registration only the (serial) delegate queue touches it.
final class Transfer: @unchecked Sendable {
    let request: HTTPFetchRequest
    let maxBytes: Int
    let maxRedirects: Int
    var continuation: CheckedContinuation<Result<HTTPFetchResponse, HTTPFetchError>, Never>?
    var body: [UInt8] = []
    var response: HTTPURLResponse?
    var failure: HTTPFetchError?
    var redirects = 0
    var visited: Set<String>
    var allPermanent = true
    var permanentTarget: URL?

    init(request: HTTPFetchRequest, maxBytes: Int, maxRedirects: Int) {
        self.request = request; self.maxBytes = maxBytes; self.maxRedirects = maxRedirects
        visited = [request.url.absoluteString]
    }
}

/// Streams bodies, counting decoded bytes, and cancels a transfer at the first limit it crosses:
/// size (so an endless body or a gzip bomb stops at the limit), Content-Type of pages, redirects.
final class TransferDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let transfers = Mutex<[Int: Transfer]>([:])

    func register(_ id: Int, _ transfer: Transfer) { transfers.withLock { $0[id] = transfer } }
    private func transfer(_ task: URLSessionTask) -> Transfer? { transfers.withLock { $0[task.taskIdentifier] } }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let t = transfer(dataTask) else { completionHandler(.cancel); return }
        if let http = response as? HTTPURLResponse {
            t.response = http
            if http.expectedContentLength > Int64(t.maxBytes) {
                t.failure = .tooLarge(limit: t.maxBytes)
                completionHandler(.cancel); return
            }
            // Check the type before reading a page body: no PDFs or videos as articles.
            if t.request.kind == .page, (200..<300).contains(http.statusCode),
               let type = Self.header(http, "content-type"), !ContentTypes.isWebPage(type) {
                t.failure = .unacceptableContentType(type)
                completionHandler(.cancel); return
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let t = transfer(dataTask), t.failure == nil else { return }
        if t.body.count + data.count > t.maxBytes {
            t.failure = .tooLarge(limit: t.maxBytes)
            dataTask.cancel()
            return
        }
        t.body.append(contentsOf: data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        guard let t = transfer(task), let url = request.url else { completionHandler(nil); return }
        t.redirects += 1
        let scheme = url.scheme?.lowercased() ?? ""
        if t.redirects > t.maxRedirects {
            t.failure = .tooManyRedirects(t.maxRedirects)
        } else if t.visited.contains(url.absoluteString) {
            t.failure = .redirectLoop(url.absoluteString)
        } else if scheme != "http" && scheme != "https" {
            t.failure = .unsupportedScheme(scheme)
        } else if !t.request.allowPrivateAddresses, let host = url.host, AddressPolicy.isPrivate(host: host) {
            t.failure = .blockedAddress(host: host)
        }
        if t.failure != nil {
            // nil ends the task with the redirect response itself; the recorded failure wins.
            // (Cancelling here as well crashes corelibs' HTTPURLProtocol: a second callback.)
            completionHandler(nil)
            return
        }
        t.visited.insert(url.absoluteString)
        if t.allPermanent, response.statusCode == 301 || response.statusCode == 308 {
            t.permanentTarget = url
        } else {
            t.allPermanent = false
        }
        completionHandler(request)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let t = transfers.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        let result: Result<HTTPFetchResponse, HTTPFetchError>
        if let failure = t.failure {
            result = .failure(failure)
        } else if let error {
            result = .failure(Self.map(error, url: t.request.url))
        } else if let http = t.response {
            var headers: [String: String] = [:]
            for (k, v) in http.allHeaderFields {
                if let k = k as? String, let v = v as? String { headers[k.lowercased()] = v }
            }
            let final = http.url ?? task.currentRequest?.url ?? t.request.url
            result = .success(HTTPFetchResponse(status: http.statusCode, finalURL: final,
                                            permanentRedirect: t.allPermanent ? t.permanentTarget : nil,
                                            headers: headers, body: t.body))
        } else {
            result = .failure(.connection("no response"))
        }
        t.body = []
        t.continuation?.resume(returning: result)
        t.continuation = nil
    }

    static func header(_ response: HTTPURLResponse, _ name: String) -> String? {
        for (k, v) in response.allHeaderFields {
            if let k = k as? String, k.lowercased() == name { return v as? String }
        }
        return nil
    }

    static func map(_ error: Error, url: URL) -> HTTPFetchError {
        guard let e = error as? URLError else { return .connection(String(describing: error)) }
        switch e.code {
        case .cancelled: return .cancelled
        case .timedOut: return .timedOut
        case .cannotFindHost, .dnsLookupFailed: return .hostNotFound(url.host ?? "")
        case .cannotConnectToHost: return .connection("connection refused by \(url.host ?? "the server")")
        case .networkConnectionLost: return .connection("the connection was lost mid-response")
        case .httpTooManyRedirects: return .tooManyRedirects(5)
        case .serverCertificateUntrusted, .serverCertificateHasUnknownRoot, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .clientCertificateRejected, .clientCertificateRequired:
            return .certificate("the server's certificate is not trusted (\(e.localizedDescription))")
        case .secureConnectionFailed: return .certificate("the secure connection failed (\(e.localizedDescription))")
        default:
            // corelibs reports most libcurl TLS failures as code -1 with curl's message.
            let message = e.localizedDescription
            if message.contains("SSL certificate") || message.contains("certificate") {
                return .certificate("the server's certificate is not trusted (\(message))")
            }
            if message.contains("SSL") || message.contains("TLS") { return .certificate(message) }
            return .connection("network error \(e.code.rawValue): \(e.localizedDescription)")
        }
    }
}

/// Content-Type decisions.
public enum ContentTypes {
    /// HTML or XHTML (what an article page must be).
    public static func isWebPage(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return media.isEmpty || media == "text/html" || media == "application/xhtml+xml"
    }
}
