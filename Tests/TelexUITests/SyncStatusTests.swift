import Foundation
import Testing
import TelexModel
import TelexScreen
@testable import TelexUI

/// The accounts' sync states on the status line, where fetch progress shows (docs/sync.md).
@Suite struct SyncStatusTests {
    /// 2026-09-18 09:12 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_789_722_720)
    static let utc = TimeZone(identifier: "UTC")!

    @Test(arguments: [
        (AccountStatus(name: "home", lastSync: t0.addingTimeInterval(-150)), "home: synced 2 min ago"),
        (AccountStatus(name: "home", lastSync: t0.addingTimeInterval(-20)), "home: synced just now"),
        (AccountStatus(name: "home", lastSync: t0.addingTimeInterval(-3 * 3600 - 5)), "home: synced 3 h ago"),
        (AccountStatus(name: "home", lastSync: t0.addingTimeInterval(-86_400)), "home: synced 1 day ago"),
        (AccountStatus(name: "home", lastSync: t0.addingTimeInterval(-150), pending: 3), "home: 3 changes waiting"),
        (AccountStatus(name: "home", pending: 1), "home: 1 change waiting"),
        (AccountStatus(name: "home"), "home: not synced yet"),
        (AccountStatus(name: "home", lastSync: t0.addingTimeInterval(-7200), problem: .unreachable(since: t0.addingTimeInterval(-3600))),
         "home: server unreachable since 08:12"),
        (AccountStatus(name: "home", pending: 2, problem: .unreachable(since: t0)), "home: server unreachable since 09:12, 2 changes waiting"),
        (AccountStatus(name: "home", problem: .failing(since: t0.addingTimeInterval(-86_400), message: "login refused")),
         "home: sync failing since 17 Sep 09:12"),
        (AccountStatus(name: "ho\u{1b}[2Jme", lastSync: t0), "ho[2Jme: synced just now"),
    ])
    func eachAccountIsOnePhrase(_ account: AccountStatus, _ expected: String) {
        #expect(FetchText.accounts([account], now: Self.t0, timeZone: Self.utc) == expected)
    }

    @Test func severalAccountsAreJoinedAndNoneIsNothing() {
        let text = FetchText.accounts([AccountStatus(name: "home", lastSync: Self.t0), AccountStatus(name: "work", pending: 2)],
                                      now: Self.t0, timeZone: Self.utc)
        #expect(text == "home: synced just now · work: 2 changes waiting")
        #expect(FetchText.accounts([], now: Self.t0, timeZone: Self.utc) == nil)
    }

    @Test func theStatusLineShowsTheAccountsBetweenPassesAndFetchProgressDuringOne() {
        var d = Driver(width: 140, sections: FetchDisplayTests.sections(feedB: FeedHealth(status: .ok)), rows: manyRows(3))
        d.send(.tick(Self.t0))
        d.state.timeZone = Self.utc
        #expect(d.screen.last?.contains("?:help") == true)
        #expect(d.screen.last?.contains("home") == false)
        d.send(.accountsLoaded([AccountStatus(name: "home", lastSync: Self.t0.addingTimeInterval(-120))]))
        #expect(d.screen.last?.contains("home: synced 2 min ago  ?:help") == true)
        // The clock moves the age on.
        d.send(.tick(Self.t0.addingTimeInterval(600)))
        #expect(d.screen.last?.contains("home: synced 12 min ago  ?:help") == true)
        d.send(.fetchProgressed(FetchProgress(running: true, feedsDone: 1, feedsTotal: 2, ok: 1, newItems: 4)))
        #expect(d.screen.last?.contains("fetching 1/2 · 4 new  ?:help") == true)
        #expect(d.screen.last?.contains("home") == false)
        d.send(.fetchFinished(FetchProgress(feedsDone: 2, feedsTotal: 2, ok: 2), by: nil))
        d.send(.accountsLoaded([AccountStatus(name: "home", pending: 3, problem: .unreachable(since: Self.t0))]))
        #expect(d.screen.last?.contains("home: server unreachable since 09:12, 3 changes waiting  ?:help") == true)
    }
}
