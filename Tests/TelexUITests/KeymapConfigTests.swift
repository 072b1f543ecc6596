import Foundation
import TelexScreen
import Testing
@testable import TelexUI

@Suite("Keymap: bindings from the configuration")
struct KeymapConfigTests {
    static func apply(_ edits: [(String, String, String?)]) -> (keymap: Keymap, problems: [String]) {
        let r = Keymap.standard.applying(edits.map { KeymapEdit(context: $0.0, keys: $0.1, command: $0.2) })
        return (r.keymap, r.problems.map(\.message))
    }

    @Test(arguments: [
        ("j", [Key.character("j")]), ("Space", [.character(" ")]), (" ", [.character(" ")]), ("Ctrl-D", [.ctrl("d")]),
        ("C-d", [.ctrl("d")]), ("^D", [.ctrl("d")]), ("g g", [.character("g"), .character("g")]), ("Enter", [.enter]),
        ("Return", [.enter]), ("Esc", [.escape]), ("Shift-Tab", [.backTab]), ("Down", [.down]), ("↓", [.down]),
        ("PageDown", [.pageDown]), ("PgDn", [.pageDown]), ("F5", [.function(5)]), ("Z Z", [.character("Z"), .character("Z")]),
        ("?", [.character("?")]),
    ]) func keysAreSpelledAsTheHelpLabelsThem(_ text: String, _ keys: [Key]) {
        guard case .success(let parsed) = Keymap.parseSequence(text) else { Issue.record("\(text) did not parse"); return }
        #expect(parsed == keys)
    }

    @Test func everyLabelParsesBackToItsKey() {
        for b in Keymap.standard.bindings {
            for key in b.keys { #expect(Key(label: key.label) == key, "\(key.label)") }
        }
    }

    @Test(arguments: [
        (("lists", "J", "down") as (String, String, String?), "J runs down in lists"),
        (("lists", "x", "dwon"), "unknown command \"dwon\" (did you mean \"down\"?)"),
        (("lists", "x", "follow"), "\"follow\" does nothing in lists; it works in reader"),
        (("everywhere", "x", "nextLink"), "\"nextLink\" does nothing in everywhere"),
        (("screen", "x", "down"), "unknown context \"screen\""),
        (("lists", "Hyper-x", "down"), "unknown key \"Hyper-x\""),
        (("lists", "5", "down"), "digits cannot start a binding"),
        (("lists", "g g", "top"), "\"g\" already runs top in lists, so \"g g\" could never be typed"),
    ]) func editsAreCheckedWithAMessageThatSaysWhatToDo(_ edit: (String, String, String?), _ expected: String) {
        let r = Self.apply([edit])
        if expected.hasSuffix("in lists") && expected.contains(" runs ") {
            #expect(r.problems.isEmpty)
            #expect(r.keymap.resolve([.character("J")], in: .lists) == .command(.down))
        } else {
            #expect(r.problems.count == 1)
            #expect(r.problems.first?.contains(expected) == true, "\(r.problems)")
        }
    }

    @Test func aSequenceNeedsItsFirstKeyUnboundAndThenWaits() {
        let r = Self.apply([("lists", "g", nil), ("lists", "g g", "top"), ("lists", "g n", "nextUnread")])
        #expect(r.problems.isEmpty, "\(r.problems)")
        #expect(r.keymap.resolve([.character("g")], in: .lists) == .prefix)
        #expect(r.keymap.resolve([.character("g"), .character("g")], in: .lists) == .command(.top))
        #expect(r.keymap.resolve([.character("g"), .character("n")], in: .lists) == .command(.nextUnread))
        // The reading view keeps its own g.
        #expect(r.keymap.resolve([.character("g")], in: .reader) == .command(.top))
    }

    @Test func aBindingReplacesWhatTheKeysDidAndNullUnbinds() {
        let r = Self.apply([("reader", "q", nil), ("reader", "x", "back"), ("lists", "j", "up")])
        #expect(r.problems.isEmpty)
        #expect(r.keymap.resolve([.character("q")], in: .reader) == .unbound)
        #expect(r.keymap.resolve([.character("x")], in: .reader) == .command(.back))
        #expect(r.keymap.resolve([.character("j")], in: .lists) == .command(.up))
        #expect(r.keymap.resolve([.character("j")], in: .reader) == .command(.down))
        // Help lists the new key and no longer the old one.
        let help = r.keymap.help(for: .reader).flatMap(\.rows).first { $0.command == .back }
        #expect(help.map { Keymap.label($0.keys) } == "x")
    }

    @Test func everywhereReplacesTheKeysInEveryContext() {
        let r = Self.apply([("everywhere", "q", "quit"), ("everywhere", "Q", nil)])
        #expect(r.problems.isEmpty)
        #expect(r.keymap.resolve([.character("q")], in: .lists) == .command(.quit))
        #expect(r.keymap.resolve([.character("q")], in: .reader) == .command(.quit))
        #expect(r.keymap.resolve([.character("Q")], in: .lists) == .unbound)
    }

    @Test func aRebindingInTheStateChangesDispatchTheHelpAndTheStatusLine() {
        var d = Driver(width: 120, height: 40, rows: manyRows(30))
        d.press(.enter)
        let r = Self.apply([("lists", "j", nil), ("lists", "J", "down"), ("everywhere", "?", nil), ("everywhere", "F1", "help")])
        #expect(r.problems.isEmpty)
        d.state.keymap = r.keymap
        let before = d.state.headlines.viewport.selected
        d.press(.character("j"))
        #expect(d.state.headlines.viewport.selected == before)
        d.press(.character("J"))
        #expect(d.state.headlines.viewport.selected == before + 1)
        #expect(RootView.render(d.state).lines.last!.contains("F1:help"))
        d.press(.character("?"))
        #expect(!d.state.showHelp)
        d.press(.function(1))
        #expect(d.state.showHelp)
        let text = RootView.render(d.state).lines.joined(separator: "\n")
        #expect(text.contains(" J ") && !text.contains(" j, ↓"))
        #expect(text.contains("Esc, q or F1 closes"))
        d.press(.function(1))
        #expect(!d.state.showHelp)
    }

    @Test func aPendingSequenceShowsOnTheStatusLine() {
        var d = Driver(width: 120, height: 40, rows: manyRows(30))
        d.press(.enter)
        d.state.keymap = Self.apply([("lists", "g", nil), ("lists", "g g", "top")]).keymap
        d.press(.character("g"))
        #expect(RootView.render(d.state).lines.last!.hasPrefix(" g …"))
    }
}

@Suite("Theme: built-in themes, overrides, NO_COLOR")
struct ThemeTests {
    @Test(arguments: [
        ("bold yellow", Style(foreground: .yellow, attributes: [.bold])),
        ("black on #ffcc00", Style(foreground: .black, background: .rgb(255, 204, 0))),
        ("underline 208 on 236", Style(foreground: .indexed(208), background: .indexed(236), attributes: [.underline])),
        ("reverse", Style(attributes: [.reverse])),
        ("bright-red", Style(foreground: .indexed(9))),
        ("plain on blue", Style(background: .blue)),
        ("Default ON Grey", Style(foreground: .default, background: .gray)),
    ]) func stylesAreWrittenAsWords(_ text: String, _ style: Style) throws {
        #expect(try Style(parsing: text) == style)
    }

    @Test(arguments: ["", "bold on", "red blue", "256", "#ffcc0", "purple", "blink"])
    func badStylesSayWhy(_ text: String) {
        #expect(throws: StyleSyntaxError.self) { try Style(parsing: text) }
    }

    @Test func everyThemeStylesEveryElement() {
        for name in ThemeName.allCases {
            #expect(Set(Theme.named(name).styles.keys) == Set(Theme.Element.allCases), "\(name)")
        }
    }

    @Test func themesDiffer() {
        #expect(Theme.named(.light) != Theme.named(.default))
        #expect(Theme.named(.highContrast)[.dim].attributes.isDisjoint(with: .dim))
        #expect(Theme.named(.monochrome).styles.values.allSatisfy { $0.foreground == .default && $0.background == .default })
    }

    @Test func overridesApplyAndNoColorStillWins() throws {
        let choice = ThemeChoice(name: .light, overrides: [.unread: try Style(parsing: "bold #ff0000"), .count: try Style(parsing: "green")])
        let colored = Theme.resolve(choice, color: true)
        #expect(colored.unread == Style(foreground: .rgb(255, 0, 0), attributes: [.bold]))
        #expect(colored.title == Theme.named(.light).title)
        let mono = Theme.resolve(choice, color: false)
        #expect(mono.unread == .attrs([.bold]))
        #expect(mono.count == Theme.named(.monochrome).count)
        #expect(mono.styles.values.allSatisfy { $0.foreground == .default && $0.background == .default })
    }

    @Test func theViewsDrawWithTheChosenTheme() {
        var d = Driver(width: 80, height: 24, rows: manyRows(5))
        d.state.themeChoice = ThemeChoice(name: .default, overrides: [.title: Style(foreground: .black, background: .rgb(1, 2, 3))])
        #expect(RootView.render(d.state)[1, 0].style.background == .rgb(1, 2, 3))
        d.state.useColor = false
        #expect(RootView.render(d.state)[1, 0].style == Theme.named(.monochrome).title)
    }
}
