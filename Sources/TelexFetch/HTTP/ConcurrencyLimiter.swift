import Synchronization

/// Bounds requests in flight, globally and per host, serving waiters first come first served. A
/// waiter whose task is cancelled leaves the queue at once (a stopped pass must not wait for slots).
final class ConcurrencyLimiter: Sendable {
    private struct Waiter {
        var id: UInt64
        var host: String
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var inFlight = 0
        var byHost: [String: Int] = [:]
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
        /// Acquires that have an id but are not queued or decided yet.
        var unqueued: Set<UInt64> = []
        /// Of those, the ones cancelled already.
        var cancelled: Set<UInt64> = []
    }

    private let global: Int
    private let perHost: Int
    private let state = Mutex(State())

    init(global: Int, perHost: Int) {
        self.global = max(1, global); self.perHost = max(1, perHost)
    }

    /// Takes a slot for `host`; false when the task was cancelled first (no slot is then held).
    func acquire(host: String) async -> Bool {
        if Task.isCancelled { return false }
        let id = state.withLock { s in s.nextID += 1; s.unqueued.insert(s.nextID); return s.nextID }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let startNow: Bool? = state.withLock { s in
                    s.unqueued.remove(id)
                    if s.cancelled.remove(id) != nil { return false }
                    if s.waiters.isEmpty, canStart(host, s) { start(host, &s); return true }
                    s.waiters.append(Waiter(id: id, host: host, continuation: continuation))
                    return nil
                }
                if let startNow { continuation.resume(returning: startNow) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { s in
                guard let index = s.waiters.firstIndex(where: { $0.id == id }) else {
                    if s.unqueued.contains(id) { s.cancelled.insert(id) }
                    return nil
                }
                return s.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: false)
        }
    }

    func release(host: String) {
        let granted: [Waiter] = state.withLock { s in
            s.inFlight -= 1
            let n = (s.byHost[host] ?? 1) - 1
            s.byHost[host] = n > 0 ? n : nil
            var granted: [Waiter] = []
            var i = 0
            while i < s.waiters.count, s.inFlight < global {
                if canStart(s.waiters[i].host, s) {
                    let w = s.waiters.remove(at: i)
                    start(w.host, &s)
                    granted.append(w)
                } else {
                    i += 1
                }
            }
            return granted
        }
        for w in granted { w.continuation.resume(returning: true) }
    }

    private func canStart(_ host: String, _ s: State) -> Bool { s.inFlight < global && (s.byHost[host] ?? 0) < perHost }

    private func start(_ host: String, _ s: inout State) {
        s.inFlight += 1
        s.byHost[host, default: 0] += 1
    }
}
