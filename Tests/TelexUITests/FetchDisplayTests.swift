import Foundation
import Testing
import TelexModel
import TelexScreen
@testable import TelexUI

/// Failing feeds say why where their headlines would be and in the status line; `r` shows progress and
/// ends with a summary; times of day in the reader's zone.
@Suite struct FetchDisplayTests {
    /// 2026-09-18 09:12 UTC.
    static let failingSince = Date(timeIntervalSince1970: 1_789_722_720)
    static let down = FeedHealth(status: .failing, message: "host not found: feeds.example.org", failingSince: failingSince,
                                 nextTry: failingSince.addingTimeInterval(88 * 60))

    static func sections(feedA: FeedHealth = FeedHealth(status: .ok), feedB: FeedHealth = down) -> [SectionSummary] {
        [SectionSummary(id: SectionID(1), name: "World", unread: 3, total: 5, feeds: [
            FeedSummary(id: FeedID(1), url: "https://example.org/a", title: "Feed A", unread: 3, total: 5, health: feedA),
            FeedSummary(id: FeedID(2), url: "https://feeds.example.org/b", title: "feeds.example.org/b", health: feedB),
        ])]
    }

    static func driver(_ sections: [SectionSummary], rows: [Headline]) -> Driver {
        var d = Driver(sections: sections, rows: rows)
        d.send(.tick(failingSince.addingTimeInterval(30 * 60)))
        return d
    }

    @Test func aFailingFeedSaysWhyWhereItsHeadlinesWouldBe() {
        var d = Self.driver(Self.sections(), rows: [])
        d.press(.character("+"), .character("j"), .character("j"))
        #expect(d.state.headlines.scope == .feed(FeedID(2)))
        let text = d.screen.joined(separator: "\n")
        #expect(text.contains("! host not found: feeds.example.org"))
        #expect(text.contains("failing since 09:12"))
        #expect(text.contains("next try 10:40"))
        #expect(d.screen.last?.contains("! host not found: feeds.example.org · failing since 09:12 · next try 10:40") == true)
        #expect(d.screen.contains { $0.contains("!feeds.example.org/b") })
    }

    @Test func aSectionWithCachedHeadlinesStillSaysThatAFeedFails() {
        let d = Self.driver(Self.sections(), rows: manyRows(5))
        #expect(d.state.headlines.scope == .section(SectionID(1)))
        #expect(d.screen.contains { $0.contains("World  ! 1 of 2 feeds failing") })
        #expect(d.screen.last?.contains("1 feed failing: feeds.example.org/b: host not found: feeds.example.org") == true)
    }

    @Test func aFeedThatParsedWithAWarningDoesNotLookFailed() {
        let warned = FeedHealth(status: .ok, warning: "undefined entity &eacute;")
        let d = Self.driver(Self.sections(feedB: warned), rows: manyRows(5))
        #expect(!d.screen.joined().contains("!"))
        #expect(!d.screen.joined().contains("failing"))
    }

    @Test func aGoneFeedSaysSo() {
        var d = Self.driver(Self.sections(feedB: FeedHealth(status: .failing, message: "HTTP 410", gone: true)), rows: [])
        d.press(.character("+"), .character("j"), .character("j"))
        #expect(d.screen.joined(separator: "\n").contains("! gone (HTTP 410): no longer fetched; remove it from feeds.json"))
    }

    @Test func refreshShowsProgressThenASummaryAndLeavesNothingStale() {
        var d = Self.driver(Self.sections(feedB: FeedHealth(status: .ok)), rows: manyRows(3))
        d.press(.character("r"))
        #expect(d.effects.last == .refresh)
        #expect(d.screen.last?.contains("fetching…  ?:help") == true)
        d.press(.character("r"))
        #expect(d.effects.filter { $0 == .refresh }.count == 1)
        #expect(d.screen.last?.contains("Already fetching") == true)
        d.send(.fetchProgressed(FetchProgress(running: true, feedsDone: 1, feedsTotal: 2, ok: 1, newItems: 4)))
        #expect(d.screen.last?.contains("fetching 1/2 · 4 new") == true)
        d.send(.fetchFinished(FetchProgress(feedsDone: 2, feedsTotal: 2, ok: 1, failed: 1, newItems: 4), by: nil))
        #expect(d.screen.last?.hasPrefix(" 1 ok, 1 failed, 4 new ") == true)
        #expect(d.screen.last?.contains("fetching") == false)
        #expect(d.effects.last == .loadSections || d.effects.contains(.loadSections))
    }

    @Test func thePassOfTheDaemonIsShownTheSameWay() {
        var d = Self.driver(Self.sections(feedB: FeedHealth(status: .ok)), rows: manyRows(3))
        d.send(.fetchWaiting("asked telex serve (pid 4242) to fetch"))
        #expect(d.screen.last?.contains("asked telex serve (pid 4242) to fetch  ?:help") == true)
        d.send(.fetchProgressed(FetchProgress(running: true, feedsDone: 2, feedsTotal: 12)))
        #expect(d.screen.last?.contains("fetching 2/12  ?:help") == true)
        d.send(.fetchFinished(FetchProgress(feedsDone: 12, feedsTotal: 12, ok: 12, newItems: 40), by: "telex serve"))
        #expect(d.screen.last?.hasPrefix(" telex serve: 12 ok, 0 failed, 40 new ") == true)
    }

    @Test(arguments: [
        (0.0, "09:12"),
        (-86_400.0, "17 Sep 09:12"),
        (-400 * 86_400.0, "14 Aug 2025 09:12"),
    ])
    func timesOfDayAreShortToday(_ offset: Double, _ expected: String) {
        let when = Self.failingSince.addingTimeInterval(offset)
        #expect(FetchText.clock(when, now: Self.failingSince.addingTimeInterval(3600), timeZone: TimeZone(identifier: "UTC")!) == expected)
    }

    @Test func timesAreInTheReadersZone() {
        #expect(FetchText.clock(Self.failingSince, now: Self.failingSince, timeZone: TimeZone(identifier: "Europe/Paris")!) == "11:12")
    }
}

/// settings `notify_terminal`: a finished pass with new items asks the terminal for a notification.
@Suite struct TerminalNotificationTests {
    @Test func aPassWithNewItemsAsksForANotificationOfTheConfiguredKind() {
        var s = AppState(width: 80, height: 24)
        s.terminalNotices = .osc777
        let effects = reduce(&s, .fetchFinished(FetchProgress(feedsDone: 2, feedsTotal: 2, ok: 2, newItems: 3), by: "telex serve"))
        #expect(effects.contains(.terminal(.notify(TerminalNotice(kind: .osc777, title: "telex", body: "3 new items")))))
    }

    @Test func nothingNewOrNotConfiguredAsksForNone() {
        var off = AppState(width: 80, height: 24)
        let quiet = reduce(&off, .fetchFinished(FetchProgress(feedsDone: 2, feedsTotal: 2, ok: 2, newItems: 3), by: nil))
        var on = AppState(width: 80, height: 24)
        on.terminalNotices = .osc9
        let nothingNew = reduce(&on, .fetchFinished(FetchProgress(feedsDone: 2, feedsTotal: 2, ok: 2, newItems: 0), by: nil))
        for effect in quiet + nothingNew {
            if case .terminal(.notify) = effect { Issue.record("asked for a notification: \(effect)") }
        }
    }
}
