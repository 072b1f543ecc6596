#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TelexModel

/// What the process holding the fetch lock is doing, as `<cache>/fetch-status.json` says: the pass
/// running now and the last one that finished, with the fetch requests each answered.
public struct FetchStatus: Codable, Sendable, Hashable {
    public struct Pass: Codable, Sendable, Hashable {
        public var started: Date
        /// The highest fetch request (`Store.requestFetch`) this pass answers; 0 when it answers none.
        /// A pass answers only the requests it took when it began.
        public var answeredRequest: Int64
        public var progress: FetchProgress

        public init(started: Date, answeredRequest: Int64, progress: FetchProgress) {
            self.started = started
            self.answeredRequest = answeredRequest
            self.progress = progress
        }
    }
    public var pid: Int32
    public var role: FetchLock.Role
    public var current: Pass?
    public var last: Pass?

    public init(pid: Int32, role: FetchLock.Role, current: Pass?, last: Pass?) {
        self.pid = pid
        self.role = role
        self.current = current
        self.last = last
    }
}

/// Publishes a pass's progress in a small file beside the cache, replaced atomically (write, rename) a
/// few times a second. Not a row of the cache: every commit there moves `data_version`, which makes
/// every open reader re-query (the progress row did it four times a second during a pass).
public final class FetchStatusFile: @unchecked Sendable {
    public static func path(cacheDirectory: String) -> String { cacheDirectory + "/fetch-status.json" }

    /// The published status, or nil when there is none (or it cannot be read).
    public static func read(cacheDirectory: String) -> FetchStatus? {
        FileManager.default.contents(atPath: path(cacheDirectory: cacheDirectory)).flatMap(decode)
    }

    /// The status in the file's bytes, or nil when they are not one.
    public static func decode(_ data: Data) -> FetchStatus? {
        try? decoder.decode(FetchStatus.self, from: data)
    }

    private let path: String
    private let lock = NSLock()
    private var status: FetchStatus
    private var lastWrite = Date.distantPast
    /// Seconds between two writes of a running pass.
    private let interval: Double

    public init(cacheDirectory: String, role: FetchLock.Role, interval: Double = 0.25) {
        path = Self.path(cacheDirectory: cacheDirectory)
        self.interval = interval
        let previous = Self.read(cacheDirectory: cacheDirectory)
        status = FetchStatus(pid: getpid(), role: role, current: nil, last: previous?.last)
    }

    /// A pass begins.
    func begin(_ progress: FetchProgress, started: Date, answering request: Int64) {
        lock.lock(); defer { lock.unlock() }
        status.current = FetchStatus.Pass(started: started, answeredRequest: request, progress: progress)
        publish()
    }

    /// The running pass moved on (written at most every `interval` seconds).
    func update(_ progress: FetchProgress) {
        lock.lock(); defer { lock.unlock() }
        status.current?.progress = progress
        if Date().timeIntervalSince(lastWrite) >= interval { publish() }
    }

    /// The pass ended: it becomes the last pass. A pass stopped before its end (SIGTERM) answers no
    /// request: whoever asked keeps waiting, and fetches itself once the lock is free.
    func finish(_ progress: FetchProgress, complete: Bool) {
        lock.lock(); defer { lock.unlock() }
        if var pass = status.current {
            pass.progress = progress
            if !complete { pass.answeredRequest = 0 }
            status.last = pass
        }
        status.current = nil
        publish()
    }

    private func publish() {
        lastWrite = Date()
        guard let data = try? Self.encoder.encode(status) else { return }
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        if written == data.count { rename(temporary, path) } else { unlink(temporary) }
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .millisecondsSince1970
        return e
    }()
    private static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .millisecondsSince1970
        return d
    }()
}
