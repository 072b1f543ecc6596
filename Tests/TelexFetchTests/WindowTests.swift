import Foundation
import Testing
@testable import TelexFetch
import TelexModel
import TelexStore

/// The pass keeps a bounded window of feeds in flight (a cold pass of 300 feeds once queued every
/// parsed feed behind the writer: 113 MB peak).
@Suite struct WindowTests {
    /// Counts started-but-not-consumed work; its maximum is the memory bound.
    final class Gauge: @unchecked Sendable {
        private let lock = NSLock()
        private var open = 0
        private(set) var peak = 0
        func start() { lock.lock(); open += 1; peak = max(peak, open); lock.unlock() }
        func consumed() { lock.lock(); open -= 1; lock.unlock() }
    }

    @Test func noMoreThanTheWindowIsStartedAndUnconsumedAtOnce() async {
        let gauge = Gauge()
        var consumed: [Int] = []
        await forEachWindowed(Array(0..<200), window: 7, work: { n in
            gauge.start()
            try? await Task.sleep(nanoseconds: UInt64(n % 5) * 200_000)
            return n
        }) { n in
            consumed.append(n)
            gauge.consumed()
        }
        #expect(consumed.sorted() == Array(0..<200))
        #expect(gauge.peak <= 7 + 1, "the window, plus the output being consumed")
        #expect(gauge.peak >= 2, "the window runs work concurrently")
    }

    @Test func emptyInputAndAZeroWindowFinish() async {
        var count = 0
        await forEachWindowed([Int](), window: 4, work: { $0 }) { _ in count += 1 }
        await forEachWindowed([1, 2, 3], window: 0, work: { $0 }) { _ in count += 1 }
        #expect(count == 3)
    }

    @Test func feedsAreStartedRoundRobinOverHosts() {
        func feed(_ id: Int64, _ url: String) -> FeedFetchInfo { FeedFetchInfo(id: FeedID(id), url: url, section: "S") }
        let feeds = [feed(1, "https://a.example/1"), feed(2, "https://a.example/2"), feed(3, "https://A.example/3"),
                     feed(4, "https://b.example/1"), feed(5, "https://c.example/1"), feed(6, "https://b.example/2"), feed(7, "not a url")]
        #expect(HostInterleaving.feeds(feeds).map(\.id.rawValue) == [1, 4, 5, 7, 2, 6, 3])
    }
}
