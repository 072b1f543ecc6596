import Foundation
import GRDB
import TelexModel
import TelexQuery

/// A query of the query language (`TelexQuery`) as an `ItemFilter` whose plans stay index searches.
///
/// - words, "phrases" and `title:` are FTS5 lookups (adjacent ones in an `and` become one MATCH);
/// - `feed:` and `section:` select ids from the small configuration tables (names and URLs, any case);
/// - `unread`, `saved`, `newer:`, `older:` are conditions on the list's own index walk;
/// - `lang:` compares the stored language (`item.lang`, a primary subtag), which has its own index by time;
/// - `author:`, `site:` and `/regex/` are tested on each candidate the index walk meets (no index can
///   answer them): cheap when other terms or the page size bound the walk, a walk over the whole scope
///   when they select few items.
public enum QueryCompiler {
    /// `counting`: for a COUNT, where the full-text terms may drive the plan (`ItemFilter.matching`).
    static func filter(_ query: Query, now: Date, counting: Bool = false) throws -> ItemFilter {
        func filter(_ query: Query, now: Date) throws -> ItemFilter { try Self.filter(query, now: now, counting: counting) }
        switch query {
        case .word, .phrase, .field(.title, _):
            return ItemFilter.matching(match(query), counting: counting)
        case .field(.feed, let value):
            return ItemFilter("item.feed_id IN (SELECT id FROM feed WHERE title LIKE ? OR feed_title LIKE ? OR url LIKE ?)",
                              [like(value), like(value), like(value)])
        case .field(.section, let value):
            return ItemFilter("item.section_id IN (SELECT id FROM section WHERE name LIKE ?)", [like(value)])
        case .field(.author, let value):
            return ItemFilter("item.author LIKE ?", [like(value)])
        case .field(.site, let value):
            let host = value.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "./"))
            return ItemFilter("(item.link_key LIKE ? OR item.link_key LIKE ?)", ["%://\(host)/%", "%://%.\(host)/%"])
        case .field(.lang, let value):
            return ItemFilter("item.lang = ?", [QueryMatcher.primaryLanguage(value)])
        case .unread: return .unread
        case .saved: return ItemFilter("item.saved = 1")
        case .newer(let seconds):
            return ItemFilter("item.sort_time >= ?", [StoreTime.milliseconds(now) - seconds * 1000])
        case .older(let seconds):
            return ItemFilter("item.sort_time < ?", [StoreTime.milliseconds(now) - seconds * 1000])
        case .titleRegex(let pattern):
            return ItemFilter("telex_title_regex(?, item.title)", [pattern])
        case .and:
            // Text terms of one `and` chain become one MATCH: one set of rowids instead of one per word.
            let parts = conjuncts(query)
            let text = parts.filter(isText)
            var filters = try parts.filter { !isText($0) }.map { try filter($0, now: now) }
            if !text.isEmpty { filters.insert(ItemFilter.matching(text.map(match).joined(separator: " AND "), counting: counting), at: 0) }
            return filters.dropFirst().reduce(filters[0]) { $0.and($1) }
        case .or(let a, let b):
            if isText(a) && isText(b) { return ItemFilter.matching("(\(match(a))) OR (\(match(b)))", counting: counting) }
            let (fa, fb) = (try filter(a, now: now), try filter(b, now: now))
            return ItemFilter("(\(fa.sql)) OR (\(fb.sql))", fa.arguments + fb.arguments)
        case .not(let inner):
            let f = try filter(inner, now: now)
            return ItemFilter("NOT (\(f.sql))", f.arguments)
        }
    }

    static func conjuncts(_ query: Query) -> [Query] {
        if case .and(let a, let b) = query { return conjuncts(a) + conjuncts(b) }
        return [query]
    }

    static func isText(_ query: Query) -> Bool {
        switch query {
        case .word, .phrase, .field(.title, _): return true
        case .or(let a, let b): return isText(a) && isText(b)
        default: return false
        }
    }

    /// The FTS5 expression of a text term: quoted (any input is safe), `title:` as a column filter.
    static func match(_ query: Query) -> String {
        switch query {
        case .word(let w): return quote(w)
        case .phrase(let p): return quote(p)
        case .field(.title, let v): return "title : " + quote(v)
        case .or(let a, let b): return "(\(match(a))) OR (\(match(b)))"
        default: return ""
        }
    }

    private static func quote(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    private static func like(_ value: String) -> String {
        "%" + value.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
    }

    /// `telex_title_regex(pattern, title)`: case-insensitive ICU search, patterns compiled once per connection.
    static let titleRegexFunction = DatabaseFunction("telex_title_regex", argumentCount: 2, pure: true) { values in
        guard let pattern = String.fromDatabaseValue(values[0]), let title = String.fromDatabaseValue(values[1]) else { return false }
        guard let regex = RegexCache.shared.regex(pattern) else { return false }
        return regex.firstMatch(in: title, range: NSRange(title.startIndex..., in: title)) != nil
    }
}

extension Store {
    /// Every item of a scope matching a query, newest first (see `forEachItem`).
    public func forEachItem(_ scope: ListScope, matching query: Query, now: Date = Date(), unreadOnly: Bool = false,
                            after cursor: ListCursor?, limit: Int?, _ body: (ListedItem) throws -> Void) throws {
        let filter = ItemFilter.scope(scope).and(try QueryCompiler.filter(query, now: now)).and(unreadOnly ? .unread : nil)
        try forEachItem(filter, after: cursor, limit: limit, body)
    }
}
