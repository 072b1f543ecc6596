import ArgumentParser
import Foundation
import Logging
import TelexArticles
import TelexConfig
import TelexFetch
import TelexModel
import TelexStore

struct Read: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Print a cached article as the reading view lays it out, then its links and related stories.",
        discussion: """
        ID is an item number (as `telex list --json` prints) or a URL. Works offline; an uncached URL is an \
        error unless --fetch fetches it now. --json prints the stored document in the shape of \
        `telex extract --json` (docs/articles.md). Exit status: 0 printed, 1 not cached or cache error.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("An item id or an article URL.", valueName: "id|url"))
    var target: String

    @Option(help: ArgumentHelp("Text width in columns (default: the terminal's, at most the settings' measure).", valueName: "n"))
    var width: Int?

    @Flag(help: "Fetch the page now when it is not cached.")
    var fetch = false

    @Flag(help: "Print the stored document as JSON (the shape of `telex extract --json`).")
    var json = false

    func validate() throws {
        if let width, width < 20 || width > 1000 { throw ValidationError("--width must be between 20 and 1000") }
    }

    func run() throws {
        let config = try global.loadConfiguration()
        let store: Store
        do { store = try Store.open(directory: global.cacheDirectory) } catch {
            Output.error("cannot open the cache at \(global.cacheDirectory): \(error)")
            throw ExitCode(ExitStatus.runtime)
        }
        let columns = width ?? min(config.settings.measure, Self.terminalColumns() ?? config.settings.measure)
        let shown: Shown
        do {
            shown = try resolve(store: store, config: config)
        } catch let message as ReadFailure {
            Output.error(message.text)
            throw ExitCode(ExitStatus.runtime)
        }
        if json {
            Output.json(DocumentJSON.object(shown.document))
            return
        }
        // Laid out as the reading view lays it out, note included.
        let laidOut = ArticleLayout.layout(shown.document, width: columns, showLinkNumbers: true, note: shown.note)
        for line in laidOut.lines { Output.line(line.text) }
        let links = laidOut.links.filter { !$0.isRelated }
        let related = laidOut.links.filter(\.isRelated)
        if !links.isEmpty {
            Output.line("")
            Output.line("Links")
            for link in links { Output.line("[\(link.number)] \(link.text.isEmpty ? link.url : link.text) <\(link.url)>") }
        }
        if !related.isEmpty {
            Output.line("")
            Output.line("Related stories")
            for link in related {
                let cached = ((try? store.article(forURL: link.url)) ?? nil) != nil ? "" : " (not cached)"
                Output.line("[\(link.number)] \(link.text.isEmpty ? link.url : link.text) <\(link.url)>\(cached)")
            }
        }
    }

    struct ReadFailure: Error { var text: String }

    /// What to print: a document and the note the reading view would show with it.
    struct Shown { var document: ArticleDocument; var note: DocumentNote? }

    /// An item resolves as the reader resolves it (`DocumentResolver`); a URL is a cached page.
    private func resolve(store: Store, config: Configuration) throws -> Shown {
        if let number = Int64(target) {
            guard let item = try? store.item(ItemID(number)) else { throw ReadFailure(text: "no item \(number) in the cache") }
            let resolved = DocumentResolver.resolve(item)
            return Shown(document: resolved.document, note: resolved.note)
        }
        guard let url = URL(string: target), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw ReadFailure(text: "\(target) is neither an item id nor an http(s) URL")
        }
        if let cached = try? store.article(forURL: target), let json = cached.documentJSON, let doc = DocumentResolver.page(json) {
            return Shown(document: doc, note: nil)
        }
        guard fetch else { throw ReadFailure(text: "\(target) is not cached (telex read --fetch \(target) fetches it now)") }
        let service = FetchService(store: store, configuration: config, http: FetchService.liveHTTP(config.settings),
                                   logger: Logger(label: "telex.read"))
        let target = self.target
        // The user typed this URL: private addresses are allowed (it is not a link from a feed).
        let result = try AsyncBridge.run { await service.fetchPage(target, allowPrivateAddresses: true) }
        switch result {
        case .failed(let message): throw ReadFailure(text: "cannot fetch \(target): \(message)")
        case .notWebPage: throw ReadFailure(text: "\(target) is not a web page (open it in a browser)")
        case .saved(let id):
            guard let article = try? store.article(id), let json = article.documentJSON, let doc = DocumentResolver.page(json) else {
                throw ReadFailure(text: "\(target) was fetched but holds no readable article")
            }
            return Shown(document: doc, note: nil)
        }
    }

    static func terminalColumns() -> Int? {
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
