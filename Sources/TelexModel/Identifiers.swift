/// Row identifiers of the cache, typed so a feed id is never passed where an item id is expected.
public struct SectionID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "section:\(rawValue)" }
}

public struct FeedID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "feed:\(rawValue)" }
}

public struct ItemID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "item:\(rawValue)" }
}

public struct ArticleID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "article:\(rawValue)" }
}

/// A saved query section of feeds.json (`"queries"`), as the cache mirrors it: stable across reloads
/// while its name stays.
public struct SavedQueryID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "query:\(rawValue)" }
}
