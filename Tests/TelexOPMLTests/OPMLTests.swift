import Foundation
import Testing
import TelexConfig
import TelexTestSupport
@testable import TelexOPML

private func read(_ text: String) throws(OPMLError) -> OPMLDocument { try OPMLReader.read(Array(text.utf8)) }

private func refusal(_ text: String) -> OPMLError? {
    do { _ = try read(text); return nil } catch { return error }
}

@Suite struct OPMLReadingTests {
    @Test func newsboatsExportIsRead() throws {
        // Written by `newsboat -e` (newsboat 2.21, Debian 12); tests/e2e/test_opml.sh runs the tool itself.
        let document = try OPMLReader.read(Fixtures.bytes("opml/newsboat-export.opml"))
        #expect(document.version == "1.0")
        #expect(document.title == "newsboat - Exported Feeds")
        #expect(document.entries == [
            SubscriptionEntry(folder: nil, url: "https://example.org/feed.xml", title: "Example & Co"),
            SubscriptionEntry(folder: nil, url: "https://news.example.com/rss?a=1&b=2", title: "World <news>"),
            SubscriptionEntry(folder: nil, url: "https://blog.example.net/atom.xml", title: nil),
        ])
    }

    @Test func sfeedsExportIsRead() throws {
        let document = try OPMLReader.read(Fixtures.bytes("opml/sfeed-export.opml"))
        #expect(document.entries == [
            SubscriptionEntry(folder: nil, url: "https://example.org/feed.xml", title: "Example & Co"),
            SubscriptionEntry(folder: nil, url: "https://news.example.com/rss?a=1&b=2", title: "World <news>"),
            SubscriptionEntry(folder: nil, url: "https://blog.example.net/atom.xml", title: "Blog \"quoted\" 日本語"),
        ])
    }

    @Test func nestedOutlinesGoToTheInnermostNamedFolder() throws {
        let document = try read("""
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0"><head><title>Mine</title></head><body>
          <outline text="News">
            <outline text="World" title="ignored for folders">
              <outline type="rss" text="BBC" xmlUrl="https://bbc.example/rss"/>
              <outline text="">
                <outline type="rss" text="In an unnamed group" xmlUrl="https://unnamed.example/rss"/>
              </outline>
            </outline>
            <outline type="rss" text="Direct" xmlUrl="https://direct.example/rss"/>
          </outline>
          <outline type="rss" text="Top" xmlURL="https://top.example/rss"/>
          <outline text="Empty folder"/>
        </body></opml>
        """)
        #expect(document.entries == [
            SubscriptionEntry(folder: "World", url: "https://bbc.example/rss", title: "BBC"),
            SubscriptionEntry(folder: "World", url: "https://unnamed.example/rss", title: "In an unnamed group"),
            SubscriptionEntry(folder: "News", url: "https://direct.example/rss", title: "Direct"),
            SubscriptionEntry(folder: nil, url: "https://top.example/rss", title: "Top"),
        ])
    }

    @Test func unknownAttributesAreNeverRead() throws {
        // newsboat's exec: and filter: sources, and attributes other readers act on, are not looked at.
        let document = try read("""
        <opml version="2.0"><body>
          <outline text="Script" xmlUrl="exec:rm -rf ~" command="touch /tmp/pwned" filter="sh -c id"/>
          <outline text="Filtered" xmlUrl="filter:/bin/sh:https://a.example/rss"/>
          <outline text="Fine" xmlUrl="https://fine.example/rss" onclick="evil()" url="javascript:alert(1)" x:y="z" xmlns:x="urn:x"/>
        </body></opml>
        """)
        #expect(document.entries.map(\.url) == ["exec:rm -rf ~", "filter:/bin/sh:https://a.example/rss", "https://fine.example/rss"])
        // The plan refuses what is not http(s): nothing else reaches feeds.json.
        let plan = ImportPlan(entries: document.entries, into: Subscriptions(Configuration(sections: [], source: "t")), defaultSection: "Imported")
        #expect(plan.additions.map(\.feed.url) == ["https://fine.example/rss"])
        #expect(plan.refused.map(\.url) == ["exec:rm -rf ~", "filter:/bin/sh:https://a.example/rss"])
    }

    @Test func javascriptAndFileURLsAreRefusedPerEntry() throws {
        let document = try read("""
        <opml version="1.0"><body>
          <outline text="js" xmlUrl="javascript:alert(document.cookie)"/>
          <outline text="file" xmlUrl="file:///etc/passwd"/>
          <outline text="data" xmlUrl="data:text/xml,x"/>
          <outline text="ok" xmlUrl="http://ok.example/rss"/>
        </body></opml>
        """)
        let plan = ImportPlan(entries: document.entries, into: Subscriptions(Configuration(sections: [], source: "t")), defaultSection: "Imported")
        #expect(plan.additions.map(\.feed.url) == ["http://ok.example/rss"])
        #expect(plan.refused.count == 3)
        #expect(plan.refused.allSatisfy { $0.reason.contains("only http and https") })
    }

    @Test func theBillionLaughsIsRefusedAtItsDoctype() {
        var lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE opml [\n <!ENTITY lol \"lol\">\n"
        for i in 1...9 { lol += " <!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n" }
        lol += "]>\n<opml version=\"2.0\"><body><outline text=\"&lol9;\" xmlUrl=\"https://a.example/\"/></body></opml>\n"
        let error = refusal(lol)
        #expect(error?.message.contains("document type") == true)
        #expect(error?.line == 2)
    }

    @Test func externalEntitiesAreRefusedAndNothingIsRead() {
        let error = refusal("""
        <?xml version="1.0"?>
        <!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <opml version="2.0"><body><outline text="&xxe;" xmlUrl="https://a.example/"/></body></opml>
        """)
        #expect(error?.message.contains("document type") == true)
        #expect(error?.message.contains("root:") == false)
    }

    @Test func anExternalDTDIsRefused() {
        let error = refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE opml SYSTEM \"http://127.0.0.1:1/opml.dtd\">\n<opml version=\"2.0\"><body/></opml>")
        #expect(error?.message.contains("document type") == true)
    }

    @Test func anUndeclaredEntityIsAnError() {
        let error = refusal("<opml version=\"2.0\"><body><outline text=\"&nbsp;\" xmlUrl=\"https://a.example/\"/></body></opml>")
        #expect(error?.message.contains("not well-formed") == true)
    }

    @Test func aTenMegabyteTitleIsRefusedBySize() {
        let title = String(repeating: "A", count: 10 << 20)
        let error = refusal("<opml version=\"2.0\"><body><outline text=\"\(title)\" xmlUrl=\"https://a.example/\"/></body></opml>")
        #expect(error?.message.contains("over 8 MiB are refused") == true)
    }

    @Test func aLongTitleWithinTheSizeBoundIsCut() throws {
        let title = String(repeating: "B", count: 3 << 20)
        let document = try read("<opml version=\"2.0\"><body><outline text=\"\(title)\" xmlUrl=\"https://a.example/\"/></body></opml>")
        #expect(document.entries.count == 1)
        #expect(document.entries[0].title?.count == SubscriptionText.maximumLength)
    }

    @Test func tenThousandLevelsAreRefused() {
        let deep = "<opml version=\"2.0\"><body>" + String(repeating: "<outline text=\"x\">", count: 10_000)
            + "<outline text=\"f\" xmlUrl=\"https://a.example/\"/>" + String(repeating: "</outline>", count: 10_000) + "</body></opml>"
        let error = refusal(deep)
        #expect(error?.message == "outlines nested deeper than \(OPMLReader.maximumDepth) levels: refused")
    }

    @Test func notOPMLIsSaidSo() {
        #expect(refusal("<rss version=\"2.0\"><channel/></rss>")?.message == "not an OPML file (its root element is <rss>)")
        #expect(refusal("just text")?.message == "not an OPML file (no XML in it)")
        #expect(refusal("<opml version=\"2.0\"><head/></opml>")?.message == "not an OPML file (no <body> element)")
        #expect(refusal("<opml version=\"2.0\"><body><outline text=\"a\" xmlUrl=\"https://a.example/?a=1&b=2\"/></body></opml>")?.message
                    .hasSuffix("(a bare & in a URL? XML wants it written &amp;)") == true)
    }

    @Test func includesAreNotFollowed() throws {
        let document = try read("<opml version=\"2.0\"><body><outline text=\"More\" type=\"include\" url=\"http://127.0.0.1:1/more.opml\"/></body></opml>")
        #expect(document.entries.isEmpty)
        #expect(document.warnings == ["outline \"More\" points to another document (type=\"include\"): not followed"])
    }

    @Test func legacyEncodingsAreDecoded() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><opml version=\"1.0\"><body><outline text=\"".utf8)
        bytes += [0x4C, 0x27, 0xC9, 0x71, 0x75, 0x69, 0x70, 0x65]  // L'Équipe in Latin-1
        bytes += Array("\" xmlUrl=\"https://lequipe.example/rss\"/></body></opml>".utf8)
        #expect(try OPMLReader.read(bytes).entries.first?.title == "L'Équipe")
    }
}

@Suite struct OPMLWritingTests {
    static let configuration = Configuration(sections: [
        SectionConfig(name: "World & \"Co\"", feeds: [
            FeedConfig(url: "https://a.example/rss?x=1&y=<2>", title: "Le Monde\t<diplo>"),
            FeedConfig(url: "https://www.b.example:8443/news/feed/"),
        ]),
        SectionConfig(name: "日本", feeds: [FeedConfig(url: "https://c.example/atom.xml", title: "NHK 国際", enabled: false)]),
    ], source: "t")

    @Test func theExportIsOPML2WithOneFolderPerSectionProperlyEscaped() {
        let text = OPMLWriter.write(Self.configuration, date: Date(timeIntervalSince1970: 0))
        #expect(text == """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head>
            <title>telex subscriptions</title>
            <dateCreated>Thu, 01 Jan 1970 00:00:00 GMT</dateCreated>
          </head>
          <body>
            <outline text="World &amp; &quot;Co&quot;" title="World &amp; &quot;Co&quot;">
              <outline type="rss" text="Le Monde&#9;&lt;diplo&gt;" title="Le Monde&#9;&lt;diplo&gt;" xmlUrl="https://a.example/rss?x=1&amp;y=&lt;2&gt;"/>
              <outline type="rss" text="b.example:8443/news/feed" xmlUrl="https://www.b.example:8443/news/feed/"/>
            </outline>
            <outline text="日本" title="日本">
              <outline type="rss" text="NHK 国際" title="NHK 国際" xmlUrl="https://c.example/atom.xml"/>
            </outline>
          </body>
        </opml>

        """)
    }

    @Test func exportThenImportIntoAnEmptyConfigurationGivesTheSameSectionsAndFeeds() throws {
        for original in [Self.configuration, ConfigurationLoader.builtIn()] {
            let document = try OPMLReader.read(Array(OPMLWriter.write(original).utf8))
            let empty = try ConfigurationParser.parse(Array(FeedsJSONEdit.emptyDocument.utf8), source: "t", allowingNoSections: true)
            let plan = ImportPlan(entries: document.entries, into: Subscriptions(empty), defaultSection: "Imported")
            var edit = try FeedsJSONEdit(text: FeedsJSONEdit.emptyDocument)
            plan.apply(to: &edit)
            let imported = try ConfigurationParser.parse(edit.bytes, source: "t")
            #expect(imported.sections.map(\.name) == original.sections.map { SubscriptionText.clean($0.name) })
            #expect(imported.sections.map { $0.feeds.map(\.url) } == original.sections.map { $0.feeds.map(\.url) })
            #expect(imported.sections.map { $0.feeds.map(\.title) } == original.sections.map { $0.feeds.map { $0.title.map(SubscriptionText.clean) } })
        }
    }
}
