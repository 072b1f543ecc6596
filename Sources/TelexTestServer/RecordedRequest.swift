/// One request the fixture server received (tests assert on what the client sent).
public struct RecordedRequest: Sendable, Hashable {
    public var path: String
    /// Header names lowercased.
    public var headers: [String: String]
    /// "GET", "POST", "PUT"...
    public var method: String = "GET"
    /// The request body (empty for a GET).
    public var body: [UInt8] = []
    /// The query string as sent, without "?" (empty when none).
    public var query: String = ""
}

/// A request as a responder (`FixtureServer.setResponder`) sees it: the recorded request with its
/// query and form body decoded.
public struct FixtureRequest: Sendable {
    public var method: String
    public var path: String
    /// Header names lowercased.
    public var headers: [String: String]
    /// Query parameters in order (a name may repeat).
    public var query: [(name: String, value: String)]
    /// An `application/x-www-form-urlencoded` body's parameters in order (empty for other bodies).
    public var form: [(name: String, value: String)]
    public var body: [UInt8]

    init(_ r: RecordedRequest) {
        method = r.method; path = r.path; headers = r.headers; body = r.body
        query = Self.decode(r.query)
        form = (r.headers["content-type"] ?? "").hasPrefix("application/x-www-form-urlencoded") ? Self.decode(String(decoding: r.body, as: UTF8.self)) : []
    }

    /// The first value of `name` in the query, then in the form.
    public func parameter(_ name: String) -> String? {
        (query.first { $0.name == name } ?? form.first { $0.name == name })?.value
    }

    /// Every value of `name` in the query and the form.
    public func parameters(_ name: String) -> [String] {
        (query + form).filter { $0.name == name }.map(\.value)
    }

    /// `a=1&b=x+y`: pairs, "+" as a space, percent escapes decoded (HTML's form encoding).
    static func decode(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func unescape(_ s: Substring) -> String {
                let plus = s.replacingOccurrences(of: "+", with: " ")
                return plus.removingPercentEncoding ?? plus
            }
            return (unescape(parts[0]), parts.count > 1 ? unescape(parts[1]) : "")
        }
    }
}
