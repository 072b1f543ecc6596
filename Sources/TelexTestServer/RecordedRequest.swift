/// One request the fixture server received (tests assert on what the client sent).
public struct RecordedRequest: Sendable, Hashable {
    public var path: String
    /// Header names lowercased.
    public var headers: [String: String]
    /// "GET", "POST", "PUT"...
    public var method: String = "GET"
    /// The request body (empty for a GET).
    public var body: [UInt8] = []
}
