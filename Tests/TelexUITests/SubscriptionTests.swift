import Foundation
import Testing
import TelexModel
import TelexScreen
@testable import TelexUI

private let threeFeeds = [
    SectionSummary(id: SectionID(1), name: "World", unread: 3, total: 5, feeds: [
        FeedSummary(id: FeedID(1), url: "https://example.org/a", title: "Feed A", unread: 3, total: 5,
                    health: FeedHealth(status: .ok, lastSuccess: testNow.addingTimeInterval(-600))),
        FeedSummary(id: FeedID(3), url: "https://example.org/c", title: "Feed C", unread: 0, total: 2,
                    health: FeedHealth(status: .failing, message: "HTTP 503")),
    ]),
    SectionSummary(id: SectionID(2), name: "Tech", unread: 0, total: 0,
                   feeds: [FeedSummary(id: FeedID(2), url: "https://example.org/b", title: "Feed B")]),
]

private let candidates = [
    FeedCandidate(url: "https://site.example/feed", title: "Site", itemCount: 10),
    FeedCandidate(url: "https://site.example/comments/feed", title: "Comments", itemCount: 3),
]

@Suite struct AddingAFeedTests {
    @Test func aOpensAnAddressPromptForTheSelectedSectionAndEnterLooksForFeeds() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.press(.character("j"))
        d.press(.character("a"))
        #expect(d.state.prompt == Prompt(kind: .addFeed(section: "Tech")))
        #expect(d.screen.last?.contains("Add a feed to Tech (its URL or a page of the site):") == true)
        d.type("site.example")
        d.effects = []
        d.press(.enter)
        #expect(d.state.prompt == nil)
        #expect(d.state.subscriptions == .discovering(address: "site.example", section: "Tech"))
        #expect(d.effects == [.discoverFeeds("site.example", section: "Tech")])
        #expect(d.screen.last?.contains("Looking for feeds at site.example… (Esc stops)") == true)
    }

    @Test func withAllSelectedTheFeedGoesToTheDefaultSection() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.press(.end)  // the last row of the sections pane: Saved
        d.press(.character("a"))
        #expect(d.state.prompt == Prompt(kind: .addFeed(section: SubscriptionDefaults.section)))
    }

    @Test func oneFeedFoundIsAddedAtOnce() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.state.subscriptions = .discovering(address: "site.example", section: "World")
        d.effects = []
        d.send(.feedsDiscovered(address: "site.example", [candidates[0]]))
        #expect(d.state.subscriptions == nil)
        #expect(d.effects == [.subscribe([candidates[0]], section: "World")])
        #expect(d.state.message?.text == "Adding Site to World…")
        d.send(.subscriptionsChanged("Added Site to World; fetching…"))
        #expect(d.state.message?.text == "Added Site to World; fetching…")
    }

    @Test func severalFeedsAreOfferedAndEnterAddsTheSelectedOne() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.state.subscriptions = .discovering(address: "site.example", section: "World")
        d.send(.feedsDiscovered(address: "site.example", candidates))
        guard case .choosing(let chooser)? = d.state.subscriptions else { Issue.record("no chooser"); return }
        #expect(chooser.candidates == candidates)
        let screen = d.screen.joined(separator: "\n")
        #expect(screen.contains("2 feeds at site.example: Enter adds, a adds all, Esc cancels"))
        #expect(screen.contains("Comments  (3 items)"))
        d.effects = []
        d.press(.character("j"), .enter)
        #expect(d.effects == [.subscribe([candidates[1]], section: "World")])
        #expect(d.state.subscriptions == nil)
    }

    @Test func aInTheChooserAddsEveryFeedAndEscAddsNone() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.state.subscriptions = .choosing(FeedChooser(address: "x", section: "World", candidates: candidates))
        d.effects = []
        d.press(.character("a"))
        #expect(d.effects == [.subscribe(candidates, section: "World")])
        d.state.subscriptions = .choosing(FeedChooser(address: "x", section: "World", candidates: candidates))
        d.effects = []
        d.press(.escape)
        #expect(d.effects.isEmpty)
        #expect(d.state.subscriptions == nil)
        #expect(d.state.message?.text == "Nothing added")
    }

    @Test func escStopsDiscoveryAndALateAnswerIsDropped() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.state.subscriptions = .discovering(address: "site.example", section: "World")
        d.effects = []
        d.press(.escape)
        #expect(d.effects == [.cancelDiscovery])
        #expect(d.state.subscriptions == nil)
        d.effects = []
        d.send(.feedsDiscovered(address: "site.example", candidates))
        #expect(d.effects.isEmpty && d.state.subscriptions == nil)
    }

    @Test func nothingFoundOrAFailureIsSaid() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.state.subscriptions = .discovering(address: "a.example", section: "World")
        d.send(.feedsDiscovered(address: "a.example", []))
        #expect(d.state.message?.text == "No feed found at a.example")
        d.state.subscriptions = .discovering(address: "b.example", section: "World")
        d.send(.discoveryFailed(address: "b.example", "Already subscribed: B in Tech"))
        #expect(d.state.message?.text == "Already subscribed: B in Tech")
        #expect(d.state.subscriptions == nil)
    }
}

@Suite struct FeedListTests {
    @Test func fListsTheSelectedSectionsFeedsWithTheirStatus() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.press(.character("F"))
        #expect(d.state.subscriptions == .feedList(FeedList(section: SectionID(1))))
        let screen = d.screen.joined(separator: "\n")
        #expect(screen.contains("World: 2 feeds (Enter opens, d removes, m moves, Esc closes)"))
        #expect(screen.contains("3 unread / 5  ok 14:03"))
        #expect(screen.contains("0 unread / 2  failing: HTTP 503"))
        #expect(screen.contains(" https://example.org/a"))
        d.press(.escape)
        #expect(d.state.subscriptions == nil)
    }

    @Test func dAsksThenYRemovesAndAnyOtherKeyKeeps() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.press(.character("F"), .character("j"), .character("d"))
        #expect(d.state.message?.text == "Remove Feed C? Its saved items are kept. (y removes, any other key keeps it)")
        d.effects = []
        d.press(.character("n"))
        #expect(d.effects.isEmpty)
        #expect(d.state.message?.text == "Kept")
        d.press(.character("d"), .character("y"))
        #expect(d.effects == [.unsubscribe(url: "https://example.org/c")])
    }

    @Test func mAsksForASectionAndMovesTheFeedThere() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.press(.character("F"), .character("m"))
        #expect(d.state.prompt == Prompt(kind: .moveFeed(url: "https://example.org/a", name: "Feed A")))
        d.press(.tab)
        #expect(d.state.prompt?.text == "World")
        d.press(.tab)
        #expect(d.state.prompt?.text == "Tech")
        d.press(.tab, .ctrl("u"))
        d.type("Tech")
        d.effects = []
        d.press(.enter)
        #expect(d.effects == [.moveFeed(url: "https://example.org/a", toSection: "Tech")])
        #expect(d.state.subscriptions == .feedList(FeedList(section: SectionID(1))))
    }

    @Test func theListFollowsReloadsAndClosesWhenItsSectionWent() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.press(.character("F"), .character("j"))
        d.send(.sectionsLoaded([threeFeeds[0].with(feeds: [threeFeeds[0].feeds[0]]), threeFeeds[1]], savedCount: 0))
        #expect(d.state.subscriptions == .feedList(FeedList(section: SectionID(1))))
        d.send(.sectionsLoaded([threeFeeds[1]], savedCount: 0))
        #expect(d.state.subscriptions == nil)
    }

    @Test func enterOpensTheFeedsHeadlines() {
        var d = Driver(sections: threeFeeds, rows: manyRows(3))
        d.press(.character("F"), .character("j"), .enter)
        #expect(d.state.subscriptions == nil)
        #expect(d.state.selectedSectionRow?.scope == .feed(FeedID(3)))
        #expect(d.state.focus == .headlines)
    }

    @Test func fOnAllSaysToSelectASection() {
        var d = Driver(sections: threeFeeds, rows: [])
        d.press(.end, .character("F"))
        #expect(d.state.subscriptions == nil)
        #expect(d.state.message?.text == "Select a section (or one of its feeds) to list its feeds")
    }
}

private extension SectionSummary {
    func with(feeds: [FeedSummary]) -> SectionSummary {
        var copy = self
        copy.feeds = feeds
        return copy
    }
}
