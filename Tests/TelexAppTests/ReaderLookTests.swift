import TelexConfig
import TelexScreen
import TelexUI
import Testing
@testable import TelexApp

@Suite("Keys and colours from feeds.json")
struct ReaderLookTests {
    static func configuration(_ extra: String) throws -> Configuration {
        try ConfigurationParser.parse(Array("""
        {"sections": [{"name": "News", "feeds": [{"url": "https://example.org/feed"}]}],
        \(extra)}
        """.utf8), source: "feeds.json")
    }

    @Test func aValidFileGivesTheKeymapAndTheTheme() throws {
        let look = try ReaderLook.resolve(try Self.configuration("""
        "keys": {"lists": {"g": null, "g g": "top"}, "reader": {"x": "back"}},
        "colors": {"theme": "high-contrast", "unread": "bold #ff8800"}
        """))
        #expect(look.keymap.resolve([.character("g"), .character("g")], in: .lists) == .command(.top))
        #expect(look.keymap.resolve([.character("x")], in: .reader) == .command(.back))
        #expect(look.theme == ThemeChoice(name: .highContrast, overrides: [.unread: Style(foreground: .rgb(255, 136, 0), attributes: [.bold])]))
    }

    @Test func problemsNameTheFileTheLineAndThePath() throws {
        let config = try Self.configuration("""
        "keys": {"lists": {"x": "dwon"},
                 "reader": {"Hyper-q": "back"}},
        "colors": {"theme": "solarized",
                   "unread": "bold purple", "shadow": "red"}
        """)
        #expect(throws: ConfigurationError.self) { try ReaderLook.resolve(config) }
        do { _ = try ReaderLook.resolve(config) } catch {
            let lines = error.description.split(separator: "\n").map(String.init)
            #expect(lines.count == 5)
            #expect(lines[0].hasPrefix("feeds.json:2: keys.lists.x: unknown command \"dwon\" (did you mean \"down\"?)"))
            #expect(lines[1].hasPrefix("feeds.json:3: keys.reader.Hyper-q: unknown key \"Hyper-q\""))
            #expect(lines[2].hasPrefix("feeds.json:4: colors.theme: unknown theme \"solarized\"; built in: default, light, high-contrast, monochrome"))
            #expect(lines[3].hasPrefix("feeds.json:5: colors.unread: unknown colour or attribute \"purple\""))
            #expect(lines[4].hasPrefix("feeds.json:5: colors.shadow: unknown element \"shadow\""))
        }
    }
}
