/// A counting semaphore for async code: parsing and extraction run at most one per core.
actor AsyncSemaphore {
    private var permits: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) { self.permits = max(1, permits) }

    func acquire() async {
        if permits > 0 { permits -= 1; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { permits += 1 } else { waiters.removeFirst().resume() }
    }

    /// Runs `work` holding one permit.
    func run<T: Sendable>(_ work: @Sendable () throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try work()
    }
}
