/// Why a document yielded no feed at all: nothing recoverable, or a safety limit was hit.
public struct FeedParseError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case empty, notAFeed, tooLarge, entityExpansion, malformed
    }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }

    public var description: String { message }
}
