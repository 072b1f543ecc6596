#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TelexConfig
import TelexModel
import TelexStore

/// The process that ran a pass.
public struct PassRunner: Sendable, Hashable {
    public var pid: Int32
    public var role: FetchLock.Role
    public init(pid: Int32, role: FetchLock.Role) { self.pid = pid; self.role = role }
    public var isThisProcess: Bool { pid == getpid() }
}

/// What "fetch now" does, as it happens.
public enum FetchEvent: Sendable, Hashable {
    /// Another process holds the fetch lock. A live `telex serve` was left a request (`askedDaemon`) and
    /// its answer is awaited; anything else is waited out, and the lock taken when it frees.
    case waiting(FetchLock.Holder, askedDaemon: Bool)
    /// The counters of the pass that answers (ours, or the daemon's).
    case progress(FetchProgress, by: PassRunner)
    /// One feed's outcome (passes run in this process only; the daemon logs its own).
    case feed(FeedReport)
    /// The pass that answers ended.
    case finished(FetchProgress, by: PassRunner)
}

/// How to fetch now.
public struct FetchNowRequest: Sendable {
    public var options: PassOptions
    /// Who asks (`.fetch` or `.reader`), written into the lock when the pass runs here.
    public var role: FetchLock.Role
    /// False: when another process holds the lock, leave a daemon its request and end at once.
    public var wait: Bool
    /// Seconds between looks at the lock and the daemon's status while waiting.
    public var pollInterval: Double

    public init(options: PassOptions, role: FetchLock.Role, wait: Bool = true, pollInterval: Double = 0.2) {
        self.options = options; self.role = role; self.wait = wait; self.pollInterval = pollInterval
    }
}

/// "Fetch now", the one way `telex fetch` and the reader's `r` do it (docs/fetch.md, "Who fetches"):
/// fetch in this process when the lock is free; when a live `telex serve` holds it, leave it a request
/// and wait for a pass that began after the request; when anything else holds it (another `telex fetch`,
/// a reader, a PID that is not a daemon), wait for the lock and take it when it frees. The lock is
/// rechecked while waiting, so a daemon that exits is replaced by a pass here, and a request nobody took
/// is withdrawn.
public enum FetchCoordinator {
    /// The events of one "fetch now"; the stream ends after `.finished` (or after `.waiting` when not
    /// waiting) and throws cache errors (`StoreError`, `PassWriteError`). Ending the stream early (the
    /// consumer cancels) stops the pass or withdraws the request.
    public static func fetchNow(service: FetchService, cacheDirectory: String,
                                request: FetchNowRequest) -> AsyncThrowingStream<FetchEvent, Error> {
        let (stream, continuation) = AsyncThrowingStream<FetchEvent, Error>.makeStream()
        let task = Task {
            do {
                try await fetchNow(service: service, cacheDirectory: cacheDirectory, request: request) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The same, reporting to `yield`, for a caller that cancels its own task to stop (`telex fetch` on
    /// SIGINT): a pass here then writes what finished and ends with `.finished`; a wait throws
    /// `CancellationError` after withdrawing its request.
    public static func fetchNow(service: FetchService, cacheDirectory: String, request: FetchNowRequest,
                                yield: @escaping @Sendable (FetchEvent) -> Void) async throws {
        let store = service.store
        var asked: Int64?
        var announced: FetchLock.Holder?
        defer { if let asked { try? store.cancelFetchRequest(asked) } }
        while true {
            try Task.checkCancellation()
            switch try FetchLock.acquire(cacheDirectory: cacheDirectory, role: request.role) {
            case .acquired(let lock):
                defer { lock.release() }
                if let id = asked { try? store.cancelFetchRequest(id); asked = nil }
                let me = PassRunner(pid: getpid(), role: request.role)
                let status = FetchStatusFile(cacheDirectory: cacheDirectory, role: request.role)
                let summary = try await service.runPass(request.options, status: status) { event in
                    switch event {
                    case .progress(let progress): yield(.progress(progress, by: me))
                    case .feed(let report): yield(.feed(report))
                    }
                }
                yield(.finished(summary, by: me))
                return
            case .heldBy(let holder) where holder.isLiveDaemon:
                if asked == nil {
                    asked = try store.requestFetch(feeds: try feedIDs(store, request.options.selection), force: request.options.force,
                                                   origin: request.role.rawValue)
                    announced = holder
                    yield(.waiting(holder, askedDaemon: true))
                    // Not waiting: the daemon keeps the request.
                    if !request.wait { asked = nil; return }
                }
                if let id = asked, let status = FetchStatusFile.read(cacheDirectory: cacheDirectory), status.pid == holder.pid {
                    let daemon = PassRunner(pid: status.pid, role: status.role)
                    if let last = status.last, last.answeredRequest >= id {
                        asked = nil
                        yield(.finished(last.progress, by: daemon))
                        return
                    }
                    if let current = status.current, current.answeredRequest >= id { yield(.progress(current.progress, by: daemon)) }
                }
            case .heldBy(let holder):
                if let id = asked { try? store.cancelFetchRequest(id); asked = nil }
                if announced != holder {
                    announced = holder
                    yield(.waiting(holder, askedDaemon: false))
                }
                if !request.wait { return }
            }
            try await service.clock.sleep(for: request.pollInterval)
        }
    }

    /// The cache ids of a selection (nil: every feed).
    static func feedIDs(_ store: Store, _ selection: FeedSelection) throws -> [FeedID]? {
        if case .all = selection { return nil }
        return try store.feedsForFetching().filter { FetchService.matches($0, selection) }.map(\.id)
    }
}
