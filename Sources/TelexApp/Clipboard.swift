import Foundation

/// Copies a URL for the user: OSC 52 (the terminal copies; the backend writes the sequence) when
/// the `osc52` setting is on, else `wl-copy` or `xclip` run as argv with the text on stdin, else
/// the URL is shown in the status line to copy by hand.
public struct Clipboard: Sendable {
    public enum Method: Hashable, Sendable {
        case osc52
        case command([String])
        case showOnly
    }

    public var osc52: Bool
    public var environment: [String: String]
    public var commandExists: @Sendable (String, [String: String]) -> Bool

    public init(osc52: Bool, environment: [String: String] = ProcessInfo.processInfo.environment,
                commandExists: @escaping @Sendable (String, [String: String]) -> Bool = BrowserLauncher.isOnPath) {
        self.osc52 = osc52; self.environment = environment; self.commandExists = commandExists
    }

    /// The method to use, in order of preference.
    public var method: Method {
        if osc52 { return .osc52 }
        if !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty, commandExists("wl-copy", environment) { return .command(["wl-copy"]) }
        if !(environment["DISPLAY"] ?? "").isEmpty, commandExists("xclip", environment) { return .command(["xclip", "-selection", "clipboard"]) }
        return .showOnly
    }

    /// The OSC 52 payload: base64 only, so no byte of the content can act on the terminal.
    public static func osc52Payload(_ text: String) -> String {
        Data(text.utf8.prefix(100_000)).base64EncodedString()
    }

    /// Copies `text` with a clipboard command (`wl-copy`, `xclip`); the status line message. It
    /// waits for the command, so the loop runs it off the terminal thread.
    public static func runCommand(_ argv: [String], text: String) -> String {
        ProcessSpawner.runFeeding(argv, input: Data(text.utf8)) ? "Copied " + text : "Copy failed; the URL: " + text
    }
}
