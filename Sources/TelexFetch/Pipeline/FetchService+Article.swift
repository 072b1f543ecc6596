import Foundation
import TelexArticles
import TelexModel
import TelexStore

/// What fetching one article (and its related stories) did.
struct ArticleOutcome: Sendable {
    var saved = 0
    var failed = 0
    var bytes = 0
}

/// The result of fetching one page on request ("fetch this URL now").
public enum PageFetchResult: Sendable {
    case saved(ArticleID)
    case failed(String)
}

extension FetchService {
    /// Fetches one page the user follows, extracts and caches it; runs in the caller's process,
    /// without the fetch lock. `allowPrivateAddresses` should be true only when the page the link
    /// came from is itself on a private address.
    public func fetchPage(_ url: String, allowPrivateAddresses: Bool, prefetchRelated: Int = 0) async -> PageFetchResult {
        var outcome = ArticleOutcome()
        let id = await savePage(url, allowPrivateAddresses: allowPrivateAddresses, outcome: &outcome, relatedBudget: prefetchRelated)
        switch id {
        case .success(let id): return .saved(id)
        case .failure(let message): return .failed(message.text)
        }
    }

    func fetchArticle(_ job: ArticleJob, prefetchRelated: Int) async -> ArticleOutcome {
        var outcome = ArticleOutcome()
        _ = await savePage(job.url, allowPrivateAddresses: job.allowPrivateAddresses, outcome: &outcome, relatedBudget: prefetchRelated)
        return outcome
    }

    struct PageFailure: Error { var text: String }

    /// Fetch → extract (one per core) → save; then, when `relatedBudget` > 0, the related stories
    /// it links to (one hop: theirs are not followed).
    private func savePage(_ address: String, allowPrivateAddresses: Bool, outcome: inout ArticleOutcome,
                          relatedBudget: Int) async -> Result<ArticleID, PageFailure> {
        guard let url = URL(string: address) else { outcome.failed += 1; return .failure(PageFailure(text: "not a valid URL")) }
        let now = Date()
        let response: HTTPFetchResponse
        do {
            response = try await http.fetch(HTTPFetchRequest(url: url, kind: .page, allowPrivateAddresses: allowPrivateAddresses))
        } catch {
            outcome.failed += 1
            // Blocked addresses and non-HTML pages are decisions, not network failures: remember them.
            switch error {
            case .blockedAddress, .unacceptableContentType:
                _ = try? store.saveArticle(ArticleRecord(requestedURL: address, status: .failed, fetchedAt: now, error: error.description))
            default: break
            }
            return .failure(PageFailure(text: error.description))
        }
        outcome.bytes += response.body.count
        guard (200..<300).contains(response.status) else {
            outcome.failed += 1
            let message = "HTTP \(response.status)"
            _ = try? store.saveArticle(ArticleRecord(requestedURL: address, finalURL: response.finalURL.absoluteString, status: .failed,
                                                     httpStatus: response.status, fetchedAt: now, error: message))
            return .failure(PageFailure(text: message))
        }
        let body = response.body
        let finalURL = response.finalURL.absoluteString
        let document = await cpu.run { ArticleExtractor.extract(html: body, pageURL: finalURL, contentType: response.contentType) }
        let record = ArticleRecord(
            requestedURL: address, finalURL: finalURL, canonicalURL: document.metadata.canonicalURL,
            status: document.confidence >= ArticleDocument.minimumConfidence ? .ok : .notArticle,
            httpStatus: response.status, fetchedAt: now, title: document.metadata.title,
            documentJSON: try? JSONEncoder().encode(document), plainText: document.plainText,
            links: document.links.map { ArticleLink(url: $0.url, text: $0.text, kind: $0.isRelated ? .related : .inline) })
        let id: ArticleID
        do { id = try store.saveArticle(record) } catch {
            outcome.failed += 1
            return .failure(PageFailure(text: "cache write failed: \(error)"))
        }
        outcome.saved += 1
        if relatedBudget > 0 {
            var fetched = 0
            for link in document.related where fetched < relatedBudget {
                guard link.url.hasPrefix("http://") || link.url.hasPrefix("https://") else { continue }
                if let cached = try? store.article(forURL: link.url), cached.status != .failed { continue }
                fetched += 1
                _ = await savePage(link.url, allowPrivateAddresses: allowPrivateAddresses, outcome: &outcome, relatedBudget: 0)
            }
        }
        return .success(id)
    }
}
