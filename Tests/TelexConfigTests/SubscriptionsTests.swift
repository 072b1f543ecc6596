import Testing
@testable import TelexConfig

private let config = Configuration(sections: [
    SectionConfig(name: "World", feeds: [
        FeedConfig(url: "https://feeds.example.org/world.rss", title: "World News"),
        FeedConfig(url: "http://old.example.net/feed"),
    ]),
    SectionConfig(name: "Tech", feeds: [
        FeedConfig(url: "https://tech.example/atom.xml", title: "Gadgets"),
        FeedConfig(url: "https://other.example/atom.xml", title: "gadgets"),
    ]),
], source: "test")

@Suite struct SubscriptionsTests {
    @Test(arguments: [
        "https://feeds.example.org/world.rss",
        "HTTPS://Feeds.Example.ORG:443/world.rss",
        "https://feeds.example.org/world.rss#top",
        " https://feeds.example.org/world.rss ",
    ])
    func anySpellingOfASubscribedURLIsFound(_ url: String) {
        #expect(Subscriptions(config).existing(url)?.feed.title == "World News")
    }

    @Test func aFeedThatMovedForGoodIsFoundUnderItsNewAddress() {
        let subscriptions = Subscriptions(config, redirects: ["http://old.example.net/feed": "https://new.example.net/feed.xml"])
        let entry = subscriptions.existing("https://new.example.net/feed.xml")
        #expect(entry?.section == "World")
        #expect(entry?.position == FeedsJSONEdit.Position(section: 0, feed: 1))
        #expect(Subscriptions(config).existing("https://new.example.net/feed.xml") == nil)
    }

    @Test func feedsAreFoundByURLThenTitleThenTheirOwnTitle() {
        let subscriptions = Subscriptions(config)
        guard case .found(let byTitle) = subscriptions.find("world news") else { Issue.record("by title"); return }
        #expect(byTitle.feed.url == "https://feeds.example.org/world.rss")
        guard case .found(let byOwnTitle) = subscriptions.find("Old Times", feedTitles: ["http://old.example.net/feed": "Old Times"]) else {
            Issue.record("by the feed's own title"); return
        }
        #expect(byOwnTitle.position == FeedsJSONEdit.Position(section: 0, feed: 1))
        guard case .ambiguous(let two) = subscriptions.find("GADGETS") else { Issue.record("ambiguous"); return }
        #expect(two.map(\.feed.url) == ["https://tech.example/atom.xml", "https://other.example/atom.xml"])
        #expect(subscriptions.find("nothing like it") == .none)
    }

    @Test func anImportPlanSortsEntriesIntoSectionsAndSkipsWhatItMust() {
        let entries = [
            SubscriptionEntry(folder: nil, url: "https://top.example/feed", title: "Top"),
            SubscriptionEntry(folder: "tech", url: "https://new-tech.example/rss", title: nil),
            SubscriptionEntry(folder: "Science", url: "https://science.example/rss", title: "Sci"),
            SubscriptionEntry(folder: "SCIENCE", url: "https://science2.example/rss", title: nil),
            SubscriptionEntry(folder: "Tech", url: "HTTPS://TECH.example/atom.xml", title: "dup"),
            SubscriptionEntry(folder: "Science", url: "https://science.example/rss#again", title: "repeat"),
            SubscriptionEntry(folder: nil, url: "javascript:alert(1)", title: "js"),
            SubscriptionEntry(folder: nil, url: "file:///etc/passwd", title: "file"),
            SubscriptionEntry(folder: "  ", url: "https://blank-folder.example/", title: nil),
        ]
        let plan = ImportPlan(entries: entries, into: Subscriptions(config), defaultSection: "Imported")
        #expect(plan.additions.map(\.section) == ["Imported", "Tech", "Science", "Science", "Imported"])
        #expect(plan.additions.map(\.feed.url) == ["https://top.example/feed", "https://new-tech.example/rss", "https://science.example/rss",
                                                   "https://science2.example/rss", "https://blank-folder.example/"])
        #expect(plan.additions.map(\.newSection) == [true, false, true, true, true])
        #expect(plan.sections == ["Imported", "Tech", "Science"])
        #expect(plan.newSections == ["Imported", "Science"])
        #expect(plan.duplicates.map(\.existingSection) == ["Tech", "Science"])
        #expect(plan.refused.map(\.url) == ["javascript:alert(1)", "file:///etc/passwd"])
        #expect(plan.refused[0].reason.contains("only http and https"))
    }

    @Test func textFromOutsideIsCleanedAndBounded() {
        #expect(SubscriptionText.clean("  Le\u{1B}[31m  Monde\n\tdiplo\u{202E}matique ") == "Le[31m Monde diplomatique")
        let long = SubscriptionText.clean(String(repeating: "é", count: 10_000))
        #expect(long.count == SubscriptionText.maximumLength)
        #expect(long.hasSuffix("…"))
    }
}
