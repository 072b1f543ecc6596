import Foundation
import TelexArticles
import TelexConfig
import TelexFeeds
import TelexStore

extension FetchService {
    /// Fetches and parses one feed; never throws (every failure becomes a recorded state).
    func fetchFeed(_ info: FeedFetchInfo, config: FeedConfig, options: PassOptions, now: Date) async -> FeedOutcome {
        let address = info.permanentRedirect ?? info.url
        guard let url = URL(string: address) else {
            return .failed(FeedStateRules.failure(info, message: "not a valid URL", status: nil, retryAfter: nil, now: now),
                           message: "not a valid URL")
        }
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
            return .notModified(FeedStateRules.success(info, response: response, now: now, interval: interval, ttlMinutes: nil, warning: nil))
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
        do {
            // Parsing and preparing the items for the writer (search text, hashes) is the CPU work of a
            // feed: at most one per core.
            (parsed, result) = try await cpu.run {
                let parsed = try FeedParser.parse(body, documentURL: response.finalURL.absoluteString, contentType: response.contentType)
                let state = FeedStateRules.success(info, response: response, now: now, interval: interval,
                                                   ttlMinutes: parsed.ttlMinutes, warning: parsed.warnings.first)
                let items = parsed.items.map { item in
                    ItemRecord(stableID: item.id, link: item.link, title: item.title,
                               author: item.authors.isEmpty ? nil : item.authors.joined(separator: ", "),
                               published: item.published, updated: item.updated, summaryHTML: item.summaryHTML, contentHTML: item.contentHTML)
                }
                return (parsed, FeedResult(state: state, feedTitle: parsed.title, siteLink: parsed.link, items: items))
            }
        } catch {
            return fail(info, "not a feed: \(error)", status: response.status, retryAfter: nil, now: now)
        }
        let warning = parsed.warnings.first
        let jobs = options.articles ? articleJobs(parsed, mode: config.article, feedURL: url, options: options, now: now) : []
        return .updated(result, articles: jobs, bytes: body.count, warning: warning)
    }

    private func fail(_ info: FeedFetchInfo, _ message: String, status: Int?, retryAfter: Date?, now: Date) -> FeedOutcome {
        .failed(FeedStateRules.failure(info, message: message, status: status, retryAfter: retryAfter, now: now), message: message)
    }

    /// The item pages worth fetching now: per the feed's `article` mode, recent items only, a few
    /// per feed per pass, never a page already cached.
    func articleJobs(_ feed: ParsedFeed, mode: ArticleMode, feedURL: URL, options: PassOptions, now: Date) -> [ArticleJob] {
        if mode == .never { return [] }
        let oldest = now.addingTimeInterval(-Double(options.articleMaxAgeDays) * 86_400)
        let allowPrivate = feedURL.host.map { AddressPolicy.isPrivate(host: $0) } ?? false
        var jobs: [ArticleJob] = []
        let newestFirst = feed.items.sorted { ($0.published ?? $0.updated ?? now) > ($1.published ?? $1.updated ?? now) }
        for item in newestFirst {
            if jobs.count >= options.articlesPerFeed { break }
            guard let link = item.link, link.hasPrefix("http://") || link.hasPrefix("https://") else { continue }
            if let date = item.published ?? item.updated, date < oldest { continue }
            // The same rule as the reader's "not cached" note: only summaries need the page.
            if mode == .auto && !FeedContent.isSummary(FeedContent.html(content: item.contentHTML, summary: item.summaryHTML),
                                                       threshold: options.shortContentCharacters) { continue }
            if let cached = try? store.article(forURL: link), cached.status != .failed { continue }
            jobs.append(ArticleJob(url: link, allowPrivateAddresses: allowPrivate))
        }
        return jobs
    }
}
