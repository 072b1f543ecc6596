import ArgumentParser
import Foundation
import TelexModel
import TelexQuery
import TelexStore

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print headlines from the cache, newest first.",
        discussion: """
        Reads the cache only (no network). Each line: id (what `telex read` takes), time, a mark \
        (* unread, s saved), the feed and the title. Rows are streamed as they are read, in constant memory: \
        --limit 0 prints every item, and --after ID continues after the last id of a previous page. \
        Exit status: 0 ok, 1 no cache, unknown section/feed or --after item.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only this section (its name in feeds.json).", valueName: "name"))
    var section: String?

    @Option(help: ArgumentHelp("Only this feed (its URL in feeds.json).", valueName: "url"))
    var feed: String?

    @Flag(help: "Only unread items.")
    var unread = false

    @Option(help: ArgumentHelp("Only items matching this query (words, \"phrases\", title: feed: section: author: site: lang:, unread, saved, newer:2d, older:1w, /regex/, and or not, parentheses; docs/queries.md).", valueName: "query"))
    var query: String?

    @Option(help: ArgumentHelp("At most this many items; 0 for all.", valueName: "n"))
    var limit = 50

    @OptionGroup var format: HeadlineFormatOptions

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 (all) or more") }
        if let query { _ = try Self.parse(query) }
    }

    /// The query, or a usage error pointing at the column: the query, then a caret under the problem.
    static func parse(_ text: String, label: String = "--query") throws -> Query {
        do { return try QueryParser.parse(text) } catch {
            let caret = String(repeating: " ", count: max(0, error.column - 1)) + "^"
            throw ValidationError("\(label): \(error.description)\n  \(text)\n  \(caret)")
        }
    }

    func run() throws {
        let store = try HeadlineOutput.openCache(global)
        try HeadlineOutput.reading { try list(store) }
    }

    private func list(_ store: Store) throws {
        let scope = try resolveScope(store)
        let cursor = try HeadlineOutput.cursor(after: format.after, store: store)
        let printer = HeadlineOutput.Printer(format, largestID: try store.largestItemID())
        if let text = query {
            try store.forEachItem(scope, matching: try Self.parse(text), unreadOnly: unread, after: cursor,
                                  limit: limit == 0 ? nil : limit, printer.emit)
        } else {
            try store.forEachItem(scope, unreadOnly: unread, after: cursor, limit: limit == 0 ? nil : limit, printer.emit)
        }
        printer.finish()
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
