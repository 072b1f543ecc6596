import CCurl

/// A URL as libcurl parses it (the curl_url API). The fetcher checks the scheme, the host and the
/// port of exactly what libcurl will connect to: a second parser for the checks would let a URL that
/// the two read differently slip past them. Redirect targets are resolved against the current URL the
/// same way, so `Location: file:///etc/passwd` is a `file` URL (refused), never a path on this host.
struct CurlURL: Hashable, Sendable {
    /// The scheme, lower case.
    let scheme: String
    /// The host as libcurl resolves it: an IDN in punycode, an IPv6 literal in brackets.
    let host: String
    /// The port, the scheme's default when the URL has none.
    let port: Int
    /// The whole URL, normalised by libcurl (what is requested, and what a loop is detected on).
    let text: String

    /// Parses `text`, resolved against `base` when it is relative (a redirect's Location).
    static func parse(_ text: String, relativeTo base: String? = nil) -> Result<CurlURL, HTTPFetchError> {
        if let failure = telex_curl_load() { return .failure(.connection(String(cString: failure))) }
        guard let handle = telex_curl_url() else { return .failure(.connection("out of memory")) }
        defer { telex_curl_url_cleanup(handle) }
        // Any scheme parses (so that it can be named when refused); spaces in a Location are encoded.
        let flags = UInt32(CURLU_NON_SUPPORT_SCHEME) | UInt32(CURLU_URLENCODE) | UInt32(CURLU_ALLOW_SPACE)
        if let base {
            let code = telex_curl_url_set(handle, CURLUPART_URL, base, flags)
            guard code == CURLUE_OK else { return .failure(.invalidURL(message(code, base))) }
        }
        let code = telex_curl_url_set(handle, CURLUPART_URL, text, flags)
        guard code == CURLUE_OK else { return .failure(.invalidURL(message(code, text))) }
        guard let scheme = get(handle, CURLUPART_SCHEME, 0)?.lowercased() else { return .failure(.invalidURL("no scheme in \(text)")) }
        guard scheme == "http" || scheme == "https" else { return .failure(.unsupportedScheme(scheme)) }
        guard let host = get(handle, CURLUPART_HOST, UInt32(CURLU_PUNYCODE)), !host.isEmpty else {
            return .failure(.invalidURL("no host in \(text)"))
        }
        guard let portText = get(handle, CURLUPART_PORT, UInt32(CURLU_DEFAULT_PORT)), let port = Int(portText) else {
            return .failure(.invalidURL("no port in \(text)"))
        }
        guard let url = get(handle, CURLUPART_URL, UInt32(CURLU_PUNYCODE)) else { return .failure(.invalidURL(text)) }
        return .success(CurlURL(scheme: scheme, host: host, port: port, text: url))
    }

    /// The host without IPv6 brackets (how CURLOPT_RESOLVE names it, and how a resolver is asked).
    var bareHost: String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    private static func get(_ handle: OpaquePointer, _ part: CURLUPart, _ flags: UInt32) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard telex_curl_url_get(handle, part, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { telex_curl_free(value) }
        return String(cString: value)
    }

    private static func message(_ code: CURLUcode, _ text: String) -> String {
        switch code {
        case CURLUE_BAD_PORT_NUMBER: "the port is out of range (1 to 65535) in \(text)"
        case CURLUE_BAD_HOSTNAME, CURLUE_NO_HOST: "no valid host in \(text)"
        default: "\(String(cString: telex_curl_url_strerror(code))) (\(text))"
        }
    }
}
