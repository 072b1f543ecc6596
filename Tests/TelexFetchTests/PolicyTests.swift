import Foundation
import Testing
@testable import TelexFetch

@Suite struct PolicyTests {
    @Test(arguments: ["127.0.0.1", "10.1.2.3", "172.16.5.4", "172.31.255.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
                      "100.64.0.1", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "localhost", "[::1]"])
    func privateAndLoopbackAddressesAreRecognised(host: String) {
        #expect(AddressPolicy.isPrivate(host: host))
    }

    @Test(arguments: ["93.184.216.34", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2606:4700::1111", "[2001:db9::1]"])
    func publicAddressesAreNotPrivate(host: String) {
        #expect(!AddressPolicy.isPrivate(host: host))
    }

    @Test func retryAfterAcceptsSecondsAndHTTPDates() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RetryAfter.parse("120", now: now) == now.addingTimeInterval(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == now)
        let date = HTTPDate.format(now.addingTimeInterval(3600))
        #expect(RetryAfter.parse(date, now: now) == now.addingTimeInterval(3600))
        #expect(RetryAfter.parse("99999999", now: now) == now.addingTimeInterval(7 * 86_400))
        #expect(RetryAfter.parse("-5", now: now) == nil)
        #expect(RetryAfter.parse("soon", now: now) == nil)
    }

    @Test func backoffGrowsExponentiallyWithJitterAndACap() {
        #expect(Backoff.delay(failures: 0) == 0)
        #expect(Backoff.delay(failures: 1, base: 100, random: 1) == 100)
        #expect(Backoff.delay(failures: 1, base: 100, random: 0) == 50)
        #expect(Backoff.delay(failures: 3, base: 100, random: 1) == 400)
        #expect(Backoff.delay(failures: 40, base: 100, cap: 1000, random: 1) == 1000)
        #expect(abs(Backoff.jittered(100, fraction: 0.1, random: 0) - 90) < 1e-9)
        #expect(abs(Backoff.jittered(100, fraction: 0.1, random: 1) - 110) < 1e-9)
    }

    @Test(arguments: [("text/html; charset=utf-8", true), ("application/xhtml+xml", true), ("", true),
                      ("application/pdf", false), ("video/mp4", false), ("image/png", false)])
    func onlyWebPagesAreArticles(type: String, accepted: Bool) {
        #expect(ContentTypes.isWebPage(type) == accepted)
    }

    @Test func theFetchLockIsExclusiveAndNamesItsHolder() throws {
        let dir = NSTemporaryDirectory() + "telex-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(FetchLock.holder(cacheDirectory: dir) == nil)
        guard case .acquired(let lock) = try FetchLock.acquire(cacheDirectory: dir, role: .serve) else { Issue.record("not acquired"); return }
        #expect(FetchLock.holder(cacheDirectory: dir) == FetchLock.Holder(pid: getpid(), role: .serve))
        guard case .heldBy(let holder) = try FetchLock.acquire(cacheDirectory: dir, role: .fetch) else { Issue.record("acquired twice"); return }
        #expect(holder == FetchLock.Holder(pid: getpid(), role: .serve) && holder.isLiveDaemon)
        #expect("\(holder)" == "telex serve (pid \(getpid()))")
        lock.release()
        #expect(FetchLock.holder(cacheDirectory: dir) == nil)
        guard case .acquired = try FetchLock.acquire(cacheDirectory: dir, role: .fetch) else { Issue.record("not re-acquired"); return }
    }
}
