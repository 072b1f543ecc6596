import Foundation

/// The session tokens servers hand out, one per account name, in a 0600 JSON file in the cache
/// directory (`sync-tokens.json`). Written whole to a temporary file created 0600, then renamed.
public struct TokenFile: Sendable {
    public let path: String

    public init(cacheDirectory: String) { path = (cacheDirectory as NSString).appendingPathComponent("sync-tokens.json") }

    public func token(for account: String) -> String? { load()[account] }

    public func setToken(_ token: String?, for account: String) throws {
        var all = load()
        all[account] = token
        let data = try JSONSerialization.data(withJSONObject: all, options: [.sortedKeys])
        let temporary = path + ".tmp.\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary]) }
        // A file left by an older telex with a wider mode is narrowed too.
        fchmod(fd, 0o600)
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
        guard written == data.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    private func load() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] else { return [:] }
        return object
    }
}
