import Foundation
import Testing
@testable import TelexFetch
import TelexModel
import TelexStore

/// The pass keeps a bounded window of feeds in flight (a cold pass of 300 feeds once queued every
/// parsed feed behind the writer: 113 MB peak).
@Suite struct WindowTests {
    /// Counts work running, and work started but not yet consumed (its maximum is the memory bound).
    final class Gauge: @unchecked Sendable {
        private let lock = NSLock()
        private var running = 0, open = 0
        private(set) var peakRunning = 0, peakOpen = 0
        func start() { lock.withLock { running += 1; open += 1; peakRunning = max(peakRunning, running); peakOpen = max(peakOpen, open) } }
        func finish() { lock.withLock { running -= 1 } }
        func consumed() { lock.withLock { open -= 1 } }
        var mostRunning: Int { lock.withLock { peakRunning } }
    }

    @Test func theWindowIsFilledAndNoMoreIsStartedAndUnconsumedAtOnce() async {
        let gauge = Gauge()
        var consumed: [Int] = []
        await forEachWindowed(Array(0..<200), window: 7, work: { n in
            gauge.start()
            // The first seven wait for one another: the window must run them all at once. (Bounded, so
            // that a smaller window fails the expectation below instead of hanging.)
            var waited = 0
            while n < 7, gauge.mostRunning < 7, waited < 5_000 {
                try? await Task.sleep(nanoseconds: 1_000_000)
                waited += 1
            }
            gauge.finish()
            return n
        }) { n in
            consumed.append(n)
            gauge.consumed()
        }
        #expect(consumed.sorted() == Array(0..<200))
        #expect(gauge.peakRunning == 7, "the window runs exactly seven at once")
        #expect(gauge.peakOpen <= 7 + 1, "the window, plus the output being consumed")
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
