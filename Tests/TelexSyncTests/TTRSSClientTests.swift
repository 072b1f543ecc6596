import Foundation
import Testing
import TelexFetch
import TelexTestServer
@testable import TelexSync

/// The TT-RSS client against hostile or broken answers from the fixture server (the real tt-rss is
/// exercised by tests/sync/test_sync_ttrss.sh): each is one clear error, never a crash or a hang.
@Suite struct TTRSSClientTests {
    static func client(_ base: URL, limits: HTTPLimits = HTTPLimits(maxFeedBytes: 1 << 20, idleTimeout: 5, totalTimeout: 10),
                       session: String? = nil, password: String = "pw") throws -> (TTRSSClient, Sessions) {
        let sessions = Sessions()
        let client = try TTRSSClient(url: base.absoluteString, user: "ann", http: CurlFetcher(limits: limits), sessionID: session,
                                     password: { () throws(SyncError) -> String in password }, onNewSession: { sessions.got.append($0) })
        return (client, sessions)
    }

    final class Sessions: @unchecked Sendable { var got: [String] = [] }

    static func json(_ text: String, status: Int = 200, type: String = "text/json") -> FixtureRoute {
        .status(status, headers: ["Content-Type": type], body: text)
    }

    func error(_ route: FixtureRoute, session: String? = "s1", limits: HTTPLimits? = nil) async throws -> SyncError? {
        let server = FixtureServer(routes: ["/api/": route])
        let base = try await server.start()
        let (client, _) = try limits.map { try Self.client(base, limits: $0, session: session) } ?? Self.client(base, session: session)
        let result: SyncError?
        do throws(SyncError) { _ = try await client.tree(); result = nil } catch { result = error }
        await server.stop()
        return result
    }

    @Test func anHTMLPageIsNotAnAPIAnswer() async throws {
        let e = try await error(Self.json("<html><body>Welcome</body></html>", type: "text/html"))
        #expect(e == .badAnswer("not a Tiny Tiny RSS API answer (text/html, 33 bytes)"))
    }

    @Test func garbageJSONAndAMissingStatusAreBadAnswers() async throws {
        #expect(try await error(Self.json("{\"seq\": 1, \"status\": ")) == .badAnswer("not a Tiny Tiny RSS API answer (text/json, 21 bytes)"))
        #expect(try await error(Self.json("{\"seq\": 1, \"content\": []}")) == .badAnswer("no status in the answer"))
        #expect(try await error(Self.json("{\"seq\": 1, \"status\": 0, \"content\": {\"a\": 1}}")) == .badAnswer("getCategories did not give a list"))
    }

    @Test func statusesAndServerErrorsAreNamed() async throws {
        #expect(try await error(Self.json("", status: 500)) == .httpStatus(500, "the server failed"))
        #expect(try await error(Self.json("", status: 429)) == .httpStatus(429, "too many requests"))
        #expect(try await error(.status(404, body: "nope")) != nil)
        #expect(try await error(Self.json(#"{"seq":1,"status":1,"content":{"error":"LOGIN_ERROR"}}"#), session: nil)
                == .loginRefused("wrong user name or password"))
        #expect(try await error(Self.json(#"{"seq":1,"status":1,"content":{"error":"API_DISABLED"}}"#), session: nil)
                == .loginRefused("API access is disabled for this user (Preferences → Enable API)"))
        #expect(try await error(Self.json(#"{"seq":1,"status":1,"content":{"error":"INCORRECT_USAGE"}}"#)) == .server("INCORRECT_USAGE"))
    }

    @Test func anAnswerThatNeverEndsIsCutAtTheLimit() async throws {
        let limits = HTTPLimits(maxFeedBytes: 64 << 10, idleTimeout: 5, totalTimeout: 10)
        #expect(try await error(.endless(contentType: "text/json"), limits: limits) == .transport(.tooLarge(limit: 64 << 10)))
    }

    @Test func aServerThatIsNotThereIsUnreachable() async throws {
        let server = FixtureServer(routes: [:])
        let base = try await server.start()
        await server.stop()
        let (client, _) = try Self.client(base, session: "s1")
        do throws(SyncError) { _ = try await client.tree(); Issue.record("no error") } catch {
            #expect(error.isUnreachable)
        }
    }

    @Test func aLoginSendsTheUserAndKeepsTheSession() async throws {
        let server = FixtureServer(routes: ["/tt/api/": Self.json(#"{"seq":1,"status":0,"content":{"session_id":"abc123","api_level":15}}"#)])
        let base = try await server.start()
        let (client, sessions) = try Self.client(base.appendingPathComponent("tt"), password: "p<w>d")
        // The answer to getCategories is the login answer again: not a list, but the login happened first.
        do { _ = try await client.tree() } catch {}
        await server.stop()
        #expect(sessions.got == ["abc123"])
        let login = try #require(server.requests.first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(login.body)) as? [String: Any])
        #expect(body["op"] as? String == "login")
        #expect(body["user"] as? String == "ann")
        // tt-rss would strip "<w>" from the password: it goes base64, which tt-rss also tries.
        #expect(body["password"] as? String == Data("p<w>d".utf8).base64EncodedString())
        let next = try #require(try JSONSerialization.jsonObject(with: Data(server.requests[1].body)) as? [String: Any])
        #expect(next["sid"] as? String == "abc123")
        #expect(next["op"] as? String == "getCategories")
    }
}

@Suite struct CredentialTests {
    @Test func aPasswordComesFromTheFirstLineOfItsCommandOrFromTheEnvironment() throws {
        let reader = PasswordReader(environment: ["PATH": "/usr/bin:/bin", "RSS_PW": "s3cret"])
        #expect(try reader.password(for: .command("printf 'line one\\nline two\\n'")) == "line one")
        #expect(try reader.password(for: .environment("RSS_PW")) == "s3cret")
        #expect(throws: SyncError.password("the environment variable NOPE is not set")) { try reader.password(for: .environment("NOPE")) }
        #expect(throws: SyncError.password("the password command failed (exit status 3)")) { try reader.password(for: .command("exit 3")) }
        #expect(throws: SyncError.password("the password command printed nothing")) { try reader.password(for: .command("true")) }
    }

    @Test func tokensLiveInA0600File() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telex-tokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let tokens = TokenFile(cacheDirectory: dir.path)
        #expect(tokens.token(for: "home") == nil)
        try tokens.setToken("abc", for: "home")
        try tokens.setToken("def", for: "work")
        #expect(tokens.token(for: "home") == "abc")
        #expect(TokenFile(cacheDirectory: dir.path).token(for: "work") == "def")
        let mode = try FileManager.default.attributesOfItem(atPath: tokens.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
