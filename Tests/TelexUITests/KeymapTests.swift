import Foundation
import TelexArticles
import TelexModel
import TelexScreen
import Testing
@testable import TelexUI

@Suite("Keymap: one table for dispatch, help and docs")
struct KeymapTests {
    /// A state showing `context`, with something in it for commands to act on.
    static func state(_ context: KeyContext) -> AppState {
        switch context {
        case .reader: return ReaderFixtures.state(width: 80, height: 24)
        case .lists, .everywhere:
            var d = Driver(width: 120, height: 40, rows: manyRows(30))
            d.press(.enter)
            return d.state
        }
    }

    /// The commands a context's handler answers (nil from a handler: not meaningful there).
    static func handled(in context: KeyContext) -> Set<Command> {
        Set(Command.allCases.filter { command in
            var s = state(context)
            if runEverywhere(command, &s) != nil { return true }
            return context == .reader ? runReaderCommand(command, count: nil, &s) != nil
                                      : runListsCommand(command, count: nil, &s) != nil
        })
    }

    @Test(arguments: [KeyContext.lists, .reader])
    func everyBoundCommandHasAHandlerAndEveryHandlerAKey(_ context: KeyContext) {
        let bound = Set(Keymap.standard.bindings(for: context).map(\.command))
        let handled = Self.handled(in: context)
        #expect(bound.subtracting(handled).isEmpty, "bound without a handler: \(bound.subtracting(handled))")
        #expect(handled.subtracting(bound).isEmpty, "handled without a key: \(handled.subtracting(bound))")
    }

    @Test func everyCommandIsBoundSomewhere() {
        let bound = Set(Keymap.standard.bindings.map(\.command))
        #expect(Set(Command.allCases).subtracting(bound).isEmpty)
    }

    @Test func noKeySequenceIsBoundTwiceInAContext() {
        for context in KeyContext.allCases {
            let keys = Keymap.standard.bindings.filter { $0.context == context }.map(\.keys)
            #expect(Set(keys).count == keys.count, "\(context)")
        }
    }

    /// docs/keys.md carries the generated tables between its markers. TELEX_WRITE_DOCS=1 rewrites them.
    @Test func docsKeysListsTheKeymap() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/keys.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let begin = "<!-- BEGIN keymap (generated from Keymap.standard: TELEX_WRITE_DOCS=1 swift test --filter KeymapTests) -->\n"
        let end = "<!-- END keymap -->"
        let start = try #require(text.range(of: begin)), stop = try #require(text.range(of: end))
        let current = String(text[start.upperBound..<stop.lowerBound])
        let generated = Keymap.standard.markdown()
        if current != generated, ProcessInfo.processInfo.environment["TELEX_WRITE_DOCS"] == "1" {
            try (String(text[..<start.upperBound]) + generated + String(text[stop.lowerBound...])).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == generated)
    }

    @Test func theHelpListsTheKeysOfTheContextFromTheKeymap() {
        var s = Self.state(.reader)
        s.press(.character("?"))
        let text = RootView.render(s).lines.joined(separator: "\n")
        #expect(text.contains("Ctrl-D"))
        #expect(text.contains("half a page down"))
        #expect(text.contains("Keys: reading view"))
        #expect(!text.contains("show a section's feeds"))
    }

    @Test func aRebindingChangesWhatTheKeyDoesAndWhatTheHelpShows() {
        var s = Self.state(.reader)
        s.keymap = Keymap(Keymap.standard.bindings.filter { $0.command != .down } + [KeyBinding(.reader, [.character("x")], .down)])
        s.press(.character("x"))
        #expect(s.reader?.scroll == 1)
        s.press(.character("j"))
        #expect(s.reader?.scroll == 1)
        s.press(.character("?"))
        let text = RootView.render(s).lines.joined(separator: "\n")
        #expect(text.contains(" x ") && text.contains("scroll a line down"))
    }

    @Test func aSequenceWaitsForItsSecondKey() {
        var s = Self.state(.reader)
        s.keymap = Keymap(Keymap.standard.bindings.filter { $0.command != .top }
                          + [KeyBinding(.reader, [.character("g"), .character("g")], .top)])
        s.press(.character("G"))
        let end = s.reader!.scroll
        #expect(end > 0)
        s.press(.character("g"))
        #expect(s.reader?.scroll == end)
        #expect(s.pendingKeys == [.character("g")])
        s.press(.character("g"))
        #expect(s.reader?.scroll == 0)
        #expect(s.pendingKeys.isEmpty)
        // An unbound continuation drops the sequence.
        s.press(.character("g"), .character("x"), .character("j"))
        #expect(s.pendingKeys.isEmpty && s.reader?.scroll == 1)
    }

    @Test(arguments: [
        (Key.character("j"), "j"), (.down, "↓"), (.character(" "), "Space"), (.ctrl("d"), "Ctrl-D"), (.backTab, "Shift-Tab"),
        (.pageDown, "PgDn"), (.escape, "Esc"), (.function(5), "F5"),
    ]) func keysHaveTheLabelsTheHelpShows(_ key: Key, _ label: String) {
        #expect(key.label == label)
    }
}
