import Foundation

/// An item as a `hide` rule sees it when it is written (docs/queries.md, "Filters"): its title and its feed's
/// text as plain text, not its web page (fetched later, if at all).
public struct MatchableItem: Sendable {
    public var title: String
    /// The plain text of the feed's summary or content.
    public var body: String
    public var author: String?
    /// The item's normalised link (`site:` matches its host).
    public var link: String?
    /// The feed's configured title, its own title and its URL (`feed:` matches any of them).
    public var feedNames: [String]
    public var section: String?
    /// The language as the cache stores it (`Language`: a primary subtag such as `fr`), nil when unknown.
    public var lang: String?
    /// Published, else first seen (what lists sort by).
    public var sortTime: Date

    public init(title: String, body: String, author: String? = nil, link: String? = nil, feedNames: [String] = [],
                section: String? = nil, lang: String? = nil, sortTime: Date) {
        self.title = title; self.body = body; self.author = author; self.link = link; self.feedNames = feedNames
        self.section = section; self.lang = lang; self.sortTime = sortTime
    }
}

/// A query evaluated on one item in memory: the `hide` rules, which decide before an item is written, when the
/// search index does not hold it yet. Terms mean what they mean in a list (`QueryCompiler` in the store), as
/// far as an item's own fields allow: words and phrases match whole words of the title or the feed's text, any
/// case and accents; `feed:`, `section:`, `author:` contain the value, any case; `site:` is the link's host or a
/// subdomain of it; `/regex/` searches the title; `newer:` and `older:` compare the sort time with `now`.
/// `lang:` compares the language the feed declares or the script suggests (the page's is not known yet).
/// `unread` and `saved` cannot be decided there: `unsupportedTerm` names them for the configuration check.
public struct QueryMatcher: Sendable {
    public let query: Query

    public init(_ query: Query) { self.query = query }

    /// The first term a rule cannot use, as it would be written, or nil.
    public static func unsupportedTerm(_ query: Query) -> String? {
        switch query {
        case .unread: return "unread"
        case .saved: return "saved"
        case .and(let a, let b), .or(let a, let b): return unsupportedTerm(a) ?? unsupportedTerm(b)
        case .not(let inner): return unsupportedTerm(inner)
        default: return nil
        }
    }

    public func matches(_ item: MatchableItem, now: Date) -> Bool {
        var words = Words(item: item)
        return Self.matches(query, item, now, &words)
    }

    /// The item's words, split once and only when a term needs them.
    struct Words {
        let item: MatchableItem
        private var titleWords: [Substring]?
        private var bodyWords: [Substring]?
        init(item: MatchableItem) { self.item = item }
        mutating func title() -> [Substring] {
            if let titleWords { return titleWords }
            let words = QueryMatcher.words(item.title)
            titleWords = words
            return words
        }
        mutating func body() -> [Substring] {
            if let bodyWords { return bodyWords }
            let words = QueryMatcher.words(item.body)
            bodyWords = words
            return words
        }
    }

    private static func matches(_ query: Query, _ item: MatchableItem, _ now: Date, _ words: inout Words) -> Bool {
        switch query {
        case .word(let text), .phrase(let text):
            let wanted = Self.words(text)
            return contains(words.title(), wanted) || contains(words.body(), wanted)
        case .field(.title, let text):
            return contains(words.title(), Self.words(text))
        case .field(.feed, let value):
            return item.feedNames.contains { contains($0, value) }
        case .field(.section, let value):
            return item.section.map { contains($0, value) } ?? false
        case .field(.author, let value):
            return item.author.map { contains($0, value) } ?? false
        case .field(.site, let value):
            let site = value.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "./"))
            guard let host = item.link.flatMap({ URLComponents(string: $0)?.host?.lowercased() }) else { return false }
            return host == site || host.hasSuffix("." + site)
        case .field(.lang, let value):
            return item.lang != nil && item.lang == QueryMatcher.primaryLanguage(value)
        case .unread, .saved:
            return false
        case .newer(let seconds):
            return item.sortTime >= now.addingTimeInterval(-Double(seconds))
        case .older(let seconds):
            return item.sortTime < now.addingTimeInterval(-Double(seconds))
        case .titleRegex(let pattern):
            guard let regex = RegexCache.shared.regex(pattern) else { return false }
            return regex.firstMatch(in: item.title, range: NSRange(item.title.startIndex..., in: item.title)) != nil
        case .and(let a, let b):
            return matches(a, item, now, &words) && matches(b, item, now, &words)
        case .or(let a, let b):
            return matches(a, item, now, &words) || matches(b, item, now, &words)
        case .not(let inner):
            return !matches(inner, item, now, &words)
        }
    }

    /// The primary subtag `lang:` compares, lower case (`lang:fr-CA` is `fr`); TelexModel's `Language.primary`
    /// for the stored side (this module imports nothing).
    public static func primaryLanguage(_ value: String) -> String {
        String(value.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "").lowercased()
    }

    /// `value` inside `text`, any case (as SQL's LIKE '%value%' in the lists, beyond ASCII too).
    private static func contains(_ text: String, _ value: String) -> Bool {
        text.range(of: value, options: [.caseInsensitive]) != nil
    }

    /// Whether `wanted` occurs as consecutive words of `words` (an empty `wanted` matches nothing).
    private static func contains(_ words: [Substring], _ wanted: [Substring]) -> Bool {
        guard !wanted.isEmpty, words.count >= wanted.count else { return false }
        for start in 0...(words.count - wanted.count) where words[start] == wanted[0] {
            if (1..<wanted.count).allSatisfy({ words[start + $0] == wanted[$0] }) { return true }
        }
        return false
    }

    /// Words as the search index makes them (`unicode61 remove_diacritics 2`): runs of letters and digits,
    /// lower case, accents removed.
    public static func words(_ text: String) -> [Substring] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return folded.split { character in
            !character.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        }
    }
}
