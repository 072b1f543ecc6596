import Foundation
import Testing
@testable import TelexConfig

private func edited(_ text: String, _ change: (inout FeedsJSONEdit) -> Void) throws -> String {
    var edit = try FeedsJSONEdit(text: text)
    change(&edit)
    // Every result must be a valid feeds.json.
    _ = try ConfigurationParser.parse(edit.bytes, source: "test")
    return edit.text
}

@Suite struct FeedsJSONEditTests {
    static let bundledLayout = """
    {
      "settings": {
        "retention_days": 90,
        "jobs": 16
      },
      "sections": [
        {
          "name": "Science",
          "feeds": [
            { "url": "https://www.nature.com/nature.rss", "title": "Nature", "interval": "2h" },
            { "url": "https://www.quantamagazine.org/feed/", "title": "Quanta Magazine" }
          ]
        },
        {
          "name": "Culture",
          "feeds": [
            { "url": "https://www.openculture.com/feed", "title": "Open Culture", "enabled": false }
          ]
        }
      ]
    }

    """

    @Test func appendingInTheBundledLayoutAddsOneLineInItsStyleAndKeepsEveryOtherByte() throws {
        let original = Self.bundledLayout
        let result = try edited(original) { $0.append([.init(url: "https://new.example/feed", title: "New")], toSection: "science") }
        let anchor = #"{ "url": "https://www.quantamagazine.org/feed/", "title": "Quanta Magazine" }"#
        #expect(result == original.replacingOccurrences(
            of: anchor, with: anchor + ",\n        { \"url\": \"https://new.example/feed\", \"title\": \"New\" }"))
    }

    @Test func theBuiltInDefaultTakesAFeedAndStaysValid() throws {
        let result = try edited(ConfigurationLoader.builtInText) { $0.append([.init(url: "https://new.example/feed")], toSection: "Science") }
        let config = try ConfigurationParser.parse(Array(result.utf8), source: "t")
        let builtIn = ConfigurationLoader.builtIn()
        #expect(config.settings == builtIn.settings)
        #expect(config.sections.map(\.name) == builtIn.sections.map(\.name))
        #expect(config.sections.first { $0.name == "Science" }?.feeds.last == FeedConfig(url: "https://new.example/feed"))
    }

    @Test func aMultiLineFourSpaceFileGetsAMultiLineFourSpaceFeed() throws {
        let text = """
        {
            "sections": [
                {
                    "name": "News",
                    "feeds": [
                        {
                            "url": "https://a.example/rss",
                            "interval": "1h"
                        }
                    ]
                }
            ],
            "settings": {"jobs": 4}
        }

        """
        let result = try edited(text) { $0.append([.init(url: "https://b.example/rss", title: "B")], toSection: "News") }
        #expect(result == """
        {
            "sections": [
                {
                    "name": "News",
                    "feeds": [
                        {
                            "url": "https://a.example/rss",
                            "interval": "1h"
                        },
                        {
                            "url": "https://b.example/rss",
                            "title": "B"
                        }
                    ]
                }
            ],
            "settings": {"jobs": 4}
        }

        """)
    }

    @Test func aNewSectionFollowsTheLastOneInItsLayout() throws {
        let text = "{\n\t\"sections\": [\n\t\t{\"name\": \"A\", \"feeds\": [\n\t\t\t{\"url\": \"https://a.example/\"}\n\t\t]}\n\t]\n}\n"
        let result = try edited(text) { $0.append([.init(url: "https://b.example/")], toSection: "Tech") }
        #expect(result == "{\n\t\"sections\": [\n\t\t{\"name\": \"A\", \"feeds\": [\n\t\t\t{\"url\": \"https://a.example/\"}\n\t\t]},\n"
                + "\t\t{\"name\": \"Tech\", \"feeds\": [\n\t\t\t{\"url\": \"https://b.example/\"}\n\t\t]}\n\t]\n}\n")
    }

    @Test func aCompactFileStaysCompact() throws {
        let text = #"{"sections":[{"name":"A","feeds":[{"url":"https://a.example/"}]}]}"#
        let added = try edited(text) { $0.append([.init(url: "https://b.example/")], toSection: "a") }
        #expect(added == #"{"sections":[{"name":"A","feeds":[{"url":"https://a.example/"},{"url":"https://b.example/"}]}]}"#)
        let section = try edited(text) { $0.append([.init(url: "https://b.example/")], toSection: "B") }
        #expect(section == #"{"sections":[{"name":"A","feeds":[{"url":"https://a.example/"}]},{"name":"B","feeds":[{"url":"https://b.example/"}]}]}"#)
    }

    @Test func anEmptyConfigurationGrowsInTheBundledLayout() throws {
        let result = try edited(FeedsJSONEdit.emptyDocument) {
            $0.append([.init(url: "https://a.example/feed", title: "A"), .init(url: "https://b.example/feed")], toSection: "Imported")
        }
        #expect(result == """
        {
          "sections": [
            {
              "name": "Imported",
              "feeds": [
                { "url": "https://a.example/feed", "title": "A" },
                { "url": "https://b.example/feed" }
              ]
            }
          ]
        }

        """)
    }

    struct RemoveCase: CustomTestStringConvertible, Sendable {
        var name: String; var feed: Int; var expected: String
        var testDescription: String { name }
    }

    static let three = "{\"sections\": [\n  {\"name\": \"A\", \"feeds\": [\n    {\"url\": \"https://1.example/\"},\n    {\"url\": \"https://2.example/\"},\n    {\"url\": \"https://3.example/\"}\n  ]}\n]}\n"

    @Test(arguments: [
        RemoveCase(name: "first", feed: 0, expected: "{\"sections\": [\n  {\"name\": \"A\", \"feeds\": [\n    {\"url\": \"https://2.example/\"},\n    {\"url\": \"https://3.example/\"}\n  ]}\n]}\n"),
        RemoveCase(name: "middle", feed: 1, expected: "{\"sections\": [\n  {\"name\": \"A\", \"feeds\": [\n    {\"url\": \"https://1.example/\"},\n    {\"url\": \"https://3.example/\"}\n  ]}\n]}\n"),
        RemoveCase(name: "last", feed: 2, expected: "{\"sections\": [\n  {\"name\": \"A\", \"feeds\": [\n    {\"url\": \"https://1.example/\"},\n    {\"url\": \"https://2.example/\"}\n  ]}\n]}\n"),
    ])
    func removingAFeedTakesItsSeparatorWithIt(_ c: RemoveCase) throws {
        var gone = true
        let result = try edited(Self.three) { gone = $0.removeFeed(at: .init(section: 0, feed: c.feed)) }
        #expect(result == c.expected)
        #expect(!gone)
    }

    @Test func removingTheLastFeedOfASectionRemovesTheSection() throws {
        let text = "{\"sections\": [\n  {\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]},\n  {\"name\": \"B\", \"feeds\": [{\"url\": \"https://b.example/\"}]}\n]}\n"
        var gone = false
        let result = try edited(text) { gone = $0.removeFeed(at: .init(section: 0, feed: 0)) }
        #expect(gone)
        #expect(result == "{\"sections\": [\n  {\"name\": \"B\", \"feeds\": [{\"url\": \"https://b.example/\"}]}\n]}\n")
    }

    @Test func movingAFeedKeepsItsOptionsAsWrittenAndReindentsThem() throws {
        let text = """
        {"sections": [
          {"name": "A", "feeds": [
            {"url": "https://keep.example/"},
            {
              "url": "https://moved.example/",
              "article": "always",   "interval": "2h"
            }
          ]},
          {"name": "B", "feeds": [
                {"url": "https://b.example/"}
          ]}
        ]}
        """
        var left = true
        let result = try edited(text) { left = $0.moveFeed(at: .init(section: 0, feed: 1), toSection: "b") }
        #expect(!left)
        #expect(result == """
        {"sections": [
          {"name": "A", "feeds": [
            {"url": "https://keep.example/"}
          ]},
          {"name": "B", "feeds": [
                {"url": "https://b.example/"},
                {
                  "url": "https://moved.example/",
                  "article": "always",   "interval": "2h"
                }
          ]}
        ]}
        """)
        let config = try ConfigurationParser.parse(Array(result.utf8), source: "t")
        #expect(config.sections[1].feeds[1] == FeedConfig(url: "https://moved.example/", article: .always, interval: 7200))
    }

    @Test func movingTheOnlyFeedOfASectionToANewOneReplacesTheSection() throws {
        let text = "{\"sections\": [\n  {\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]},\n  {\"name\": \"B\", \"feeds\": [{\"url\": \"https://b.example/\"}]}\n]}\n"
        var left = false
        let result = try edited(text) { left = $0.moveFeed(at: .init(section: 1, feed: 0), toSection: "C") }
        #expect(left)
        #expect(result == "{\"sections\": [\n  {\"name\": \"A\", \"feeds\": [{\"url\": \"https://a.example/\"}]},\n  {\"name\": \"C\", \"feeds\": [{\"url\": \"https://b.example/\"}]}\n]}\n")
    }

    @Test func titlesAreWrittenAsJSONStringsThatReadBackTheSame() throws {
        let title = "Le \"Monde\" \\ 日本 🗞 tab\there\nline\u{01}"
        let result = try edited(FeedsJSONEdit.emptyDocument) { $0.append([.init(url: "https://a.example/", title: title)], toSection: "Ünïcode \"S\"") }
        let config = try ConfigurationParser.parse(Array(result.utf8), source: "t")
        #expect(config.sections[0].name == "Ünïcode \"S\"")
        #expect(config.sections[0].feeds[0].title == title)
        #expect(result.contains(#""title": "Le \"Monde\" \\ 日本 🗞 tab\there\nline\u0001""#))
    }

    @Test func sectionNamesAreMatchedWithoutCase() throws {
        var edit = try FeedsJSONEdit(text: Self.three)
        edit.append([.init(url: "https://4.example/")], toSection: "a")
        #expect(edit.sectionNames == ["A"])
    }
}

@Suite struct FeedsJSONEditLineEndingTests {
    @Test func windowsLineEndingsAndAByteOrderMarkAreKept() throws {
        let text = "\u{FEFF}{\r\n  \"sections\": [\r\n    {\"name\": \"A\", \"feeds\": [\r\n      {\"url\": \"https://a.example/\"}\r\n    ]}\r\n  ]\r\n}\r\n"
        var edit = try FeedsJSONEdit(text: text)
        edit.append([.init(url: "https://b.example/")], toSection: "A")
        edit.append([.init(url: "https://c.example/")], toSection: "C")
        _ = try ConfigurationParser.parse(edit.bytes, source: "t")
        #expect(edit.text == "\u{FEFF}{\r\n  \"sections\": [\r\n    {\"name\": \"A\", \"feeds\": [\r\n      {\"url\": \"https://a.example/\"},\r\n"
                + "      {\"url\": \"https://b.example/\"}\r\n    ]},\r\n    {\"name\": \"C\", \"feeds\": [\r\n      {\"url\": \"https://c.example/\"}\r\n    ]}\r\n  ]\r\n}\r\n")
        #expect(!edit.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}
