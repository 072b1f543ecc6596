import Foundation
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

    /// JSON for `--json` outputs: sorted keys so the output is stable.
    static func json(_ value: Any) {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else { return }
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
