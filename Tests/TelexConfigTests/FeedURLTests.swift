import Testing
@testable import TelexConfig

/// Which feed URLs feeds.json accepts, and the form telex keeps them in: `feeds --check` and the
/// fetcher must agree (an accepted URL is one the fetcher fetches).
@Suite struct FeedURLTests {
    private func problems(_ url: String) -> [ConfigurationProblem] {
        let json = "{\"sections\": [{\"name\": \"A\", \"feeds\": [\n{\"url\": \"\(url)\"}]}]}"
        do { _ = try ConfigurationParser.parse(Array(json.utf8), source: "feeds.json"); return [] } catch { return error.problems }
    }

    @Test(arguments: [("http://example.org:99999/feed", "port 99999 is out of range (1 to 65535): \"http://example.org:99999/feed\""),
                      ("https://example.org:0/", "port 0 is out of range (1 to 65535): \"https://example.org:0/\""),
                      ("http://example.org:65536/", "port 65536 is out of range (1 to 65535): \"http://example.org:65536/\"")])
    func aPortOutOfRangeIsAnErrorAtItsLine(url: String, message: String) {
        #expect(problems(url) == [ConfigurationProblem(line: 2, path: "sections[0].feeds[0].url", message: message)])
    }

    @Test(arguments: ["http://example.org:65535/feed", "http://example.org:1/", "http://[::1]:8080/feed.xml", "https://[2001:db8::1]/"])
    func portsInRangeAndIPv6LiteralsAreAccepted(url: String) {
        #expect(problems(url).isEmpty)
    }

    @Test(arguments: [("HTTP://Example.org/Feed", "http://Example.org/Feed"), ("Https://example.org/", "https://example.org/"),
                      ("  http://example.org/x  ", "http://example.org/x")])
    func theSchemeIsKeptInLowerCase(written: String, kept: String) throws {
        #expect(FeedURL.problem(written) == nil)
        #expect(FeedURL.normalized(written) == kept)
        let json = "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"\(written)\"}]}]}"
        let config = try ConfigurationParser.parse(Array(json.utf8), source: "feeds.json")
        #expect(config.sections[0].feeds[0].url == kept)
    }

    @Test func anUpperCaseDuplicateIsStillADuplicate() {
        let json = "{\"sections\": [{\"name\": \"A\", \"feeds\": [{\"url\": \"http://example.org/f\"}, {\"url\": \"HTTP://EXAMPLE.org/f\"}]}]}"
        do {
            _ = try ConfigurationParser.parse(Array(json.utf8), source: "feeds.json")
            Issue.record("a duplicate was accepted")
        } catch {
            #expect(error.problems.map(\.path) == ["sections[0].feeds[1].url"])
        }
    }

    @Test func theFetchLimitSettingsAreReadWithTheirDefaults() throws {
        let defaults = Settings()
        #expect(defaults.timeout == 30 && defaults.totalTimeout == 60)
        #expect(defaults.lowSpeedLimit == 1024 && defaults.lowSpeedTime == 20)
        let json = #"{"settings": {"timeout": "10s", "total_timeout": "2m", "low_speed_limit": 0, "low_speed_time": "45s"}, "sections": [{"name": "A", "feeds": [{"url": "https://a.example/"}]}]}"#
        let s = try ConfigurationParser.parse(Array(json.utf8), source: "feeds.json").settings
        #expect(s.timeout == 10 && s.totalTimeout == 120 && s.lowSpeedLimit == 0 && s.lowSpeedTime == 45)
    }

    @Test func aNegativeLowSpeedLimitIsRefused() {
        let json = #"{"settings": {"low_speed_limit": -1}, "sections": [{"name": "A", "feeds": [{"url": "https://a.example/"}]}]}"#
        do {
            _ = try ConfigurationParser.parse(Array(json.utf8), source: "feeds.json")
            Issue.record("accepted")
        } catch {
            #expect(error.problems == [ConfigurationProblem(line: 1, path: "settings.low_speed_limit",
                                                            message: "expected a whole number from 0 to 1073741824")])
        }
    }
}
