import Foundation
import Testing
import TelexModel
@testable import TelexStore

/// Every start of the reader and every `telex fetch` mirrors feeds.json: when nothing changed, that must
/// not write (no wait for the write lock behind a running pass, no change signal for open readers).
@Suite("Configuration mirror")
struct ConfigurationMirrorTests {
    @Test func anUnchangedConfigurationIsMirroredWithoutWriting() throws {
        let fixture = try StoreFixture()
        let readOnly = try Store.open(directory: fixture.directory.path, readOnly: true)
        try readOnly.syncConfiguration(StoreFixture.config)
    }

    @Test(arguments: [
        ("a feed renamed", [SectionSpec(name: "World", feeds: [FeedSpec(url: "https://a.example/feed", title: "Alpha!"),
                                                               FeedSpec(url: "https://b.example/feed")]),
                            SectionSpec(name: "Tech", feeds: [FeedSpec(url: "https://c.example/feed", title: "Gamma")])]),
        ("sections reordered", [SectionSpec(name: "Tech", feeds: [FeedSpec(url: "https://c.example/feed", title: "Gamma")]),
                                SectionSpec(name: "World", feeds: [FeedSpec(url: "https://a.example/feed", title: "Alpha"),
                                                                   FeedSpec(url: "https://b.example/feed")])]),
        ("a feed disabled", [SectionSpec(name: "World", feeds: [FeedSpec(url: "https://a.example/feed", title: "Alpha"),
                                                                FeedSpec(url: "https://b.example/feed", enabled: false)]),
                             SectionSpec(name: "Tech", feeds: [FeedSpec(url: "https://c.example/feed", title: "Gamma")])]),
        ("a feed moved", [SectionSpec(name: "World", feeds: [FeedSpec(url: "https://a.example/feed", title: "Alpha")]),
                          SectionSpec(name: "Tech", feeds: [FeedSpec(url: "https://c.example/feed", title: "Gamma"),
                                                            FeedSpec(url: "https://b.example/feed")])]),
        ("a feed removed", [SectionSpec(name: "World", feeds: [FeedSpec(url: "https://a.example/feed", title: "Alpha")]),
                            SectionSpec(name: "Tech", feeds: [FeedSpec(url: "https://c.example/feed", title: "Gamma")])]),
    ] as [(String, [SectionSpec])])
    func aChangedConfigurationIsWritten(change: String, sections: [SectionSpec]) throws {
        let fixture = try StoreFixture()
        let readOnly = try Store.open(directory: fixture.directory.path, readOnly: true)
        #expect(throws: StoreError.self, "\(change)") { try readOnly.syncConfiguration(sections) }
        try fixture.store.syncConfiguration(sections)
        try readOnly.syncConfiguration(sections)
    }
}
