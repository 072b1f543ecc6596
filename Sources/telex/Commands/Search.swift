import ArgumentParser
import Foundation
import TelexStore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search titles, summaries and cached articles, best matches first.",
        discussion: """
        Words are matched whole, except the last which also matches as a prefix; all words must match. \
        Punctuation is safe (covid-19, C++). The query language of telex list --query works here too \
        (docs/queries.md): "phrases", title:, or and not keep the ranking; any other term (feed:, unread, \
        newer:2d...) lists the matches newest first. The best --limit matches (at most 1000) are ranked by relevance; \
        with --limit 0 (every match) or --after ID, matches are streamed newest first instead, since only \
        that order has a position to resume from. Exit status: 0 ok (even with no match), 1 no cache or \
        unknown --after item.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The words to search for (or a query: docs/queries.md).")
    var query: [String]

    @Option(help: ArgumentHelp("At most this many results, ranked (1...1000); 0 for every match, newest first.", valueName: "n"))
    var limit = 50

    @OptionGroup var format: HeadlineFormatOptions

    func validate() throws {
        guard !query.joined().trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("give some words to search for") }
        _ = try List.parse(query.joined(separator: " "), label: "search")
        guard limit >= 0 else { throw ValidationError("--limit must be 0 (every match) or more") }
        if limit > 1000 && format.after == nil {
            throw ValidationError("--limit above 1000 is not ranked: use --limit 0 (every match, newest first) or --after")
        }
    }

    func run() throws {
        let store = try HeadlineOutput.openCache(global)
        let text = query.joined(separator: " ")
        let printer = HeadlineOutput.Printer(format, largestID: try HeadlineOutput.reading { try store.largestItemID() })
        try HeadlineOutput.reading {
            if limit == 0 || format.after != nil {
                let cursor = try HeadlineOutput.cursor(after: format.after, store: store)
                try store.forEachItem(.search(text), unreadOnly: false, after: cursor, limit: limit == 0 ? nil : limit, printer.emit)
            } else {
                for item in try store.listedItems(store.search(text, limit: limit).map(\.id)) { printer.emit(item) }
            }
        }
        printer.finish()
    }
}
