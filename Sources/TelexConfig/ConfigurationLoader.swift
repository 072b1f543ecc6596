import Foundation

/// Finds and loads feeds.json: `--config PATH`, else `$XDG_CONFIG_HOME/telex/feeds.json`, else the
/// default compiled into the binary. Never touches the cache.
public enum ConfigurationLoader {
    public static let builtInSource = "(built-in feeds.json)"
    /// Larger files are refused (a feeds.json of thousands of feeds is a few hundred KiB).
    public static let maximumBytes = 16 << 20

    public static func load(explicitPath: String?, paths: Paths) throws(ConfigurationError) -> Configuration {
        if let path = explicitPath { return try loadFile(path) }
        if FileManager.default.fileExists(atPath: paths.userFeedsFile) { return try loadFile(paths.userFeedsFile) }
        return builtIn()
    }

    public static func loadFile(_ path: String) throws(ConfigurationError) -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (check its permissions)" : "does not exist"
            throw ConfigurationError(file: path, problems: [ConfigurationProblem(line: 0, path: "", message: "the file \(reason)")])
        }
        if data.count > maximumBytes {
            throw ConfigurationError(file: path, problems: [ConfigurationProblem(line: 0, path: "", message: "the file is larger than 16 MiB")])
        }
        return try ConfigurationParser.parse(Array(data), source: path)
    }

    /// The bundled default. It is validated by the test suite, so failure here is a build defect.
    public static func builtIn() -> Configuration {
        do { return try ConfigurationParser.parse(Array(DefaultFeeds.json.utf8), source: builtInSource) } catch {
            fatalError("the built-in feeds.json is invalid: \(error)")
        }
    }

    /// The bundled default as text (for `make install` and `telex feeds --default`).
    public static var builtInText: String { DefaultFeeds.json }
}
