#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TelexStore

/// The one-fetcher-per-cache lock: an exclusive `flock` on `<cache>/fetch.lock` (mode 0600), which holds
/// the holder's PID and role ("1234 serve"). The kernel releases it when the process exits, even on
/// SIGKILL, so it never goes stale; the PID written in the file may be (a holder that has not written
/// yet, a process that is not telex), which is why waiters check that a daemon is alive before asking it.
public final class FetchLock: @unchecked Sendable {
    /// Who fetches.
    public enum Role: String, Sendable, Hashable, Codable {
        /// `telex serve`: answers fetch requests left in the cache.
        case serve
        /// `telex fetch`.
        case fetch
        /// The reader's `r`.
        case reader
    }

    /// The process holding the lock, as its file says.
    public struct Holder: Sendable, Hashable, CustomStringConvertible {
        public var pid: Int32?
        public var role: Role?
        public init(pid: Int32?, role: Role?) { self.pid = pid; self.role = role }

        /// A running `telex serve`: the only holder worth leaving a request for.
        public var isLiveDaemon: Bool { role == .serve && pid.map(FetchLock.isAlive) == true }

        /// Who it is, by what its file says, but only for a live process: a stale line names nobody.
        public var description: String {
            guard let pid, FetchLock.isAlive(pid) else { return "another process" }
            switch role {
            case .serve?: return "telex serve (pid \(pid))"
            case .fetch?: return "another telex fetch (pid \(pid))"
            case .reader?: return "a telex reader (pid \(pid))"
            case nil: return "process \(pid)"
            }
        }
    }

    /// The lock file's path in a cache directory.
    public static func path(cacheDirectory: String) -> String { cacheDirectory + "/fetch.lock" }

    private var descriptor: Int32
    public let role: Role

    private init(descriptor: Int32, role: Role) { self.descriptor = descriptor; self.role = role }
    deinit { release() }

    /// What `acquire` found.
    public enum Outcome {
        case acquired(FetchLock)
        /// Another process holds it.
        case heldBy(Holder)
    }

    /// Takes the lock without waiting and writes our PID and role into the file. Creates the cache
    /// directory (0700) when needed; a `--cache` that is a file or cannot be created is a `StoreError`.
    public static func acquire(cacheDirectory: String, role: Role) throws -> Outcome {
        try Store.prepareDirectory(cacheDirectory)
        let fd = open(path(cacheDirectory: cacheDirectory), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EACCES) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = readHolder(fd)
            close(fd)
            return .heldBy(holder)
        }
        let text = Array("\(getpid()) \(role.rawValue)\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return .acquired(FetchLock(descriptor: fd, role: role))
    }

    /// The process holding the lock, or nil when nobody holds it.
    public static func holder(cacheDirectory: String) -> Holder? {
        let fd = open(path(cacheDirectory: cacheDirectory), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 { flock(fd, LOCK_UN); return nil }
        return readHolder(fd)
    }

    /// Releases the lock (also done on deinit and by the kernel at exit).
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    /// Whether a process with this PID exists (EPERM: it does, owned by someone else).
    public static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    private static func readHolder(_ fd: Int32) -> Holder {
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return Holder(pid: nil, role: nil) }
        let words = String(decoding: buffer[..<n], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        return Holder(pid: words.first.flatMap { Int32($0) }, role: words.dropFirst().first.flatMap { Role(rawValue: String($0)) })
    }
}
