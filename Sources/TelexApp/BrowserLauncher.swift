import Foundation

/// Opens a URL in the user's browser, detached: `$BROWSER` (its first `:`-separated entry, `%s`
/// replaced by the URL or the URL appended, split on spaces into argv, no shell), else `xdg-open`.
/// Only http and https URLs. (The reading view's issue adds console browsers that take the terminal.)
public struct BrowserLauncher: Sendable {
    public var environment: [String: String]
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) { self.environment = environment }

    /// The argv to run for `url`, or nil when the URL is not http(s).
    public func command(for url: String) -> [String]? {
        guard let u = URL(string: url), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        let entry = (environment["BROWSER"] ?? "").split(separator: ":").first.map(String.init) ?? ""
        var argv = entry.split(separator: " ").map(String.init)
        if argv.isEmpty { return ["xdg-open", url] }
        if argv.contains(where: { $0.contains("%s") }) {
            argv = argv.map { $0.replacingOccurrences(of: "%s", with: url) }
        } else {
            argv.append(url)
        }
        return argv
    }

    /// Starts the browser; returns a message for the status line when it cannot.
    public func open(_ url: String) -> String? {
        guard let argv = command(for: url) else { return "Only http and https links open in the browser" }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return "Could not start \(argv[0]): \(error.localizedDescription)" }
        return nil
    }
}
