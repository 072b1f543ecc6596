import ArgumentParser
import Foundation
import TelexFeeds
import TelexModel

/// `telex parse`: one feed document through the parser, as JSON or a readable listing.
struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
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
            // One byte over the parser's limit, so that a larger document is refused as such, unread.
            bytes = try InputFile.bytes(file, limit: FeedParser.maxDocumentBytes + 1)
        } catch {
            Output.error("cannot read \(file): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        // As JSON, items are written as the parser reads them (a 100k-item feed is never in memory at once).
        let stream = json ? ParsedFeedJSON.Stream(to: .standardOutput()) : nil
        let feed: ParsedFeed
        do {
            feed = try FeedParser.parse(bytes, documentURL: url, contentType: contentType, charset: charset,
                                        eachItem: stream.map { stream in { stream.item($0) } })
        } catch {
            stream?.fail(error)
            Output.error("\(file): \(error.description)")
            throw ExitCode(ExitStatus.runtime)
        }
        if let stream { stream.finish(feed) } else { printListing(feed) }
    }

    private func printListing(_ feed: ParsedFeed) {
        Output.line("\(feed.title ?? "(untitled)")  [\(feed.format.rawValue)]")
        if let link = feed.link { Output.line(link) }
        if let description = feed.description, !description.isEmpty { Output.line(description) }
        Output.line("\(feed.items.count) items, read as \(feed.encoding.name) (\(feed.encodingSource.rawValue))")
        for item in feed.items {
            let date = item.published.map(JSONValue.iso8601) ?? "no date"
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

/// The stable JSON shape of `telex parse --json` (documented in docs/cli.md): `items` first, streamed one by
/// one as the parser reads them, then the feed's own fields, known once the whole document is read.
enum ParsedFeedJSON {
    /// One document being written: opened at the first item (or at the end), so a document refused before
    /// any item writes nothing to standard output.
    final class Stream {
        private let writer: JSONWriter
        private var opened = false

        init(to writer: JSONWriter) { self.writer = writer }

        func item(_ item: ParsedItem) {
            open()
            writer.element(ParsedFeedJSON.item(item))
        }

        func finish(_ feed: ParsedFeed) {
            open()
            writer.endDocument(ParsedFeedJSON.members(feed))
        }

        /// The parse stopped after some items were written: the document is closed with the error, so what
        /// was written stays valid JSON.
        func fail(_ error: FeedParseError) {
            guard opened else { return }
            writer.endDocument(["error": .string(error.description)])
        }

        private func open() {
            if !opened { opened = true; writer.beginDocument(streaming: "items") }
        }
    }

    static func members(_ feed: ParsedFeed) -> [String: JSONValue] {
        [
            "format": .string(feed.format.rawValue),
            "title": JSONValue(feed.title),
            "link": JSONValue(feed.link),
            "description": JSONValue(feed.description),
            "language": JSONValue(feed.language),
            "updated": .time(feed.updated),
            "image": JSONValue(feed.image),
            "ttl_minutes": JSONValue(feed.ttlMinutes),
            "encoding": .string(feed.encoding.name),
            "encoding_source": .string(feed.encodingSource.rawValue),
            "warnings": JSONValue(feed.warnings),
        ]
    }

    static func item(_ item: ParsedItem) -> JSONValue {
        [
            "id": .string(item.id),
            "title": .string(item.title),
            "link": JSONValue(item.link),
            "published": .time(item.published),
            "updated": .time(item.updated),
            "author": item.authors.isEmpty ? .null : .string(item.authors.joined(separator: ", ")),
            "authors": JSONValue(item.authors),
            "summary": JSONValue(item.summaryHTML.map(HTMLText.plainText)),
            "summary_html": JSONValue(item.summaryHTML),
            "content": JSONValue(item.contentHTML.map(HTMLText.plainText)),
            "content_html": JSONValue(item.contentHTML),
            "categories": JSONValue(item.categories),
            "enclosures": .array(item.enclosures.map { e -> JSONValue in
                ["url": .string(e.url), "type": JSONValue(e.type), "length": e.length.map { JSONValue.int(Int64($0)) } ?? .null]
            }),
            "comments": JSONValue(item.commentsURL),
            "image": JSONValue(item.imageURL),
        ]
    }
}
