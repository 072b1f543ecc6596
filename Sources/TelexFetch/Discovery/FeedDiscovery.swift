import Foundation
import TelexArticles
import TelexConfig
import TelexFeeds

/// A feed that discovery fetched and parsed.
public struct DiscoveredFeed: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable {
        /// The address given was the feed itself.
        case direct
        /// A `<link rel="alternate">` of the page.
        case linkElement
        /// An `<a>` of the page named like a feed.
        case anchor
        /// One of the usual addresses (`/feed`, `/rss.xml`…) of the site.
        case commonPath
    }
    /// The address to subscribe to: where the feed answered, after permanent redirects (a temporary
    /// redirect keeps the address asked for).
    public var url: String
    /// The feed's own title (else the page's name for the link).
    public var title: String?
    public var itemCount: Int
    public var format: FeedFormat
    /// The site the feed says it belongs to.
    public var siteLink: String?
    public var source: Source
    /// Every address that led to this feed (as asked, and where redirects ended), for duplicate checks.
    public var addresses: [String]
}

/// What discovery found at an address.
public struct DiscoveryReport: Sendable, Hashable {
    /// The feeds, in the order the page lists them (link elements, then anchors, then the usual paths).
    public var feeds: [DiscoveredFeed]
    /// The address fetched first, completed (`example.org` → `https://example.org`).
    public var requestedURL: String
    /// Addresses tried that gave no feed, with the reason (for the message when nothing was found).
    public var misses: [Miss]

    public struct Miss: Sendable, Hashable {
        public var url: String
        public var reason: String
    }
}

/// Why discovery could not even start.
public enum DiscoveryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not an http(s) address.
    case invalidAddress(String)
    /// The address itself could not be fetched (network, HTTP status).
    case unreachable(url: String, reason: String)

    public var description: String {
        switch self {
        case .invalidAddress(let why): why
        case .unreachable(let url, let reason): "\(url): \(reason)"
        }
    }
}

/// Finds the feeds of a site from any of its pages (or a feed's own address), through the fetch
/// service's HTTP client (its limits and address policy) and the feed parser.
///
/// The address itself is fetched first: a feed is that feed. A page is read for `<link rel="alternate">`
/// elements of feed types, else `<a>` links named like feeds, else the site's usual feed addresses are
/// tried (`commonPaths`). Every candidate is fetched and parsed; only real feeds are reported, each once
/// (two addresses of one feed, such as `/feed` and `/?feed=rss2`, are recognised by their content).
/// The address the user gave may be on a private network (their own server); candidates found in a
/// public page may not (the same rule as article pages).
public struct FeedDiscovery: Sendable {
    /// Tried, in this order, on the site's root when the page names no feed.
    public static let commonPaths = ["/feed", "/rss", "/rss.xml", "/atom.xml", "/index.xml", "/feed.json", "/?feed=rss2"]
    /// Candidates read from a page, at most (link elements, then anchors).
    static let maximumCandidates = 12
    /// Candidates fetched at once.
    static let parallelism = 4

    let http: any HTTPFetching

    public init(http: any HTTPFetching) { self.http = http }

    /// The address the user meant: trimmed, `https://` added when no scheme is given.
    public static func completeAddress(_ input: String) throws(DiscoveryError) -> String {
        var text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.contains("://"), !text.isEmpty, !text.lowercased().hasPrefix("javascript:"), !text.lowercased().hasPrefix("file:") {
            text = "https://" + text
        }
        if let problem = FeedURL.problem(text) { throw .invalidAddress(problem) }
        return text
    }

    /// Discovers the feeds at `input`; `progress` hears each address as it is fetched.
    public func discover(_ input: String, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws(DiscoveryError) -> DiscoveryReport {
        let address = try Self.completeAddress(input)
        guard let url = URL(string: address) else { throw .invalidAddress("not a valid URL: \"\(address)\"") }
        progress(address)
        let response: HTTPFetchResponse
        do {
            response = try await http.fetch(HTTPFetchRequest(url: url, kind: .feed, allowPrivateAddresses: true))
        } catch {
            throw .unreachable(url: address, reason: error.description)
        }
        guard (200..<300).contains(response.status) else { throw .unreachable(url: address, reason: "HTTP \(response.status)") }
        var report = DiscoveryReport(feeds: [], requestedURL: address, misses: [])
        if !Self.isHTML(response), case .success(let parsed) = Self.parse(response) {
            report.feeds = [Self.feed(parsed, asked: address, response: response, linkTitle: nil, source: .direct)]
            return report
        }
        let page = response.finalURL.absoluteString
        let allowPrivate = response.finalURL.host.map { AddressPolicy.isPrivate(host: $0) } ?? false
        let advertised = FeedLinks.find(in: response.body, pageURL: page, contentType: response.contentType)
        let links = advertised.filter { $0.source == .linkElement }.prefix(Self.maximumCandidates)
        let anchors = advertised.filter { $0.source == .anchor }.prefix(Self.maximumCandidates)
        let rounds: [[Candidate]] = [
            links.map { Candidate(url: $0.url, title: $0.title, source: .linkElement) },
            anchors.map { Candidate(url: $0.url, title: $0.title, source: .anchor) },
            Self.commonPathURLs(of: response.finalURL).map { Candidate(url: $0, title: nil, source: .commonPath) },
        ]
        var fingerprints: Set<Fingerprint> = []
        var addresses: Set<String> = [FeedURL.identityKey(address), FeedURL.identityKey(page)]
        for round in rounds {
            let fresh = round.filter { addresses.insert(FeedURL.identityKey($0.url)).inserted }
            for (candidate, outcome) in await check(fresh, allowPrivate: allowPrivate, progress: progress) {
                switch outcome {
                case .success(let (parsed, answer)):
                    guard fingerprints.insert(Fingerprint(parsed)).inserted,
                          !report.feeds.contains(where: { $0.addresses.contains(FeedURL.identityKey(answer.finalURL.absoluteString)) })
                    else { continue }
                    report.feeds.append(Self.feed(parsed, asked: candidate.url, response: answer, linkTitle: candidate.title,
                                                  source: candidate.source))
                case .failure(let reason):
                    report.misses.append(DiscoveryReport.Miss(url: candidate.url, reason: reason))
                }
            }
            if !report.feeds.isEmpty { break }
        }
        return report
    }

    struct Candidate: Sendable {
        var url: String
        var title: String?
        var source: DiscoveredFeed.Source
    }

    enum Outcome: Sendable {
        case success((ParsedFeed, HTTPFetchResponse))
        case failure(String)
    }

    /// Fetches and parses candidates a few at a time; results in the candidates' order.
    private func check(_ candidates: [Candidate], allowPrivate: Bool, progress: @escaping @Sendable (String) -> Void) async -> [(Candidate, Outcome)] {
        var outcomes = [Outcome?](repeating: nil, count: candidates.count)
        let http = self.http
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            func start() {
                guard next < candidates.count else { return }
                let index = next, candidate = candidates[index]
                next += 1
                group.addTask {
                    guard let url = URL(string: candidate.url) else { return (index, .failure("not a valid URL")) }
                    progress(candidate.url)
                    do {
                        let response = try await http.fetch(HTTPFetchRequest(url: url, kind: .feed, allowPrivateAddresses: allowPrivate))
                        guard (200..<300).contains(response.status) else { return (index, .failure("HTTP \(response.status)")) }
                        if FeedDiscovery.isHTML(response) { return (index, .failure("an HTML page, not a feed")) }
                        switch FeedDiscovery.parse(response) {
                        case .success(let parsed): return (index, .success((parsed, response)))
                        case .failure(let error): return (index, .failure(error.message))
                        }
                    } catch {
                        return (index, .failure("\(error)"))
                    }
                }
            }
            for _ in 0..<Self.parallelism { start() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                start()
            }
        }
        return zip(candidates, outcomes.map { $0 ?? .failure("not tried") }).map { ($0, $1) }
    }

    static func parse(_ response: HTTPFetchResponse) -> Result<ParsedFeed, FeedParseError> {
        do {
            let parsed = try FeedParser.parse(response.body, documentURL: response.finalURL.absoluteString, contentType: response.contentType)
            guard parsed.format != .unknown else { return .failure(FeedParseError(.notAFeed, "no feed format recognised")) }
            return .success(parsed)
        } catch {
            return .failure(error)
        }
    }

    /// An HTML page by its first bytes (not its type: feeds are served as text/html too): not worth a feed parse.
    static func isHTML(_ response: HTTPFetchResponse) -> Bool {
        let head = String(decoding: response.body.prefix(512), as: UTF8.self).lowercased()
        return head.contains("<!doctype html") || head.contains("<html")
    }

    static func feed(_ parsed: ParsedFeed, asked: String, response: HTTPFetchResponse, linkTitle: String?,
                     source: DiscoveredFeed.Source) -> DiscoveredFeed {
        let subscribe = response.permanentRedirect?.absoluteString ?? asked
        let title = parsed.title.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } ?? linkTitle
        var addresses = [FeedURL.identityKey(asked), FeedURL.identityKey(response.finalURL.absoluteString)]
        if subscribe != asked { addresses.append(FeedURL.identityKey(subscribe)) }
        return DiscoveredFeed(url: subscribe, title: title, itemCount: parsed.items.count, format: parsed.format,
                              siteLink: parsed.link, source: source, addresses: addresses)
    }

    /// The usual feed addresses on the site of `page`.
    static func commonPathURLs(of page: URL) -> [String] {
        guard var components = URLComponents(url: page, resolvingAgainstBaseURL: false) else { return [] }
        components.path = ""; components.query = nil; components.fragment = nil; components.user = nil; components.password = nil
        guard let origin = components.string else { return [] }
        return commonPaths.map { origin + $0 }
    }

    /// Two addresses of one feed serve the same title and items.
    struct Fingerprint: Hashable {
        var title: String?
        var link: String?
        var items: [String]
        init(_ feed: ParsedFeed) {
            title = feed.title
            link = feed.link
            items = feed.items.prefix(5).map { $0.id }
        }
    }
}
