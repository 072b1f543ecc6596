#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The one-fetcher-per-cache lock: an exclusive `flock` on `<cache>/fetch.lock`, which holds the
/// holder's PID. The kernel releases it when the process exits, even on SIGKILL, so it never goes stale.
public final class FetchLock: @unchecked Sendable {
    /// The lock file's path in a cache directory.
    public static func path(cacheDirectory: String) -> String { cacheDirectory + "/fetch.lock" }

    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }
    deinit { release() }

    /// What `acquire` found.
    public enum Outcome {
        case acquired(FetchLock)
        /// Another process holds it (its PID when it wrote one).
        case heldBy(pid: Int32?)
    }

    /// Takes the lock without waiting and writes our PID into the file.
    public static func acquire(cacheDirectory: String) throws -> Outcome {
        try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        let fd = open(path(cacheDirectory: cacheDirectory), O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EACCES) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let pid = readPID(fd)
            close(fd)
            return .heldBy(pid: pid)
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return .acquired(FetchLock(descriptor: fd))
    }

    /// The PID of the process holding the lock, or nil when nobody holds it.
    public static func holder(cacheDirectory: String) -> Int32? {
        let fd = open(path(cacheDirectory: cacheDirectory), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 { flock(fd, LOCK_UN); return nil }
        return readPID(fd) ?? 0
    }

    /// Releases the lock (also done on deinit and by the kernel at exit).
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
