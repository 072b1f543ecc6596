/// Bounds requests in flight, globally and per host, serving waiters first come first served.
actor ConcurrencyLimiter {
    private let global: Int
    private let perHost: Int
    private var inFlight = 0
    private var byHost: [String: Int] = [:]
    private var waiters: [(host: String, continuation: CheckedContinuation<Void, Never>)] = []

    init(global: Int, perHost: Int) {
        self.global = max(1, global); self.perHost = max(1, perHost)
    }

    func acquire(host: String) async {
        if waiters.isEmpty, canStart(host) { start(host); return }
        await withCheckedContinuation { waiters.append((host, $0)) }
    }

    func release(host: String) {
        inFlight -= 1
        let n = (byHost[host] ?? 1) - 1
        byHost[host] = n > 0 ? n : nil
        var i = 0
        while i < waiters.count, inFlight < global {
            if canStart(waiters[i].host) {
                let w = waiters.remove(at: i)
                start(w.host)
                w.continuation.resume()
            } else {
                i += 1
            }
        }
    }

    private func canStart(_ host: String) -> Bool { inFlight < global && (byHost[host] ?? 0) < perHost }

    private func start(_ host: String) {
        inFlight += 1
        byHost[host, default: 0] += 1
    }
}
