#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Follows feeds.json while a reader or `telex serve` runs: `check()` compares the file's modification
/// time, size and inode with the last look and reloads it when they moved. A broken file is reported once
/// (until it changes again) and the previous configuration stays in force.
public struct ConfigurationWatch: Sendable {
    /// What a check found.
    public enum Change: Sendable {
        /// The file changed and loads: the new configuration (it differs from the previous one).
        case reloaded(Configuration)
        /// The file changed and does not load; the previous configuration is kept.
        case rejected(ConfigurationError)
    }

    private struct Signature: Equatable, Sendable {
        var exists: Bool
        var modified: Int64
        var size: Int64
        var inode: UInt64
    }

    public let explicitPath: String?
    public let paths: Paths
    /// The configuration in force.
    public private(set) var current: Configuration
    private var seen: Signature

    /// Starts from `current`, as loaded from `explicitPath` or the user's feeds.json.
    public init(current: Configuration, explicitPath: String?, paths: Paths) {
        self.current = current; self.explicitPath = explicitPath; self.paths = paths
        seen = Self.signature(explicitPath ?? paths.userFeedsFile)
    }

    /// The file that decides (the user's feeds.json may appear after start, replacing the built-in default).
    public var watchedPath: String { explicitPath ?? paths.userFeedsFile }

    /// Looks at the file; nil when nothing changed (or the change makes no difference).
    public mutating func check() -> Change? {
        let now = Self.signature(watchedPath)
        guard now != seen else { return nil }
        seen = now
        do {
            let loaded = try ConfigurationLoader.load(explicitPath: explicitPath, paths: paths)
            guard loaded != current else { return nil }
            current = loaded
            return .reloaded(loaded)
        } catch {
            return .rejected(error)
        }
    }

    /// Loads the file whatever its signature (SIGHUP): `.reloaded` even when nothing changed.
    public mutating func reload() -> Change? {
        seen = Self.signature(watchedPath)
        do {
            current = try ConfigurationLoader.load(explicitPath: explicitPath, paths: paths)
            return .reloaded(current)
        } catch {
            return .rejected(error)
        }
    }

    private static func signature(_ path: String) -> Signature {
        var info = stat()
        guard stat(path, &info) == 0 else { return Signature(exists: false, modified: 0, size: 0, inode: 0) }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return Signature(exists: true, modified: modified, size: Int64(info.st_size), inode: UInt64(info.st_ino))
    }
}
