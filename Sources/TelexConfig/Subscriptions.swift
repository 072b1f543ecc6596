import Foundation
import TelexModel

/// The feeds a configuration already follows, compared the way `telex add` and `telex import` must:
/// by URL identity (`FeedURL.identityKey`), and through the permanent redirects the cache learnt
/// (a feed that moved is still the same subscription under its old and its new address).
public struct Subscriptions: Sendable {
    public struct Entry: Sendable, Hashable {
        public var section: String
        public var feed: FeedConfig
        public var position: FeedsJSONEdit.Position
    }

    public let configuration: Configuration
    private var byKey: [String: Entry] = [:]

    /// `redirects` maps configured feed URLs to the addresses they permanently moved to.
    public init(_ configuration: Configuration, redirects: [String: String] = [:]) {
        self.configuration = configuration
        for (si, section) in configuration.sections.enumerated() {
            for (fi, feed) in section.feeds.enumerated() {
                let entry = Entry(section: section.name, feed: feed, position: FeedsJSONEdit.Position(section: si, feed: fi))
                for url in [feed.url, redirects[feed.url]].compactMap({ $0 }) where byKey[FeedURL.identityKey(url)] == nil {
                    byKey[FeedURL.identityKey(url)] = entry
                }
            }
        }
    }

    /// The subscription `url` already is, if any.
    public func existing(_ url: String) -> Entry? { byKey[FeedURL.identityKey(url)] }

    /// The section a name refers to (compared without case), if it exists.
    public func section(named name: String) -> String? {
        configuration.sections.first { $0.name.caseInsensitiveEquals(name) }?.name
    }

    /// What a user may type to name a feed.
    public enum Lookup: Sendable, Hashable {
        case found(Entry)
        case none
        /// Several feeds answer to the name: the user must give a URL.
        case ambiguous([Entry])
    }

    /// The feed `query` names: its URL (any spelling of it), else its configured title, else the
    /// feed's own title as the cache knows it (`feedTitles`, by configured URL), compared without case.
    public func find(_ query: String, feedTitles: [String: String] = [:]) -> Lookup {
        let trimmed = query.trimmingWhitespace()
        if let entry = existing(trimmed) { return .found(entry) }
        let all = configuration.sections.enumerated().flatMap { si, section in
            section.feeds.enumerated().map { fi, feed in
                Entry(section: section.name, feed: feed, position: FeedsJSONEdit.Position(section: si, feed: fi))
            }
        }
        let key = trimmed.lowercased()
        let titleSources: [(Entry) -> String?] = [{ $0.feed.title }, { feedTitles[$0.feed.url] }]
        for title in titleSources {
            let matches = all.filter { title($0)?.trimmingWhitespace().lowercased() == key }
            if matches.count == 1 { return .found(matches[0]) }
            if matches.count > 1 { return .ambiguous(matches) }
        }
        return .none
    }
}

/// A subscription read from elsewhere (an OPML file): its folder, URL and title.
public struct SubscriptionEntry: Sendable, Hashable {
    /// The innermost named folder, nil at the top level.
    public var folder: String?
    public var url: String
    public var title: String?
    public init(folder: String?, url: String, title: String?) { self.folder = folder; self.url = url; self.title = title }
}

/// What importing a list of subscriptions into a configuration does, decided before anything is written
/// (`telex import --dry-run` prints it as it is).
public struct ImportPlan: Sendable, Hashable {
    public struct Addition: Sendable, Hashable {
        public var section: String
        public var feed: FeedsJSONEdit.NewFeed
        /// The section does not exist yet: the import creates it.
        public var newSection: Bool
    }
    public struct Duplicate: Sendable, Hashable {
        public var url: String
        public var title: String?
        /// Where the feed already is ("World", or "this file" for a repeat within the imported list).
        public var existingSection: String
    }
    public struct Refusal: Sendable, Hashable {
        public var url: String
        public var reason: String
    }

    public var additions: [Addition] = []
    public var duplicates: [Duplicate] = []
    public var refused: [Refusal] = []

    /// The sections that receive feeds, in the order they are written.
    public var sections: [String] {
        var seen: Set<String> = []
        return additions.map(\.section).filter { seen.insert($0.lowercased()).inserted }
    }

    public var newSections: [String] {
        var seen: Set<String> = []
        return additions.filter(\.newSection).map(\.section).filter { seen.insert($0.lowercased()).inserted }
    }

    /// Plans the import of `entries`: each goes to its folder's section (an existing section of that name,
    /// compared without case, else a new one), top-level entries to `defaultSection`; feeds already
    /// subscribed and repeats are skipped, URLs telex does not fetch are refused.
    public init(entries: [SubscriptionEntry], into subscriptions: Subscriptions, defaultSection: String) {
        var planned: [String: String] = [:]  // identity key → section, for repeats within the list
        var sectionNames: [String: String] = [:]  // lowercased → spelling used
        for entry in entries {
            if let problem = FeedURL.problem(entry.url) {
                refused.append(Refusal(url: entry.url, reason: problem))
                continue
            }
            let url = entry.url.trimmingWhitespace()
            if let existing = subscriptions.existing(url) {
                duplicates.append(Duplicate(url: url, title: entry.title, existingSection: existing.section))
                continue
            }
            let key = FeedURL.identityKey(url)
            if let section = planned[key] {
                duplicates.append(Duplicate(url: url, title: entry.title, existingSection: section))
                continue
            }
            let wanted = SubscriptionText.clean(entry.folder ?? "").isEmpty ? defaultSection : SubscriptionText.clean(entry.folder!)
            let section = subscriptions.section(named: wanted) ?? sectionNames[wanted.lowercased()] ?? wanted
            sectionNames[wanted.lowercased()] = section
            planned[key] = section
            additions.append(Addition(section: section, feed: FeedsJSONEdit.NewFeed(url: url, title: entry.title),
                                      newSection: subscriptions.section(named: section) == nil))
        }
    }

    /// Writes the additions: existing sections get their new feeds at their end, new sections follow the
    /// last one, in the order the list names them.
    public func apply(to edit: inout FeedsJSONEdit) {
        for section in sections {
            edit.append(additions.filter { $0.section.caseInsensitiveEquals(section) }.map(\.feed), toSection: section)
        }
    }
}

/// Names and titles from outside (OPML, a prompt) as feeds.json keeps them.
public enum SubscriptionText {
    /// Longest title or section name kept, in characters.
    public static let maximumLength = 200

    /// Control characters dropped, runs of white space made one space, trimmed, cut to `maximumLength`.
    public static func clean(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        var count = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
            // Bidirectional overrides and isolates could reorder what a terminal shows around the name.
            if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) { continue }
            if pendingSpace { out.unicodeScalars.append(" "); count += 1; pendingSpace = false }
            out.unicodeScalars.append(scalar)
            count += 1
            if count >= maximumLength * 2 { break }
        }
        if out.count > maximumLength { out = String(out.prefix(maximumLength - 1)) + "…" }
        return out
    }
}
