import Foundation
import Testing
@testable import TelexConfig

private func parse(_ json: String) throws(ConfigurationError) -> Configuration {
    try ConfigurationParser.parse(Array(json.utf8), source: "feeds.json")
}

private func problems(_ json: String) -> [ConfigurationProblem] {
    do { _ = try parse(json); return [] } catch { return error.problems }
}

@Suite struct ConfigurationParserTests {
    @Test func theBundledFeedsJSONIsValidAndInOrder() throws {
        let config = ConfigurationLoader.builtIn()
        #expect(config.sections.map(\.name) == ["World", "Business", "Technology", "Science", "Sports", "Culture"])
        #expect(config.sections.map(\.feeds.count) == [6, 3, 6, 3, 3, 3])
        #expect(config.settings.retentionDays == 90)
    }

    @Test func theEmbeddedDefaultIsTheTopLevelFeedsJSON() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("feeds.json"), encoding: .utf8)
        #expect(text == ConfigurationLoader.builtInText + "\n" || text == ConfigurationLoader.builtInText,
                "run scripts/gen-default-feeds.sh (make does) after editing feeds.json")
    }

    @Test func aMinimalFileGetsTheDocumentedDefaults() throws {
        let c = try parse(#"{"sections": [{"name": "News", "feeds": [{"url": "https://example.org/feed"}]}]}"#)
        let f = c.sections[0].feeds[0]
        #expect(f.article == .auto && f.enabled && f.title == nil && f.interval == nil)
        #expect(c.settings.jobs == 16 && c.settings.perHost == 2 && c.settings.prefetchPerArticle == 5 && c.settings.measure == 80)
        #expect(c.settings.osc52 == false && c.settings.browser == nil)
        #expect(c.settings.images == .auto && c.settings.imageHeight == 50)
    }

    @Test func theImagesSettingIsOneOfItsModes() throws {
        let c = try parse(#"{"settings": {"images": "symbols", "image_height": 30}, "sections": [{"name": "N", "feeds": [{"url": "https://e.example/f"}]}]}"#)
        #expect(c.settings.images == .symbols && c.settings.imageHeight == 30)
        #expect(try parse(#"{"settings": {"images": "off"}, "sections": [{"name": "N", "feeds": [{"url": "https://e.example/f"}]}]}"#).settings.images == .off)
    }

    @Test func storiesAreGroupedUnlessTurnedOff() throws {
        let minimal = try parse(#"{"sections": [{"name": "N", "feeds": [{"url": "https://e.example/f"}]}]}"#)
        #expect(minimal.settings.groupStories)
        let off = try parse(#"{"settings": {"group_stories": false}, "sections": [{"name": "N", "feeds": [{"url": "https://e.example/f"}]}]}"#)
        #expect(!off.settings.groupStories)
        let found = problems(#"{"settings": {"group_stories": "no"}, "sections": [{"name": "N", "feeds": [{"url": "https://e.example/f"}]}]}"#)
        #expect(found.map(\.path) == ["settings.group_stories"], "\(found)")
    }

    @Test func hyperlinksAndNotificationsAreOffOrAutoUntilSet() throws {
        let minimal = try parse(#"{"sections": [{"name": "N", "feeds": [{"url": "https://e.example/f"}]}]}"#)
        #expect(minimal.settings.hyperlinks == .auto && minimal.settings.notify == nil && minimal.settings.notifyTerminal == .off)
        let c = try parse(#"""
        {"settings": {"hyperlinks": "off", "notify": ["notify-send", "-a", "telex"], "notify_terminal": "osc777"},
         "sections": [{"name": "N", "feeds": [{"url": "https://e.example/f"}]}]}
        """#)
        #expect(c.settings.hyperlinks == .off && c.settings.notify == ["notify-send", "-a", "telex"] && c.settings.notifyTerminal == .osc777)
    }

    /// `notify` is an argument vector (never a shell line); wrong shapes are located like every problem.
    @Test(arguments: [
        (#""hyperlinks": "yes""#, "settings.hyperlinks"), (#""hyperlinks": true"#, "settings.hyperlinks"),
        (#""notify": "notify-send telex""#, "settings.notify"), (#""notify": []"#, "settings.notify"),
        (#""notify": ["notify-send", 3]"#, "settings.notify"), (#""notify": [" "]"#, "settings.notify"),
        (#""notify_terminal": "osc52""#, "settings.notify_terminal"),
    ])
    func badHyperlinkAndNotifySettingsAreLocated(setting: String, path: String) {
        let found = problems(#"{"settings": {"# + setting + #"}, "sections": [{"name": "N", "feeds": [{"url": "https://e.example/f"}]}]}"#)
        #expect(found.map(\.path) == [path], "\(found)")
    }

    @Test func perFeedOptionsAreRead() throws {
        let c = try parse(#"""
        {"settings": {"jobs": 4, "default_interval": "1h", "browser": "w3m %s:firefox"},
         "sections": [{"name": "Tech", "feeds": [
           {"url": "https://a.example/rss", "title": "A", "article": "always", "interval": "15m", "enabled": false}]}]}
        """#)
        let f = c.sections[0].feeds[0]
        #expect(f.title == "A" && f.article == .always && f.interval == 900 && !f.enabled)
        #expect(c.settings.jobs == 4 && c.settings.defaultInterval == 3600 && c.settings.browser == "w3m %s:firefox")
        #expect(c.enabledFeeds.isEmpty)
    }

    @Test func savedQueriesAreReadInFileOrder() throws {
        let c = try parse(#"""
        {"sections": [{"name": "News", "feeds": [{"url": "https://example.org/feed"}]}],
         "queries": [{"name": " Ukraine ", "query": "ukraine or kyiv newer:7d"}, {"name": "Unread tech", "query": "section:tech unread"}]}
        """#)
        #expect(c.queries == [SavedQueryConfig(name: "Ukraine", query: "ukraine or kyiv newer:7d"),
                              SavedQueryConfig(name: "Unread tech", query: "section:tech unread")])
        #expect(try parse(#"{"sections": [{"name": "N", "feeds": [{"url": "https://example.org/feed"}]}]}"#).queries.isEmpty)
    }

    struct BrokenCase: CustomTestStringConvertible, Sendable {
        var name: String; var json: String; var line: Int; var path: String; var message: String
        var testDescription: String { name }
    }

    static let broken: [BrokenCase] = [
        .init(name: "invalid JSON", json: "{\n  \"sections\": [\n    {\"name\": \"A\",}\n  ]\n}", line: 3, path: "", message: "invalid JSON"),
        .init(name: "unknown key", json: "{\"sections\": [\n {\"name\": \"A\", \"feeds\": [\n  {\"url\": \"https://a.example/\", \"titel\": \"x\"}]}]}",
              line: 3, path: "sections[0].feeds[0].titel", message: "unknown key \"titel\" (did you mean \"title\"?)"),
        .init(name: "unknown top-level key", json: "{\"sections\": [], \"feed\": 1}", line: 1, path: "feed", message: "unknown key"),
        .init(name: "missing url", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [\n{\"title\": \"x\"}]}]}",
              line: 2, path: "sections[0].feeds[0].url", message: "missing required key \"url\""),
        .init(name: "bad URL scheme", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"file:///etc/passwd\"}]}]}",
              line: 1, path: "sections[0].feeds[0].url", message: "unsupported URL scheme \"file\""),
        .init(name: "duplicate feed", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/x\"}]},\n{\"name\": \"B\", \"feeds\": [{\"url\": \"HTTPS://A.EXAMPLE:443/x#top\"}]}]}",
              line: 2, path: "sections[1].feeds[0].url", message: "duplicate feed"),
        .init(name: "empty section", json: "{\"sections\": [{\"name\": \"A\",\n \"feeds\": []}]}", line: 2, path: "sections[0].feeds", message: "has no feeds"),
        .init(name: "missing sections", json: "{\"settings\": {}}", line: 1, path: "sections", message: "missing required key"),
        .init(name: "bad article mode", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\", \"article\": \"sometimes\"}]}]}",
              line: 1, path: "sections[0].feeds[0].article", message: "expected one of"),
        .init(name: "bad interval", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\", \"interval\": \"soon\"}]}]}",
              line: 1, path: "sections[0].feeds[0].interval", message: "expected a duration"),
        .init(name: "setting out of range", json: "{\"settings\": {\"jobs\": 0}, \"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]}]}",
              line: 1, path: "settings.jobs", message: "expected a whole number"),
        .init(name: "duplicate section", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/1\"}]},\n {\"name\": \"a\", \"feeds\": [{\"url\": \"https://a.example/2\"}]}]}",
              line: 2, path: "sections[1].name", message: "duplicate section"),
        .init(name: "unknown images mode", json: "{\"settings\": {\"images\": \"ascii\"}, \"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]}]}",
              line: 1, path: "settings.images", message: "expected one of \"auto\", \"kitty\", \"sixel\", \"iterm\", \"symbols\", \"off\""),
        .init(name: "truncated file", json: "{\"sections\": [", line: 1, path: "", message: "unexpected end of file"),
        .init(name: "query that does not parse", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]}],\n \"queries\": [\n {\"name\": \"Q\",\n  \"query\": \"ukraine or (kyiv\"}]}",
              line: 4, path: "queries[0].query", message: "column 12: unclosed ( (add a ))"),
        .init(name: "query with an unknown field", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]}], \"queries\": [{\"name\": \"Q\", \"query\": \"tilte:x\"}]}",
              line: 1, path: "queries[0].query", message: "column 1: unknown field tilte:"),
        .init(name: "query without a name", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]}], \"queries\": [{\"query\": \"x\"}]}",
              line: 1, path: "queries[0].name", message: "missing required key \"name\""),
        .init(name: "query not a string", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]}], \"queries\": [{\"name\": \"Q\", \"query\": 7}]}",
              line: 1, path: "queries[0].query", message: "expected a string in the query language"),
        .init(name: "duplicate query", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]}], \"queries\": [{\"name\": \"Q\", \"query\": \"a\"},\n {\"name\": \"q\", \"query\": \"b\"}]}",
              line: 2, path: "queries[1].name", message: "duplicate query \"q\" (also queries[0])"),
        .init(name: "hide rule that does not parse", json: "{\"hide\": [\"sport\",\n  \"sport or (x\"], \"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]}]}",
              line: 2, path: "hide[1]", message: "column 10: unclosed ( (add a ))"),
        .init(name: "hide rule with unread", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\",\n \"hide\": \"sport and not unread\"}]}]}",
              line: 2, path: "sections[0].feeds[0].hide", message: "unread cannot be used in a hide rule"),
        .init(name: "hide rule with saved", json: "{\"hide\": \"saved\", \"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]}]}",
              line: 1, path: "hide", message: "saved cannot be used in a hide rule"),
        .init(name: "hide not a query", json: "{\"hide\": {\"q\": 1}, \"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]}]}",
              line: 1, path: "hide", message: "expected a query or an array of queries"),
        .init(name: "bad hidden mode", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\", \"hidden\": \"discard\"}]}]}",
              line: 1, path: "sections[0].feeds[0].hidden", message: "expected \"store\""),
        .init(name: "queries not an array", json: "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]}], \"queries\": {}}",
              line: 1, path: "queries", message: "expected an array of queries"),
    ]

    @Test(arguments: broken)
    func brokenFilesAreRejectedWithLineAndPath(_ c: BrokenCase) {
        let found = problems(c.json)
        #expect(!found.isEmpty, "accepted a broken file")
        #expect(found.contains { $0.line == c.line && $0.path == c.path && $0.message.contains(c.message) },
                "got: \(found.map(\.description))")
    }

    @Test func hideRulesAreReadGlobalAndPerFeedIntoOneQueryPerFeed() throws {
        let json = """
            {"hide": ["title:sponsored", "/^Live:/"],
             "sections": [{"name": "A", "feeds": [
               {"url": "https://a.example/", "hide": "football or cricket", "hidden": "drop"},
               {"url": "https://b.example/"}]}]}
            """
        let config = try ConfigurationParser.parse(Array(json.utf8), source: "t")
        let feeds = config.sections[0].feeds
        #expect(config.hide == ["title:sponsored", "/^Live:/"])
        #expect(feeds[0].hide == ["football or cricket"])
        #expect(feeds[0].hidden == .drop)
        #expect(feeds[1].hidden == .store)
        #expect(config.hideQuery(for: feeds[0]) == "(title:sponsored) or (/^Live:/) or (football or cricket)")
        #expect(config.hideQuery(for: feeds[1]) == "(title:sponsored) or (/^Live:/)")
        #expect(Configuration(sections: config.sections, source: "t").hideQuery(for: feeds[1]) == nil)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let found = problems(#"{"sections": [{"name": "", "feeds": [{"url": "gopher://x"}, {"urll": "y"}]}]}"#)
        #expect(found.map(\.path) == ["sections[0].name", "sections[0].feeds[0].url", "sections[0].feeds[1].urll", "sections[0].feeds[1].url"])
    }

    @Test func errorMessagesNameTheFileLineAndPath() {
        do {
            _ = try ConfigurationParser.parse(Array("{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"ftp://x/\"}]}]}".utf8), source: "/home/u/feeds.json")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("/home/u/feeds.json:1: sections[0].feeds[0].url: unsupported URL scheme"))
        }
    }

    @Test func aMissingFileIsAConfigurationError() {
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.loadFile("/nonexistent/telex/feeds.json") }
    }
}

@Suite struct PathsTests {
    @Test func xdgVariablesAreHonouredAndRelativeOnesIgnored() {
        let p = Paths(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "/cfg", "XDG_DATA_HOME": "relative/data"])
        #expect(p.configDirectory == "/cfg/telex")
        #expect(p.dataDirectory == "/home/u/.local/share/telex")
        #expect(p.stateDirectory == "/home/u/.local/state/telex")
        #expect(p.logFile == "/home/u/.local/state/telex/telex.log")
    }

    @Test func theUserFileWinsOverTheBuiltInDefault() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telex-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("telex"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"sections": [{"name": "Mine", "feeds": [{"url": "https://m.example/"}]}]}"#
            .write(to: dir.appendingPathComponent("telex/feeds.json"), atomically: true, encoding: .utf8)
        let paths = Paths(environment: ["HOME": "/nowhere", "XDG_CONFIG_HOME": dir.path])
        #expect(try ConfigurationLoader.load(explicitPath: nil, paths: paths).sections.map(\.name) == ["Mine"])
        let none = Paths(environment: ["HOME": "/nowhere", "XDG_CONFIG_HOME": "/nonexistent-xdg"])
        #expect(try ConfigurationLoader.load(explicitPath: nil, paths: none).source == ConfigurationLoader.builtInSource)
    }
}

@Suite struct DurationTextTests {
    @Test(arguments: [("90s", 90), ("30m", 1800), ("2h", 7200), ("1d", 86400), ("45", 45), (" 5M ", 300)])
    func durationsParse(_ text: String, _ seconds: Int) { #expect(DurationText.seconds(text) == seconds) }

    @Test(arguments: ["", "m", "-5m", "1.5h", "3w", "٣m"])
    func nonsenseIsRejected(_ text: String) { #expect(DurationText.seconds(text) == nil) }
}

@Suite struct KeysAndColorsConfigurationTests {
    @Test func keysAndColorsKeepTheirLinesAndPaths() throws {
        let c = try parse("""
        {"sections": [{"name": "News", "feeds": [{"url": "https://example.org/feed"}]}],
         "keys": {
           "lists": {"J": "down", "g": null},
           "reader": {"g g": "top"}
         },
         "colors": {"theme": "light",
           "unread": "bold yellow"}}
        """)
        #expect(c.keys == [
            KeyConfig(context: "lists", keys: "J", command: "down", line: 3, path: "keys.lists.J"),
            KeyConfig(context: "lists", keys: "g", command: nil, line: 3, path: "keys.lists.g"),
            KeyConfig(context: "reader", keys: "g g", command: "top", line: 4, path: "keys.reader.g g"),
        ])
        #expect(c.colors == [
            ColorConfig(element: "theme", value: "light", line: 6, path: "colors.theme"),
            ColorConfig(element: "unread", value: "bold yellow", line: 7, path: "colors.unread"),
        ])
    }

    @Test func badShapesAreLocated() {
        let p = problems("""
        {"sections": [{"name": "News", "feeds": [{"url": "https://example.org/feed"}]}],
         "keys": {"lists": {"J": 3}, "reader": []},
         "colors": {"unread": true}}
        """)
        #expect(p.map(\.description) == [
            "line 2: keys.lists.J: expected a command name, or null to unbind, found a number",
            "line 2: keys.reader: expected an object of key: command, found an array",
            "line 3: colors.unread: expected a string such as \"bold yellow\"",
        ])
    }
}
