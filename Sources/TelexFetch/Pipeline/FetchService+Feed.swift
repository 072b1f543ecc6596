import Foundation
import TelexConfig
import TelexFeeds
import TelexStore

extension FetchService {
    /// Fetches and parses one feed; never throws (every failure becomes a recorded state).
    /// `articles`: the pass fetches pages (only then is the feed's address judged, for its pages); `pagesAhead`:
    /// which of its items' pages the article phase will fetch, for the writer (nil when none).
    func fetchFeed(_ info: FeedFetchInfo, config: FeedConfig, articles: Bool, pagesAhead: PagesAhead?, now: Date) async -> FeedOutcome {
        let address = info.permanentRedirect ?? info.url
        guard let url = URL(string: address) else { return fail(info, "not a valid URL", status: nil, retryAfter: nil, now: now) }
        let interval = config.interval ?? configuration.settings.defaultInterval
        let response: HTTPFetchResponse
        do {
            response = try await http.fetch(HTTPFetchRequest(url: url, kind: .feed, etag: info.etag, lastModified: info.lastModified))
        } catch {
            // A stopped pass (SIGTERM) records nothing for feeds it did not finish.
            if case .cancelled = error { return .skipped(url: info.url, reason: "cancelled") }
            return fail(info, error.description, status: nil, retryAfter: nil, now: now)
        }
        switch response.status {
        case 304:
            return .notModified(FeedStateRules.success(info, response: response, now: now, interval: interval, ttlMinutes: nil,
                                                       warning: nil, jitter: jitter), privatePages: articles && response.fromPrivateAddress)
        case 200..<300:
            break
        case 410:
            return fail(info, "HTTP 410 Gone: the feed was removed; no longer fetched", status: 410, retryAfter: nil, now: now)
        case 429, 503:
            return fail(info, "HTTP \(response.status)", status: response.status,
                        retryAfter: response.retryAfter(now: now) ?? now.addingTimeInterval(3600), now: now)
        default:
            return fail(info, "HTTP \(response.status)", status: response.status, retryAfter: nil, now: now)
        }
        let body = response.body
        let parsed: ParsedFeed
        let result: FeedResult
        let jitter = self.jitter
        do {
            // Parsing and preparing the items for the writer (search text, hashes) is the CPU work of a
            // feed: at most one per core.
            (parsed, result) = try await cpu.run {
                let parsed = try FeedParser.parse(body, documentURL: response.finalURL.absoluteString, contentType: response.contentType)
                let state = FeedStateRules.success(info, response: response, now: now, interval: interval,
                                                   ttlMinutes: parsed.ttlMinutes, warning: parsed.warnings.first, jitter: jitter)
                let items = parsed.items.map { item in
                    ItemRecord(stableID: item.id, link: item.link, title: item.title,
                               author: item.authors.isEmpty ? nil : item.authors.joined(separator: ", "),
                               published: item.published, updated: item.updated, summaryHTML: item.summaryHTML, contentHTML: item.contentHTML,
                               language: item.language ?? parsed.language)
                }
                return (parsed, FeedResult(state: state, feedTitle: parsed.title, siteLink: parsed.link, items: items, pagesAhead: pagesAhead))
            }
        } catch {
            return fail(info, "not a feed: \(error)", status: response.status, retryAfter: nil, now: now)
        }
        return .updated(result, bytes: body.count, warning: parsed.warnings.first, privatePages: articles && response.fromPrivateAddress)
    }

    private func fail(_ info: FeedFetchInfo, _ message: String, status: Int?, retryAfter: Date?, now: Date) -> FeedOutcome {
        .failed(FeedStateRules.failure(info, message: message, status: status, retryAfter: retryAfter, now: now, jitter: jitter),
                message: message)
    }
}
