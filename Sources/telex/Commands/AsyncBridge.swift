import Foundation

/// Runs async work from a synchronous command's `run()`: the root command is synchronous, and
/// the work runs on the global executor, so blocking the main thread here cannot deadlock it.
enum AsyncBridge {
    final class Box<T>: @unchecked Sendable { var value: Result<T, Error>? }

    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.value = .success(try await body()) } catch { box.value = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.value!.get()
    }

    /// `run` for work that cannot fail.
    static func wait(_ body: @escaping @Sendable () async -> Void) {
        try? run { await body() }
    }
}
