import Foundation

/// Why the cache cannot be opened or written, with a message that says what to do.
public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The cache was written by a newer telex (it has migrations this version does not know).
    case newerVersion(path: String, unknownMigrations: [String])
    /// The file is not a SQLite database or its pages are damaged.
    case corrupt(path: String, detail: String)
    /// The directory or the file cannot be written.
    case readOnly(path: String)
    /// The disk (or quota) is full.
    case diskFull(path: String)
    /// A read-only open of a cache that does not exist yet.
    case missing(path: String)
    /// The directory cannot be created or used.
    case directory(path: String, detail: String)
    /// The database stayed locked by another process longer than the busy timeout.
    case busy(path: String)
    /// Any other SQLite failure.
    case database(path: String, detail: String)

    public var description: String {
        switch self {
        case let .newerVersion(path, unknown):
            return "the cache \(path) was written by a newer version of telex (unknown schema changes: "
                + unknown.joined(separator: ", ") + "); upgrade telex, or use another --cache directory. "
                + "It was left untouched."
        case let .corrupt(path, detail):
            return "the cache \(path) is damaged or is not a telex cache (\(detail)); it was left untouched. "
                + "Move it away (telex will then start a fresh cache) or use another --cache directory."
        case let .readOnly(path):
            return "the cache \(path) is read-only (check the permissions of the file and its directory, "
                + "or use another --cache directory)"
        case let .diskFull(path):
            return "the disk holding the cache \(path) is full; free some space and retry (nothing committed was lost)"
        case let .missing(path):
            return "there is no cache at \(path) yet; run `telex fetch` first"
        case let .directory(path, detail):
            return "cannot use the cache directory \(path): \(detail)"
        case let .busy(path):
            return "the cache \(path) stayed locked by another telex process; retry in a moment"
        case let .database(path, detail):
            return "cache error in \(path): \(detail)"
        }
    }
}
