import ArgumentParser
import Foundation
import TelexArticles
import TelexModel
import TelexScreen

/// `telex extract`: the main story of a saved page, as JSON or laid out as the reading view shows it.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the story of a saved web page (a file or - for stdin).",
        discussion: """
        Prints the story as JSON (--json) or laid out as the reading view would show it (--text, the default). \
        Fetching is the fetch service's job: for an http(s) address use `telex read --fetch URL`.
        Exit status: 0 ok, 1 when the input cannot be read, 64 on usage errors.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The page: a file path, file:// URL, or - for standard input.", valueName: "FILE|URL|-"))
    var input: String

    @Option(name: .customLong("url"), help: ArgumentHelp("The page's own address, to resolve its links.", valueName: "PAGE_URL"))
    var pageURL: String?

    @Option(name: .customLong("content-type"), help: ArgumentHelp("The HTTP Content-Type the page came with.", valueName: "type"))
    var contentType: String?

    @Flag(help: "Print the document as JSON.")
    var json = false

    @Flag(help: "Print the story laid out as text (the default).")
    var text = false

    @Option(help: "Width in columns for --text.")
    var width: Int = 80

    @Flag(name: .customLong("link-numbers"), help: "Show [n] after each link in --text output.")
    var linkNumbers = false

    func validate() throws {
        if json && text { throw ValidationError("--json and --text are exclusive.") }
        if width < 10 || width > 1000 { throw ValidationError("--width must be between 10 and 1000.") }
    }

    func run() throws {
        let lower = input.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            Output.error("extract reads saved pages only; to fetch \(input) use: telex read --fetch \(input)")
            throw ExitCode(ExitStatus.usage)
        }
        let bytes: [UInt8]
        var defaultURL = "file:///"
        do {
            if input == "-" {
                bytes = try InputFile.bytes("-")
            } else {
                let path = lower.hasPrefix("file://") ? (URL(string: input)?.path ?? input) : input
                bytes = try InputFile.bytes(path)
                defaultURL = URL(fileURLWithPath: path).absoluteString
            }
        } catch {
            Output.error("cannot read \(input): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        let doc = ArticleExtractor.extract(html: bytes, pageURL: pageURL ?? defaultURL, contentType: contentType)
        if json {
            Output.json(DocumentJSON.object(doc))
        } else {
            let laid = ArticleLayout.layout(doc, width: width, showLinkNumbers: linkNumbers)
            for line in laid.lines { Output.line(line.text) }
            if linkNumbers && !laid.links.isEmpty {
                Output.line("")
                for link in laid.links { Output.line("[\(link.number)] \(link.url)") }
            }
        }
    }
}

/// The stable JSON shape of `telex extract --json` and `telex read --json` (docs/articles.md).
enum DocumentJSON {
    static func object(_ doc: ArticleDocument) -> JSONValue {
        let m = doc.metadata
        return [
            "title": JSONValue(m.title),
            "byline": JSONValue(m.byline),
            "published": .time(m.published),
            "site": JSONValue(m.siteName),
            "lang": JSONValue(m.language),
            "canonical": JSONValue(m.canonicalURL),
            "leadImage": JSONValue(m.leadImage),
            "confidence": .double((doc.confidence * 100).rounded() / 100),
            "text": .string(doc.plainText),
            "blocks": .array(doc.blocks.map(block)),
            "links": .array(doc.links.filter { !$0.isRelated }.map { ["text": .string($0.text), "url": .string($0.url)] }),
            "related": .array(doc.related.map { ["title": .string($0.title), "url": JSONValue($0.url), "linked": .bool($0.url != nil)] }),
            "images": .array(doc.images.map { ["url": .string($0.url), "alt": JSONValue($0.alt), "caption": .string($0.caption)] }),
        ]
    }

    static func block(_ b: Block) -> JSONValue {
        switch b {
        case .heading(let level, let i): return ["type": "heading", "level": JSONValue(level), "text": .string(Inline.plainText(i))]
        case .paragraph(let i): return ["type": "paragraph", "text": .string(Inline.plainText(i))]
        case .quote(let blocks): return ["type": "quote", "blocks": .array(blocks.map(block))]
        case .list(let ordered, let items):
            return ["type": "list", "ordered": .bool(ordered), "items": .array(items.map { .array($0.map(block)) })]
        case .preformatted(let text): return ["type": "preformatted", "text": .string(text)]
        case .figure(let url, let caption, let alt):
            return ["type": "figure", "image": JSONValue(url), "alt": JSONValue(alt), "caption": .string(Inline.plainText(caption))]
        case .table(let header, let rows):
            return ["type": "table", "header": header.map { JSONValue($0.map(Inline.plainText)) } ?? .null,
                    "rows": .array(rows.map { JSONValue($0.map(Inline.plainText)) })]
        case .rule: return ["type": "rule"]
        }
    }
}
