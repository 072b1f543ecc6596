import Foundation
import Testing
@testable import TelexConfig

@Suite struct AccountConfigTests {
    private func parse(_ json: String) throws(ConfigurationError) -> Configuration {
        try ConfigurationParser.parse(Array(json.utf8), source: "feeds.json")
    }

    private func messages(_ json: String) -> [String] {
        do { _ = try parse(json); return [] } catch { return error.problems.map { "\($0.path): \($0.message)" } }
    }

    @Test func accountsAreReadWithTheirPasswordSourceAndAFileMayHoldOnlyAccounts() throws {
        let c = try parse(#"""
        {"sections": [],
         "accounts": [
           {"name": "home", "type": "ttrss", "url": " HTTP://rss.example/tt-rss/", "user": "ann", "password_command": "pass show rss"},
           {"name": "work", "type": "miniflux", "url": "https://flux.example", "user": "ann", "password_env": "FLUX_PASSWORD"}]}
        """#)
        #expect(c.accounts == [
            AccountConfig(name: "home", type: .ttrss, url: "http://rss.example/tt-rss/", user: "ann", password: .command("pass show rss")),
            AccountConfig(name: "work", type: .miniflux, url: "https://flux.example", user: "ann", password: .environment("FLUX_PASSWORD")),
        ])
        #expect(c.sections.isEmpty)
        let keyed = try parse(#"{"sections": [], "accounts": [{"name": "w", "type": "miniflux", "url": "https://flux.example", "user": "ann", "password_env": "K", "auth": "api_key"}]}"#)
        #expect(keyed.accounts.first?.auth == .apiKey)
        #expect(c.accounts.map(\.auth) == [.password, .password])
        // What a log or an error may print of an account names where the password comes from, never a password.
        #expect(c.accounts[0].description == "home (ttrss http://rss.example/tt-rss/, user ann, password_command pass show rss)")
    }

    @Test(arguments: [
        (#"{"name": "h", "type": "ttrss", "url": "http://a.example/", "user": "u", "password": "hunter2"}"#,
         #"accounts[0].password: unknown key "password"; allowed: name, type, url, user, password_command, password_env, auth"#
         + "\n" + #"accounts[0]: missing "password_command" or "password_env" (the password itself never goes in feeds.json)"#),
        (#"{"name": "h", "type": "ttrss", "url": "http://a.example/", "user": "u"}"#,
         #"accounts[0]: missing "password_command" or "password_env" (the password itself never goes in feeds.json)"#),
        (#"{"name": "h", "type": "ttrss", "url": "http://a.example/", "user": "u", "password_env": "A", "password_command": "b"}"#,
         #"accounts[0]: give "password_command" or "password_env", not both"#),
        (#"{"name": "h", "type": "rss2", "url": "http://a.example/", "user": "u", "password_env": "A"}"#,
         #"accounts[0].type: expected one of "ttrss", "greader", "miniflux""#),
        (#"{"name": "h", "type": "ttrss", "url": "ftp://a.example/", "user": "u", "password_env": "A"}"#,
         #"accounts[0].url: unsupported URL scheme "ftp": only http and https feeds are fetched"#),
        (#"{"name": "a:b", "type": "ttrss", "url": "http://a.example/", "user": "u", "password_env": "A"}"#,
         #"accounts[0].name: an account name cannot contain ":" or "/""#),
        (#"{"name": "h", "type": "ttrss", "url": "http://a.example/", "password_env": "A"}"#,
         #"accounts[0].user: missing required key "user""#),
        (#"{"name": "h", "type": "ttrss", "url": "http://a.example/", "user": "u", "password_env": "A", "auth": "api_key"}"#,
         #"accounts[0].auth: "api_key" is for miniflux accounts only"#),
        (#"{"name": "h", "type": "miniflux", "url": "http://a.example/", "user": "u", "password_env": "A", "auth": "token"}"#,
         #"accounts[0].auth: expected "password" or "api_key""#),
    ])
    func aBadAccountIsAClearProblem(_ account: String, _ expected: String) {
        let json = #"{"sections": [{"name": "N", "feeds": [{"url": "https://a.example/f"}]}], "accounts": ["# + account + "]}"
        #expect(messages(json) == expected.components(separatedBy: "\n"))
    }

    @Test func twoAccountsWithOneNameAreAProblem() {
        let account = #"{"name": "Home", "type": "ttrss", "url": "http://a.example/", "user": "u", "password_env": "A"}"#
        let json = #"{"sections": [], "accounts": ["# + account + "," + account.replacingOccurrences(of: "Home", with: "home") + "]}"
        #expect(messages(json) == [#"accounts[1].name: duplicate account "home" (also accounts[0])"#])
    }
}
