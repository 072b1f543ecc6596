import ArgumentParser
import Foundation
import TelexModel
import TelexStore

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print headlines from the cache, newest first.",
        discussion: """
        Reads the cache only (no network). Each line: id (what `telex read` takes), time, a mark \
        (* unread, s saved), the feed and the title. Exit status: 0 ok, 1 no cache or unknown section/feed.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only this section (its name in feeds.json).", valueName: "name"))
    var section: String?

    @Option(help: ArgumentHelp("Only this feed (its URL in feeds.json).", valueName: "url"))
    var feed: String?

    @Flag(help: "Only unread items.")
    var unread = false

    @Option(help: ArgumentHelp("At most this many items (1...10000).", valueName: "n"))
    var limit = 50

    @Flag(help: "Print a JSON array of objects (id, title, link, feed, feed_url, section, published, sort_time, read, saved).")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
    }

    func run() throws {
        let store = try HeadlineOutput.openCache(global)
        try HeadlineOutput.reading { try list(store) }
    }

    private func list(_ store: Store) throws {
        let scope = try resolveScope(store)
        var headlines: [Headline] = []
        var cursor: ListCursor? = nil
        while headlines.count < limit {
            let page = try store.headlines(scope, unreadOnly: unread, after: cursor, limit: min(500, limit - headlines.count))
            headlines += page
            guard let last = page.last else { break }
            cursor = ListCursor(sortTime: last.sortTime, id: last.id)
        }
        try HeadlineOutput.print(headlines, store: store, json: json)
    }

    private func resolveScope(_ store: Store) throws -> ListScope {
        let sections = try store.sections()
        var candidates = sections
        if let section {
            let exact = sections.filter { $0.name == section }
            candidates = exact.isEmpty ? sections.filter { $0.name.lowercased() == section.lowercased() } : exact
            if candidates.isEmpty {
                Output.error("no section named \"\(section)\" in the cache (sections: \(sections.map(\.name).joined(separator: ", ")))")
                throw ExitCode(ExitStatus.runtime)
            }
        }
        if let feed {
            let key = URLNormalizer.normalize(feed)
            let feeds = candidates.flatMap(\.feeds)
            guard let match = feeds.first(where: { $0.url == feed }) ?? feeds.first(where: { URLNormalizer.normalize($0.url) == key }) else {
                Output.error("no feed \(feed) in the cache" + (section.map { " under section \"\($0)\"" } ?? ""))
                throw ExitCode(ExitStatus.runtime)
            }
            return .feed(match.id)
        }
        if section != nil { return .section(candidates[0].id) }
        return unread ? .unread : .all
    }
}
