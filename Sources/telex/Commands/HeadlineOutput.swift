import ArgumentParser
import Foundation
import TelexModel
import TelexStore

/// How `telex list` and `telex search` print rows: lines, one JSON array, or JSON Lines.
struct HeadlineFormatOptions: ParsableArguments {
    @Flag(help: "Print a JSON array of objects (id, title, link, feed, feed_url, section, author, published, sort_time, read, saved), streamed.")
    var json = false

    @Flag(help: "Print one JSON object a line (JSON Lines), same fields as --json.")
    var jsonl = false

    @Option(help: ArgumentHelp("Continue after this item id (keyset paging: pass the last id of the previous page).", valueName: "id"))
    var after: Int64?

    func validate() throws {
        if json && jsonl { throw ValidationError("--json and --jsonl are exclusive") }
    }
}

/// Prints headlines from the cache for `telex list` and `telex search`, row by row as they are read.
enum HeadlineOutput {
    /// Opens the cache read-only or exits 1 with the store's message.
    static func openCache(_ global: GlobalOptions) throws -> Store {
        do { return try Store.open(directory: global.cacheDirectory, readOnly: true) } catch {
            Output.error(error.description)
            throw ExitCode(ExitStatus.runtime)
        }
    }

    /// Runs a cache read, turning a store failure into its message and exit status 1.
    static func reading<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StoreError {
            Output.error(error.description)
            throw ExitCode(ExitStatus.runtime)
        }
    }

    /// The keyset position of `--after ID`, or exit 1 when the cache has no such item.
    static func cursor(after id: Int64?, store: Store) throws -> ListCursor? {
        guard let id else { return nil }
        guard let cursor = try reading({ try store.cursor(of: ItemID(id)) }) else {
            Output.error("no item \(id) in the cache (--after takes an id that telex list printed)")
            throw ExitCode(ExitStatus.runtime)
        }
        return cursor
    }

    /// Streams rows: `emit` is called once per row, `finish` once at the end.
    final class Printer {
        private let format: HeadlineFormatOptions
        private let writer = JSONWriter.standardOutput()
        private let idWidth: Int
        private let formatter: DateFormatter

        init(_ format: HeadlineFormatOptions, largestID: Int64) {
            self.format = format
            idWidth = String(largestID).count
            formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            if format.json { writer.begin(.array) } else if format.jsonl { writer.begin(.lines) }
        }

        func emit(_ item: ListedItem) {
            if format.json || format.jsonl {
                writer.element(HeadlineOutput.object(item))
                return
            }
            let h = item.headline
            let id = String(h.id.rawValue)
            let mark = h.isSaved ? "s" : (h.isRead ? " " : "*")
            Output.line(String(repeating: " ", count: max(0, idWidth - id.count)) + id + "  " + formatter.string(from: h.sortTime)
                        + " " + mark + " " + h.source + ": " + h.title)
        }

        func finish() {
            if format.json || format.jsonl { writer.end() }
        }
    }

    /// The JSON object of one row (docs/cli.md), keys in sorted order.
    static func object(_ item: ListedItem) -> JSONValue {
        let h = item.headline
        return .members(JSONMembers(keys: keys, values: [
            JSONValue(item.author), .string(h.source), .string(item.feedURL), .int(h.id.rawValue), JSONValue(h.link),
            .time(item.published), .bool(h.isRead), .bool(h.isSaved), JSONValue(item.section), .time(h.sortTime),
            .string(h.title),
        ]))
    }

    private static let keys = ["author", "feed", "feed_url", "id", "link", "published", "read", "saved", "section", "sort_time", "title"]
}
