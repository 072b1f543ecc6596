import Foundation

/// The time the fetcher schedules by: the wall clock in the programs, a manual one in tests (due times,
/// backoff, Retry-After and batch commits are tested without waiting).
public protocol FetchClock: Sendable {
    var now: Date { get }
    /// Sleeps `seconds` of this clock's time; throws `CancellationError` when the task is cancelled.
    func sleep(for seconds: Double) async throws
}

/// The wall clock.
public struct SystemClock: FetchClock {
    public init() {}
    public var now: Date { Date() }
    public func sleep(for seconds: Double) async throws {
        try await Task.sleep(for: .milliseconds(max(0, Int((seconds * 1000).rounded(.up)))))
    }
}

/// The random factors of backoff and jitter (`Backoff`), replaceable so tests get exact due times.
public struct Jitter: Sendable {
    let next: @Sendable () -> Double
    public init(_ next: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) { self.next = next }
    /// Always the middle of the range: no jitter at all, backoff at 3/4 of its span.
    public static let none = Jitter { 0.5 }
}
