import ArgumentParser
import Foundation
import TelexFeeds

/// `telex parse`: one feed document through the parser, as JSON or a readable listing.
struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse a feed file (RSS, Atom or JSON Feed) and print what telex reads from it.",
        discussion: "Reads FILE, or standard input for '-'. Exit status: 0 parsed (warnings included), 1 nothing recoverable or unreadable file, 64 usage.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The feed document, or - for standard input.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The document's URL, the base for relative links.", valueName: "url"))
    var url: String?

    @Option(name: .customLong("content-type"), help: ArgumentHelp("The HTTP Content-Type (its charset is used).", valueName: "type"))
    var contentType: String?

    @Option(help: ArgumentHelp("The charset the transport names (as an HTTP charset: after a byte order mark, before the document's own declaration); overrides --content-type's.", valueName: "label"))
    var charset: String?

    @Flag(help: "Print as JSON.")
    var json = false

    func run() throws {
        let bytes: [UInt8]
        do {
            if file == "-" {
                bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            } else {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            }
        } catch {
            Output.error("cannot read \(file): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.runtime)
        }
        let feed: ParsedFeed
        do {
            feed = try FeedParser.parse(bytes, documentURL: url, contentType: contentType, charset: charset)
        } catch {
            Output.error("\(file): \(error.description)")
            throw ExitCode(ExitStatus.runtime)
        }
        if json { Output.json(ParsedFeedJSON.object(feed)) } else { printListing(feed) }
    }

    private func printListing(_ feed: ParsedFeed) {
        Output.line("\(feed.title ?? "(untitled)")  [\(feed.format.rawValue)]")
        if let link = feed.link { Output.line(link) }
        if let description = feed.description, !description.isEmpty { Output.line(description) }
        Output.line("\(feed.items.count) items, read as \(feed.encoding.name) (\(feed.encodingSource.rawValue))")
        for item in feed.items {
            let date = item.published.map(ParsedFeedJSON.iso8601) ?? "no date"
            Output.line("")
            Output.line("* \(item.title.isEmpty ? "(untitled)" : item.title)")
            Output.line("  \(date)" + (item.authors.isEmpty ? "" : "  by \(item.authors.joined(separator: ", "))"))
            if let link = item.link { Output.line("  \(link)") }
            if let summary = (item.summaryHTML ?? item.contentHTML).map(HTMLText.plainText), !summary.isEmpty {
                Output.line("  " + (summary.count > 200 ? String(summary.prefix(199)) + "…" : summary))
            }
        }
        for warning in feed.warnings { Output.line("warning: \(warning)") }
    }
}

/// The stable JSON shape of `telex parse --json` (documented in docs/feeds.md).
enum ParsedFeedJSON {
    static func object(_ feed: ParsedFeed) -> [String: Any] {
        [
            "format": feed.format.rawValue,
            "title": feed.title ?? NSNull(),
            "link": feed.link ?? NSNull(),
            "description": feed.description ?? NSNull(),
            "language": feed.language ?? NSNull(),
            "updated": feed.updated.map(iso8601) ?? NSNull(),
            "image": feed.image ?? NSNull(),
            "ttl_minutes": feed.ttlMinutes ?? NSNull(),
            "encoding": feed.encoding.name,
            "encoding_source": feed.encodingSource.rawValue,
            "warnings": feed.warnings,
            "items": feed.items.map(item),
        ]
    }

    static func item(_ item: ParsedItem) -> [String: Any] {
        [
            "id": item.id,
            "title": item.title,
            "link": item.link ?? NSNull(),
            "published": item.published.map(iso8601) ?? NSNull(),
            "updated": item.updated.map(iso8601) ?? NSNull(),
            "author": item.authors.isEmpty ? NSNull() : item.authors.joined(separator: ", "),
            "authors": item.authors,
            "summary": item.summaryHTML.map(HTMLText.plainText) ?? NSNull(),
            "summary_html": item.summaryHTML ?? NSNull(),
            "content": item.contentHTML.map(HTMLText.plainText) ?? NSNull(),
            "content_html": item.contentHTML ?? NSNull(),
            "categories": item.categories,
            "enclosures": item.enclosures.map { e -> [String: Any] in
                ["url": e.url, "type": e.type ?? NSNull(), "length": e.length.map { NSNumber(value: $0) } ?? NSNull()]
            },
            "comments": item.commentsURL ?? NSNull(),
            "image": item.imageURL ?? NSNull(),
        ]
    }

    /// ISO 8601 in UTC with a Z, seconds precision.
    static func iso8601(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
