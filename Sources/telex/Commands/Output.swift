import Foundation
import TelexModel
import TelexScreen

/// Human-readable output: everything passes the same terminal-safe filter as the TUI.
enum Output {
    static func line(_ text: String) {
        print(TerminalSafe.clean(text, keepNewlines: true))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("telex: " + TerminalSafe.clean(text, keepNewlines: true) + "\n").utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(1) == 1 }

    /// One JSON document for a `--json` output (indented, keys sorted, controls and bidi escaped).
    static func json(_ value: JSONValue) {
        JSONWriter.standardOutput().document(value)
    }
}
