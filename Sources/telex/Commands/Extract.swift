import ArgumentParser
import Foundation
import TelexArticles
import TelexScreen

/// `telex extract`: the main story of a saved page, as JSON or laid out as the reading view shows it.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
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
                bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            } else {
                let path = lower.hasPrefix("file://") ? (URL(string: input)?.path ?? input) : input
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                defaultURL = URL(fileURLWithPath: path).absoluteString
            }
        } catch {
            Output.error("cannot read \(input): \(error.localizedDescription)")
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

/// The stable JSON shape of `telex extract --json` (docs/articles.md).
enum DocumentJSON {
    static func isoString(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static func object(_ doc: ArticleDocument) -> [String: Any] {
        let m = doc.metadata
        return [
            "title": m.title ?? NSNull(),
            "byline": m.byline ?? NSNull(),
            "published": m.published.map(isoString) ?? NSNull(),
            "site": m.siteName ?? NSNull(),
            "lang": m.language ?? NSNull(),
            "canonical": m.canonicalURL ?? NSNull(),
            "leadImage": m.leadImage ?? NSNull(),
            "confidence": (doc.confidence * 100).rounded() / 100,
            "text": doc.plainText,
            "blocks": doc.blocks.map(block),
            "links": doc.links.filter { !$0.isRelated }.map { ["text": $0.text, "url": $0.url] },
            "related": doc.related.map { ["title": $0.title, "url": $0.url as Any? ?? NSNull(), "linked": $0.url != nil] as [String: Any] },
            "images": doc.images.map { ["url": $0.url, "alt": $0.alt as Any? ?? NSNull(), "caption": $0.caption] as [String: Any] },
        ]
    }

    static func block(_ b: Block) -> [String: Any] {
        switch b {
        case .heading(let level, let i): return ["type": "heading", "level": level, "text": Inline.plainText(i)]
        case .paragraph(let i): return ["type": "paragraph", "text": Inline.plainText(i)]
        case .quote(let blocks): return ["type": "quote", "blocks": blocks.map(block)]
        case .list(let ordered, let items): return ["type": "list", "ordered": ordered, "items": items.map { $0.map(block) }]
        case .preformatted(let text): return ["type": "preformatted", "text": text]
        case .figure(let url, let caption, let alt):
            return ["type": "figure", "image": url ?? NSNull(), "alt": alt ?? NSNull(), "caption": Inline.plainText(caption)]
        case .table(let header, let rows):
            return ["type": "table", "header": header.map { $0.map(Inline.plainText) } ?? NSNull(),
                    "rows": rows.map { $0.map(Inline.plainText) }]
        case .rule: return ["type": "rule"]
        }
    }
}
