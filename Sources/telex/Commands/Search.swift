import ArgumentParser
import Foundation
import TelexStore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search titles, summaries and cached articles, best matches first.",
        discussion: """
        Words are matched whole, except the last which also matches as a prefix; all words must match. \
        Punctuation is safe (covid-19, C++). Exit status: 0 ok (even with no match), 1 no cache.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The words to search for.")
    var query: [String]

    @Option(help: ArgumentHelp("At most this many results (1...1000).", valueName: "n"))
    var limit = 50

    @Flag(help: "Print a JSON array of objects (id, title, link, feed, feed_url, section, published, sort_time, read, saved).")
    var json = false

    func validate() throws {
        guard !query.joined().trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("give some words to search for") }
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() throws {
        let store = try HeadlineOutput.openCache(global)
        try HeadlineOutput.reading {
            let results = try store.search(query.joined(separator: " "), limit: limit)
            try HeadlineOutput.print(results, store: store, json: json)
        }
    }
}
