import Foundation

/// Where telex keeps things, following the XDG base directory conventions.
public struct Paths: Sendable, Hashable {
    /// `$XDG_CONFIG_HOME/telex` (default `~/.config/telex`).
    public var configDirectory: String
    /// `$XDG_DATA_HOME/telex` (default `~/.local/share/telex`): the cache.
    public var dataDirectory: String
    /// `$XDG_STATE_HOME/telex` (default `~/.local/state/telex`): the log.
    public var stateDirectory: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func xdg(_ name: String, _ fallback: String) -> String {
            // The spec says relative paths in these variables are invalid and must be ignored.
            if let v = environment[name], v.hasPrefix("/") { return v + "/telex" }
            return home + "/" + fallback + "/telex"
        }
        configDirectory = xdg("XDG_CONFIG_HOME", ".config")
        dataDirectory = xdg("XDG_DATA_HOME", ".local/share")
        stateDirectory = xdg("XDG_STATE_HOME", ".local/state")
    }

    public var userFeedsFile: String { configDirectory + "/feeds.json" }
    public var logFile: String { stateDirectory + "/telex.log" }
}
