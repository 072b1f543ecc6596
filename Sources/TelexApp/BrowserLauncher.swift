import Foundation
import TelexScreen

/// Opens a URL in the user's browser, as `$BROWSER` users expect: a `:`-separated list of
/// commands tried in order (`%s` replaced by the URL, else the URL appended), each split into
/// argv without a shell, then `xdg-open`. Only http and https URLs. A console browser (w3m,
/// lynx, links, elinks, or any unknown command when there is no display) gets the terminal while
/// it runs; a graphical one is detached with its output sent to /dev/null.
public struct BrowserLauncher: Sendable {
    /// One command to try.
    public struct Plan: Hashable, Sendable {
        public var argv: [String]
        /// True when the browser draws in the terminal, so telex must give it the screen and wait.
        public var isConsole: Bool
    }

    public var environment: [String: String]
    /// Settings `browser`; when nil `$BROWSER` is used.
    public var setting: String?
    /// Whether a command can be run (found on `PATH`); replaceable in tests.
    public var commandExists: @Sendable (String, [String: String]) -> Bool

    public init(setting: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                commandExists: @escaping @Sendable (String, [String: String]) -> Bool = BrowserLauncher.isOnPath) {
        self.setting = setting; self.environment = environment; self.commandExists = commandExists
    }

    public static let consoleBrowsers: Set<String> = ["w3m", "lynx", "links", "links2", "elinks", "browsh", "carbonyl", "www-browser"]
    public static let graphicalBrowsers: Set<String> = ["firefox", "firefox-esr", "chromium", "chromium-browser", "google-chrome",
                                                        "google-chrome-stable", "brave-browser", "epiphany", "qutebrowser", "falkon",
                                                        "konqueror", "midori", "open", "xdg-open", "x-www-browser", "gnome-www-browser",
                                                        "sensible-browser", "librewolf", "vivaldi", "opera", "microsoft-edge"]

    /// Every command to try for `url`, in order, ending with `xdg-open`; nil when the URL is not http(s).
    public func plans(for url: String) -> [Plan]? {
        guard isWebURL(url) else { return nil }
        let list = setting ?? environment["BROWSER"] ?? ""
        var plans: [Plan] = []
        for entry in list.split(separator: ":", omittingEmptySubsequences: true) {
            var argv = ArgumentSplitter.split(String(entry))
            guard !argv.isEmpty else { continue }
            if argv.contains(where: { $0.contains("%s") }) {
                argv = argv.map { $0.replacingOccurrences(of: "%s", with: url).replacingOccurrences(of: "%%", with: "%") }
            } else {
                argv.append(url)
            }
            plans.append(Plan(argv: argv, isConsole: isConsole(argv[0])))
        }
        plans.append(Plan(argv: ["xdg-open", url], isConsole: isConsole("xdg-open")))
        return plans
    }

    /// The first command of the list for `url` (without looking for it on `PATH`).
    public func command(for url: String) -> [String]? { plans(for: url)?.first?.argv }

    /// The first plan whose command exists.
    public func choose(for url: String) -> Plan? {
        plans(for: url)?.first { commandExists($0.argv[0], environment) }
    }

    /// Console or graphical, from the command's name and whether there is a display.
    public func isConsole(_ command: String) -> Bool {
        let name = (command as NSString).lastPathComponent
        if Self.consoleBrowsers.contains(name) { return true }
        let hasDisplay = !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
        if hasDisplay { return false }
        // No display: a graphical browser cannot show anything, so an unknown command (a script,
        // a wrapper) probably wants the terminal; known graphical ones still run detached.
        return !Self.graphicalBrowsers.contains(name) || name == "xdg-open" || name == "sensible-browser"
    }

    /// How `url` opens: a console browser takes the terminal (the loop runs it on its thread), a
    /// graphical one is started detached off the terminal thread, else only a message is shown.
    public enum Launch: Hashable, Sendable {
        case console(Plan)
        case detached(Plan)
        case refused(String)
    }

    public func launch(_ url: String) -> Launch {
        guard isWebURL(url) else { return .refused("Only http and https links open in the browser") }
        guard let plan = choose(for: url) else { return .refused("No browser found: set $BROWSER (or settings.browser) — " + url) }
        return plan.isConsole ? .console(plan) : .detached(plan)
    }

    /// Runs a console browser while `suspend` has given the terminal away; the status line message.
    public static func runConsole(_ plan: Plan, suspend: (() -> Void) -> Void) -> String {
        var status: Int32 = -1
        suspend { status = ProcessSpawner.runAndWait(plan.argv) }
        return status == 0 ? "Back from \(plan.argv[0])" : "\(plan.argv[0]) exited with status \(status)"
    }

    /// Starts a graphical browser in its own process group; the status line message.
    public static func startDetached(_ plan: Plan) -> String {
        if let error = ProcessSpawner.spawnDetached(plan.argv) { return "Could not start \(plan.argv[0]): \(error)" }
        return "Opened in \(plan.argv[0])"
    }

    /// Whether `command` is an executable file, directly or on `PATH`.
    public static let isOnPath: @Sendable (String, [String: String]) -> Bool = { command, environment in
        if command.contains("/") { return access(command, X_OK) == 0 }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(command)", X_OK) == 0 }
    }

    func isWebURL(_ url: String) -> Bool {
        guard let scheme = URL(string: url)?.scheme?.lowercased() else { return false }
        return scheme == "http" || scheme == "https"
    }
}
