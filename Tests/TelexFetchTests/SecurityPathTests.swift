import Foundation
import Testing
@testable import TelexFetch
import TelexTestServer

/// The SSRF guard tested for real. A made-up public name (`news.example`) resolves, through an
/// injected resolver, to 127.0.0.2, which the test policy treats as public; the private side is
/// 127.0.0.1 (and every private range). Requests run with `allowPrivateAddresses: false`, as pages
/// linked from a public feed do. The guard has layers (the check of what a name resolves to, DNS
/// pinning, the socket-open check, the check before a request on a reused connection); each is
/// tested on its own here, and the whole by the redirect tests.
@Suite(.serialized) struct SecurityPathTests {
    // MARK: Ranges

    @Test(arguments: [
        "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "127.0.0.1", "127.255.0.1", "100.64.0.1", "100.127.255.254",
        "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255", "192.0.0.8", "198.18.0.1",
        "198.19.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "feff::1", "ff02::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:192.168.1.1", "::127.0.0.1", "::10.0.0.1",
        "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "64:ff9b:1:ffff::8.8.8.8",
        "2002:7f00:1::", "2002:a00:1::1", "2002:c0a8:101::1", "2002:a9fe:a9fe::",
    ])
    func everyPrivateRangeIsPrivate(address: String) throws {
        let ip = try #require(IPAddress(address))
        #expect(AddressPolicy.isInPrivateRange(ip), "\(address)")
        #expect(AddressPolicy.standard.isPrivate(ip))
    }

    /// Just outside each range, and IPv4 addresses embedded in NAT64 and 6to4 that are public: an
    /// IPv6-only network reaches every IPv4 site through 64:ff9b::/96, so the prefix itself is not private.
    @Test(arguments: [
        "1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.1",
        "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255", "192.169.0.0", "192.0.1.0",
        "198.17.255.255", "198.20.0.0", "223.255.255.255",
        "2606:4700::1111", "2001:db9::1", "fbff::1", "64:ff9b::808:808", "64:ff9b::5db8:d822", "2002:808:808::1", "64:ff9c::1",
        "::ffff:8.8.8.8",
    ])
    func publicAddressesAreNotPrivate(address: String) throws {
        let ip = try #require(IPAddress(address))
        #expect(!AddressPolicy.isInPrivateRange(ip), "\(address)")
    }

    @Test func theTestPolicyMakesOnlyItsOneAddressPublic() {
        #expect(!testPolicy.isPrivate(loopback2))
        #expect(testPolicy.isPrivate(loopback1))
        #expect(testPolicy.isPrivate(IPAddress("127.0.0.3")!))
        #expect(AddressPolicy.standard.isPrivate(loopback2))
    }

    // MARK: Names

    /// A name is judged on every address it resolves to: one private address makes it private.
    @Test(arguments: ["10.1.2.3", "127.0.0.1", "169.254.169.254", "172.20.0.5", "192.168.1.10", "100.100.100.100",
                      "::1", "fd00::5", "fe80::1", "fec0::2", "64:ff9b::a00:1", "2002:c0a8:101::1", "::ffff:192.168.0.1"])
    func aNameThatResolvesToAPrivateAddressIsPrivate(address: String) {
        let ip = IPAddress(address)!
        let policy = AddressPolicy.standard
        #expect(policy.approve([ip], of: "intranet.example", allowPrivate: false) == .failure(.blockedAddress(host: "intranet.example")))
        #expect(policy.approve([IPAddress("93.184.216.34")!, ip], of: "mixed.example", allowPrivate: false)
                == .failure(.blockedAddress(host: "mixed.example")))
        #expect(policy.approve([ip], of: "intranet.example", allowPrivate: true) == .success([ip]))
    }

    @Test func literalsAndLocalhostAreJudgedWithoutALookup() {
        let policy = AddressPolicy.standard
        #expect(policy.judge(host: "10.0.0.1", allowPrivate: false) == .failure(.blockedAddress(host: "10.0.0.1")))
        #expect(policy.judge(host: "::1", allowPrivate: false) == .failure(.blockedAddress(host: "::1")))
        #expect(policy.judge(host: "localhost", allowPrivate: false) == .failure(.blockedAddress(host: "localhost")))
        #expect(policy.judge(host: "api.LOCALHOST.", allowPrivate: false) == .failure(.blockedAddress(host: "api.LOCALHOST.")))
        #expect(policy.judge(host: "8.8.8.8", allowPrivate: false) == .success(.literal))
        #expect(policy.judge(host: "news.example", allowPrivate: false) == .success(.lookUp))
        #expect(policy.judge(host: "10.0.0.1", allowPrivate: true) == .success(.literal))
    }

    @Test func aPublicNameOnAPrivateAddressIsNeverRequested() async throws {
        try await withServer(["/page.html": .resource(FixtureResource(text: "<p>secret</p>", contentType: "text/html"))]) { server, base in
            let resolver = ScriptedResolver(["news.example": loopback1])
            let fetcher = CurlFetcher(limits: testLimits(), resolver: resolver, policy: testPolicy)
            let url = URL(string: "http://news.example:\(base.port!)/page.html")!
            let result = await failure(of: fetcher, HTTPFetchRequest(url: url, kind: .page, allowPrivateAddresses: false))
            #expect(result == .blockedAddress(host: "news.example"))
            #expect(resolver.lookups(of: "news.example") == 1)
            #expect(server.requestCount("/page.html") == 0)
        }
    }

    // MARK: Pinning

    /// The name is resolved once, by telex, and libcurl connects to that answer: `news.example`
    /// does not exist in DNS, so any lookup of libcurl's own would fail with "host not found".
    @Test func libcurlConnectsToTheCheckedAddressAndNeverResolvesAgain() async throws {
        let sides = try await TwoSides.start(public: ["/page.html": .resource(FixtureResource(text: "<p>public</p>", contentType: "text/html"))],
                                             private: ["/page.html": .resource(FixtureResource(text: "<p>secret</p>", contentType: "text/html"))])
        // A rebinding name: public when checked, private at any later lookup.
        let resolver = ScriptedResolver(["news.example": [[loopback2], [loopback1]]])
        let fetcher = CurlFetcher(limits: testLimits(), resolver: resolver, policy: testPolicy)
        let url = URL(string: "http://news.example:\(sides.port)/page.html")!
        let response = try await fetcher.fetch(HTTPFetchRequest(url: url, kind: .page, allowPrivateAddresses: false))
        await sides.stop()
        #expect(String(decoding: response.body, as: UTF8.self) == "<p>public</p>")
        #expect(response.remoteAddress == loopback2)
        #expect(!response.fromPrivateAddress)
        #expect(resolver.lookups(of: "news.example") == 1)
        #expect(sides.privateSide.requestCount("/page.html") == 0)
    }

    /// The socket-open check on its own: a transfer pinned to a private address (as a poisoned
    /// cache entry could make it) never connects. The probe tells whether a TCP connection was made.
    @Test func aSocketToAPrivateAddressIsNeverOpened() async throws {
        let probe = try ConnectionProbe()
        let url = try CurlURL.parse("http://news.example:\(probe.port)/page.html").get()
        let setup = CurlTransfer.Setup(url: url, kind: .page, headers: [], userAgent: "t", pinned: [loopback1],
                                       allowPrivateAddresses: false, policy: testPolicy, maxBytes: 1 << 20,
                                       timeoutMilliseconds: 5_000, connectTimeoutMilliseconds: 5_000, idleSeconds: 5,
                                       lowSpeedLimit: 0, lowSpeedSeconds: 1, caFile: nil)
        let loop = try CurlEventLoop.start().get()
        defer { loop.stop() }
        let outcome = await loop.perform(try CurlTransfer.make(setup).get())
        #expect(outcome.failure == .blockedAddress(host: "news.example"))
        #expect(!probe.wasConnected)
    }

    /// The check before a request on a reused connection: `news.example` first answers privately to a
    /// feed allowed to be private (the connection stays open in libcurl's pool), then publicly to a
    /// page that is not. libcurl would reuse the open connection to 127.0.0.1 (it pools by name and
    /// port): the request must not be sent on it.
    @Test func aReusedConnectionToAPrivateAddressCarriesNoRequestForAPublicPage() async throws {
        let sides = try await TwoSides.start(
            public: ["/page.html": .resource(FixtureResource(text: "<p>public</p>", contentType: "text/html"))],
            private: ["/feed.xml": .resource(FixtureResource(text: "<rss/>", contentType: "application/rss+xml")),
                      "/page.html": .resource(FixtureResource(text: "<p>secret</p>", contentType: "text/html"))])
        let resolver = ScriptedResolver(["news.example": [[loopback1], [loopback2]]])
        let fetcher = CurlFetcher(limits: testLimits(), resolver: resolver, policy: testPolicy)
        let feed = try await fetcher.fetch(HTTPFetchRequest(url: URL(string: "http://news.example:\(sides.port)/feed.xml")!))
        #expect(feed.remoteAddress == loopback1)
        let page = await failure(of: fetcher, HTTPFetchRequest(url: URL(string: "http://news.example:\(sides.port)/page.html")!,
                                                              kind: .page, allowPrivateAddresses: false))
        await sides.stop()
        #expect(page == .blockedAddress(host: "news.example"))
        #expect(sides.privateSide.requestCount("/page.html") == 0)
    }

    // MARK: Redirects

    func redirect(to location: (Int) -> String, resolver: ScriptedResolver) async throws -> (HTTPFetchError?, TwoSides) {
        var routes: [String: FixtureRoute] = [:]
        let sides = try await TwoSides.start(public: [:], private: ["/secret": .resource(FixtureResource(text: "<p>secret</p>", contentType: "text/html"))])
        routes["/go"] = .redirect(to: location(sides.port), permanent: false)
        sides.publicSide.setRoute("/go", routes["/go"]!)
        let fetcher = CurlFetcher(limits: testLimits(), resolver: resolver, policy: testPolicy)
        let result = await failure(of: fetcher, HTTPFetchRequest(url: URL(string: "http://news.example:\(sides.port)/go")!, kind: .page,
                                                                allowPrivateAddresses: false))
        await sides.stop()
        return (result, sides)
    }

    @Test func aRedirectToAPrivateNameIsRefused() async throws {
        let resolver = ScriptedResolver(["news.example": loopback2, "intranet.example": loopback1])
        let (result, sides) = try await redirect(to: { "http://intranet.example:\($0)/secret" }, resolver: resolver)
        #expect(result == .blockedAddress(host: "intranet.example"))
        #expect(sides.publicSide.requestCount("/go") == 1)
        #expect(sides.privateSide.requestCount("/secret") == 0)
    }

    @Test(arguments: ["127.0.0.1", "[::1]", "localhost"])
    func aRedirectToAPrivateLiteralOrLocalhostIsRefused(host: String) async throws {
        let resolver = ScriptedResolver(["news.example": loopback2, "localhost": loopback1])
        let (result, sides) = try await redirect(to: { "http://\(host):\($0)/secret" }, resolver: resolver)
        #expect(result == .blockedAddress(host: host == "[::1]" ? "::1" : host))
        #expect(sides.privateSide.requestCount("/secret") == 0)
        #expect(resolver.lookups(of: "localhost") == 0, "localhost is private without a lookup")
    }

    /// `Location: file:///etc/passwd` is a file URL, refused, never a path on the same host.
    @Test(arguments: ["file:///etc/passwd", "FILE:/etc/passwd", "file://localhost/etc/passwd"])
    func aRedirectToAFileIsRefused(location: String) async throws {
        let resolver = ScriptedResolver(["news.example": loopback2])
        let (result, sides) = try await redirect(to: { _ in location }, resolver: resolver)
        #expect(result == .unsupportedScheme("file"))
        #expect(sides.publicSide.requests.map(\.path) == ["/go"])
    }

    /// A feed's privacy is judged on where it finally answered from: a public name that redirects to a
    /// private one answered privately (its pages may then be private too).
    @Test func aFeedIsJudgedOnTheAddressItAnsweredFrom() async throws {
        let sides = try await TwoSides.start(public: [:], private: ["/feed.xml": .resource(FixtureResource(text: "<rss/>", contentType: "application/rss+xml"))])
        sides.publicSide.setRoute("/feed.xml", .redirect(to: "http://intranet.example:\(sides.port)/feed.xml", permanent: false))
        let resolver = ScriptedResolver(["news.example": loopback2, "intranet.example": loopback1])
        let fetcher = CurlFetcher(limits: testLimits(), resolver: resolver, policy: testPolicy)
        let response = try await fetcher.fetch(HTTPFetchRequest(url: URL(string: "http://news.example:\(sides.port)/feed.xml")!))
        await sides.stop()
        #expect(response.remoteAddress == loopback1)
        #expect(response.fromPrivateAddress)
        #expect(response.finalURL.absoluteString == "http://intranet.example:\(sides.port)/feed.xml")
    }

    @Test func aNameThatDoesNotResolveIsHostNotFound() async throws {
        let fetcher = CurlFetcher(limits: testLimits(), resolver: ScriptedResolver([String: IPAddress]()), policy: testPolicy)
        let result = await failure(of: fetcher, HTTPFetchRequest(url: URL(string: "http://nowhere.example/feed.xml")!))
        #expect(result == .hostNotFound("nowhere.example"))
    }
}
