import Foundation
import TelexFetch

/// Text helpers every HTTP API client uses: form encoding, and the few words that describe an answer
/// that is not what the protocol says (never its bytes: they may be anything).
enum APIText {
    /// `application/x-www-form-urlencoded` (WHATWG URL: only ASCII alphanumerics and `*-._` stay as they are),
    /// for form bodies and query strings alike.
    static func formEncoded(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "*-._")
        func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    /// "text/html, 1234 bytes".
    static func describe(_ response: HTTPFetchResponse) -> String {
        "\(response.contentType ?? "no content type"), \(response.body.count) bytes"
    }
}
