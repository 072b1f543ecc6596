import Foundation

/// Sends stderr to a log file while curses owns the screen, so no library, logger or child
/// process writes over it; `restore` puts the terminal's stderr back.
public final class StderrLog {
    private var saved: Int32 = -1
    public let path: String

    public init(path: String) { self.path = path }

    public func redirect() throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        saved = dup(2)
        dup2(fd, 2)
        close(fd)
    }

    public func restore() {
        guard saved >= 0 else { return }
        dup2(saved, 2)
        close(saved)
        saved = -1
    }
}
