import Foundation

/// A parsed query of the news desk's query language (docs/queries.md): typed, never SQL text.
public indirect enum Query: Equatable, Sendable {
    /// A word matched in the full text (title, summary, article), as search matches words.
    case word(String)
    /// Words in this order, next to each other, in the full text.
    case phrase(String)
    /// `title:`, `feed:`, `section:`, `author:`, `site:`, `lang:` with their value.
    case field(QueryField, String)
    case unread
    case saved
    /// Items sorted (published, or first seen) within the last / before the last so many seconds.
    case newer(seconds: Int64)
    case older(seconds: Int64)
    /// An ICU regular expression matched against titles (case-insensitive).
    case titleRegex(String)
    case and(Query, Query)
    case or(Query, Query)
    case not(Query)
}

/// The fields a term can name (`title:word`).
public enum QueryField: String, CaseIterable, Sendable {
    case title, feed, section, author, site, lang
}

/// Why a query does not parse, with the 1-based column (in characters) where the problem is.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int
    public init(_ message: String, column: Int) { self.message = message; self.column = column }
    public var description: String { "column \(column): \(message)" }
}
