import Foundation
import Testing
@testable import TelexFetch
import TelexTestServer

/// POST and PUT with a body and extra headers (account APIs) through the same client, limits and policy.
@Suite struct HTTPMethodTests {
    static let json = FixtureRoute.status(200, headers: ["Content-Type": "application/json"], body: #"{"ok":true}"#)

    @Test func aPostSendsItsBodyHeadersAndMethod() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/api/": Self.json]) { server, base in
            let body = Array(#"{"op":"login","user":"ü"}"#.utf8)
            let request = HTTPFetchRequest(url: URL(string: base.absoluteString + "/api/")!, kind: .api, method: .post, body: body,
                                           headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Authorization", "GoogleLogin auth=x")])
            let response = try await fetcher.fetch(request)
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
            let sent = try #require(server.requests.last)
            #expect(sent.method == "POST")
            #expect(sent.body == body)
            #expect(sent.headers["content-type"] == "application/json")
            #expect(sent.headers["authorization"] == "GoogleLogin auth=x")
            #expect(sent.headers["accept"] == CurlFetcher.apiAccept)
            #expect(sent.headers["expect"] == nil)
        }
    }

    @Test func aPutWithALargeBodyIsAPutAndAnEmptyPostSendsNoBody() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/v1/entries": Self.json]) { server, base in
            let url = URL(string: base.absoluteString + "/v1/entries")!
            let large = Array(repeating: UInt8(ascii: "a"), count: 300_000)
            _ = try await fetcher.fetch(HTTPFetchRequest(url: url, kind: .api, method: .put, body: large))
            #expect(server.requests.last?.method == "PUT")
            #expect(server.requests.last?.body.count == 300_000)
            _ = try await fetcher.fetch(HTTPFetchRequest(url: url, kind: .api, method: .post))
            #expect(server.requests.last?.method == "POST")
            #expect(server.requests.last?.body == [])
        }
    }

    @Test func aRedirectedPostBecomesAGetAndCredentialsStayWithTheirOrigin() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/same": .redirect(to: "/target", permanent: false), "/target": Self.json]) { server, base in
            let port = try #require(base.port)
            server.setRoute("/away", .redirect(to: "http://localhost:\(port)/target", permanent: false))
            let auth = [HTTPHeader("Authorization", "Bearer secret")]
            _ = try await fetcher.fetch(HTTPFetchRequest(url: URL(string: base.absoluteString + "/same")!, kind: .api, method: .post,
                                                         body: Array("x=1".utf8), headers: auth))
            let sameOrigin = try #require(server.requests.last)
            #expect(sameOrigin.path == "/target")
            #expect(sameOrigin.method == "GET")
            #expect(sameOrigin.body == [])
            #expect(sameOrigin.headers["authorization"] == "Bearer secret")
            _ = try await fetcher.fetch(HTTPFetchRequest(url: URL(string: base.absoluteString + "/away")!, kind: .api, method: .post,
                                                         body: Array("x=1".utf8), headers: auth))
            let otherOrigin = try #require(server.requests.last)
            #expect(otherOrigin.path == "/target")
            #expect(otherOrigin.headers["host"]?.hasPrefix("localhost") == true)
            #expect(otherOrigin.headers["authorization"] == nil)
        }
    }

    @Test(arguments: ["X-Evil\r\nHost: other", "Bad Name", ""])
    func aHeaderThatWouldSplitTheRequestIsRefusedBeforeAnyConnection(_ name: String) async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/api/": Self.json]) { server, base in
            let request = HTTPFetchRequest(url: URL(string: base.absoluteString + "/api/")!, kind: .api, method: .post,
                                           headers: [HTTPHeader(name, "v")])
            let error = await failure(of: fetcher, request)
            guard case .invalidRequest? = error else { Issue.record("expected invalidRequest, got \(String(describing: error))"); return }
            let valueWithBreak = HTTPFetchRequest(url: URL(string: base.absoluteString + "/api/")!, kind: .api,
                                                  headers: [HTTPHeader("X-Ok", "a\r\nInjected: 1")])
            guard case .invalidRequest? = await failure(of: fetcher, valueWithBreak) else { Issue.record("value with a line break sent"); return }
            #expect(server.requests.isEmpty)
        }
    }

    @Test func thePolicyRefusesAnAPIRequestToAPrivateAddressWhenNotAllowed() async throws {
        let fetcher = CurlFetcher(limits: testLimits())
        try await withServer(["/api/": Self.json]) { server, base in
            let request = HTTPFetchRequest(url: URL(string: base.absoluteString + "/api/")!, kind: .api, method: .post,
                                           body: Array("{}".utf8), allowPrivateAddresses: false)
            guard case .blockedAddress? = await failure(of: fetcher, request) else { Issue.record("a private address was reached"); return }
            #expect(server.requests.isEmpty)
        }
    }

    @Test func anAPIAnswerOverTheLimitIsCut() async throws {
        let fetcher = CurlFetcher(limits: testLimits(maxFeedBytes: 1000))
        let big = FixtureRoute.status(200, headers: ["Content-Type": "application/json"], body: String(repeating: "x", count: 5000))
        try await withServer(["/api/": big]) { _, base in
            let request = HTTPFetchRequest(url: URL(string: base.absoluteString + "/api/")!, kind: .api, method: .post, body: Array("{}".utf8))
            #expect(await failure(of: fetcher, request) == .tooLarge(limit: 1000))
        }
    }
}
