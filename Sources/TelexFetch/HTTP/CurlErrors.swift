#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCurl

/// libcurl's result codes in plain words, as `HTTPFetchError`s. Guards of our own (sizes, types,
/// addresses, idle time, cancellation) never get here: they are recorded by the transfer first.
enum CurlErrors {
    static func map(_ hop: CurlTransfer.Outcome, host: String, limits: HTTPLimits, pastDeadline: Bool) -> HTTPFetchError {
        let detail = hop.message.isEmpty ? String(cString: telex_curl_easy_strerror(hop.code)) : hop.message
        switch hop.code {
        case CURLE_OPERATION_TIMEDOUT:
            if detail.contains("too slow") {
                return .tooSlow(bytesPerSecond: limits.lowSpeedLimit, seconds: Int(limits.lowSpeedTime.rounded()))
            }
            if !pastDeadline && !hop.connected { return .connectTimedOut(seconds: Int(limits.idleTimeout.rounded())) }
            return .timedOut(seconds: Int(limits.totalTimeout.rounded()))
        case CURLE_COULDNT_RESOLVE_HOST:
            return .hostNotFound(host)
        case CURLE_COULDNT_CONNECT:
            switch hop.osErrno {
            case ECONNREFUSED: return .connection("connection refused by \(host)")
            case ENETUNREACH, EHOSTUNREACH: return .connection("\(host) is unreachable (no route)")
            default: return .connection("could not connect to \(host): \(detail)")
            }
        case CURLE_PEER_FAILED_VERIFICATION:
            return .certificate(plainCertificateProblem(detail))
        case CURLE_SSL_CACERT_BADFILE:
            return .certificate("the trusted authorities could not be read (\(detail))")
        case CURLE_SSL_CONNECT_ERROR:
            // OpenSSL reports some verification failures here too.
            return detail.contains("certificate") ? .certificate(plainCertificateProblem(detail)) : .tls(detail)
        case CURLE_GOT_NOTHING:
            return .connection("the server closed the connection without answering")
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            return .connection("the connection was lost mid-response (\(detail))")
        case CURLE_BAD_CONTENT_ENCODING:
            return .connection("the response's compression is corrupt (\(detail))")
        case CURLE_WEIRD_SERVER_REPLY:
            return .connection("the server's reply is not HTTP (\(detail))")
        case CURLE_URL_MALFORMAT:
            return .invalidURL(detail)
        default:
            return .connection("network error: \(detail)")
        }
    }

    /// OpenSSL's verification messages ("SSL certificate problem: unable to get local issuer
    /// certificate") as a reader would say them.
    static func plainCertificateProblem(_ detail: String) -> String {
        let lower = detail.lowercased()
        if lower.contains("expired") { return "the server's certificate has expired (\(detail))" }
        if lower.contains("not yet valid") { return "the server's certificate is not valid yet (\(detail))" }
        if lower.contains("subject name") || lower.contains("does not match") || lower.contains("no alternative certificate") {
            return "the certificate is for another host name (\(detail))"
        }
        if lower.contains("self-signed") || lower.contains("self signed") || lower.contains("issuer") || lower.contains("unknown ca") {
            return "the server's certificate is not trusted: it is not signed by an authority this machine trusts (\(detail))"
        }
        return "the server's certificate is not trusted (\(detail))"
    }
}
