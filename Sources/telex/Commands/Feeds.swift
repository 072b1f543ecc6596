import ArgumentParser
import Foundation
import TelexConfig

struct Feeds: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the resolved sections and feeds, or check feeds.json.",
        discussion: "Exit status: 0 when feeds.json is valid, 2 when it is not (each problem is printed with its line and JSON path).")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Only validate feeds.json; print nothing but problems.")
    var check = false

    @Flag(help: "Print as JSON.")
    var json = false

    @Flag(name: .customLong("default"), help: "Print the built-in feeds.json (a starting point for your own).")
    var printDefault = false

    func run() throws {
        if printDefault { print(ConfigurationLoader.builtInText, terminator: ""); return }
        let config = try global.loadConfiguration()
        if check {
            let feeds = config.sections.reduce(0) { $0 + $1.feeds.count }
            Output.line("\(config.source): ok (\(config.sections.count) sections, \(feeds) feeds)")
            return
        }
        if json {
            Output.json([
                "source": config.source,
                "sections": config.sections.map { s in
                    ["name": s.name, "feeds": s.feeds.map { f -> [String: Any] in
                        var d: [String: Any] = ["url": f.url, "article": f.article.rawValue, "enabled": f.enabled,
                                                "interval": f.interval ?? config.settings.defaultInterval]
                        d["title"] = f.title ?? NSNull()
                        return d
                    }] as [String: Any]
                },
            ])
            return
        }
        Output.line("# \(config.source)")
        for s in config.sections {
            Output.line(s.name)
            for f in s.feeds {
                var extras: [String] = []
                if !f.enabled { extras.append("disabled") }
                if f.article != .auto { extras.append("article: \(f.article.rawValue)") }
                if let i = f.interval { extras.append("every \(DurationText.text(i))") }
                let title = f.title.map { "\($0)  " } ?? ""
                Output.line("  \(title)\(f.url)" + (extras.isEmpty ? "" : "  (\(extras.joined(separator: ", ")))"))
            }
        }
    }
}
