import Foundation

/// The pictures' files: `images/ab/<sha256>.png` beside the cache database, each named by the SHA-256 of
/// its bytes (content-addressed: one file however many articles and URLs show it). Files are written
/// before the row that names them, and deleted by retention once no row names them.
public struct ImageFiles: Sendable {
    public let directory: String

    public init(cacheDirectory: String) {
        directory = (cacheDirectory as NSString).appendingPathComponent("images")
    }

    /// The path of the file named by `sha256` (64 lowercase hex digits; anything else has no path).
    public func path(_ sha256: String) -> String? {
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        return (directory as NSString).appendingPathComponent(String(sha256.prefix(2)) + "/" + sha256 + ".png")
    }

    /// Writes `bytes` as the file `sha256` names (atomically: a temporary file renamed), unless it exists.
    public func write(_ bytes: [UInt8], sha256: String) throws {
        guard let path = path(sha256) else { throw CocoaError(.fileWriteInvalidFileName) }
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { return }
        let folder = (path as NSString).deletingLastPathComponent
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Deletes the file `sha256` names (no error when it is already gone).
    func remove(_ sha256: String) {
        guard let path = path(sha256) else { return }
        unlink(path)
    }
}
