import Foundation
import TelexArticles
import TelexModel
import TelexStore

/// What fetching one article (and its related stories) produced: the records to save, main page first.
struct ArticleOutcome: Sendable {
    var records: [ArticleRecord] = []
    var failed = 0
    var bytes = 0
}

/// The result of fetching one page on request ("fetch this URL now").
public enum PageFetchResult: Sendable {
    case saved(ArticleID)
    case failed(String)
}

/// Page URLs already taken by a task of this pass, so that two articles linking the same related
/// story do not both fetch it (the cache cannot tell: neither is saved yet).
final class PageClaims: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = Set<String>()
    /// True the first time a URL is claimed.
    func claim(_ url: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return claimed.insert(URLNormalizer.normalize(url)).inserted
    }
}

extension FetchService {
    /// Fetches one page the user follows, extracts and caches it; runs in the caller's process,
    /// without the fetch lock. `allowPrivateAddresses` should be true only when the page the link
    /// came from is itself on a private address.
    public func fetchPage(_ url: String, allowPrivateAddresses: Bool, prefetchRelated: Int = 0) async -> PageFetchResult {
        let page = await collectPage(url, allowPrivateAddresses: allowPrivateAddresses, relatedBudget: prefetchRelated, claims: PageClaims())
        guard let main = page.records.first else { return .failed(page.failure ?? "not fetched") }
        let ids: [ArticleID]
        do { ids = try store.saveArticles(page.records) } catch { return .failed("cache write failed: \(error)") }
        if main.status == .failed { return .failed(main.error ?? "not fetched") }
        return .saved(ids[0])
    }

    /// One article job of a pass: its page and related stories as records; the pass saves them in batches.
    func fetchArticle(_ job: ArticleJob, prefetchRelated: Int, claims: PageClaims) async -> ArticleOutcome {
        await collectPage(job.url, allowPrivateAddresses: job.allowPrivateAddresses, relatedBudget: prefetchRelated, claims: claims).outcome
    }

    struct CollectedPage {
        var outcome = ArticleOutcome()
        /// Why the main page gave no record at all (a network failure, which is not remembered).
        var failure: String?
        var records: [ArticleRecord] { outcome.records }
    }

    /// Fetch → extract (one per core) → record; then, when `relatedBudget` > 0, the related stories
    /// it links to (one hop: theirs are not followed). Writes nothing: whoever calls saves the records.
    private func collectPage(_ address: String, allowPrivateAddresses: Bool, relatedBudget: Int, claims: PageClaims) async -> CollectedPage {
        var page = CollectedPage()
        let document: ArticleDocument?
        (document, page.failure) = await fetchRecord(address, allowPrivateAddresses: allowPrivateAddresses, into: &page.outcome)
        guard let document, relatedBudget > 0 else { return page }
        var fetched = 0
        for link in document.related where fetched < relatedBudget {
            guard link.url.hasPrefix("http://") || link.url.hasPrefix("https://") else { continue }
            if let cached = try? store.article(forURL: link.url), cached.status != .failed { continue }
            guard claims.claim(link.url) else { continue }
            fetched += 1
            _ = await fetchRecord(link.url, allowPrivateAddresses: allowPrivateAddresses, into: &page.outcome)
        }
        return page
    }

    /// Fetches and extracts one page, appending its record (a failure record for decisions worth
    /// remembering: blocked address, not HTML, HTTP error). Returns the document, or why there is none.
    private func fetchRecord(_ address: String, allowPrivateAddresses: Bool, into outcome: inout ArticleOutcome) async
        -> (ArticleDocument?, String?) {
        guard let url = URL(string: address) else { outcome.failed += 1; return (nil, "not a valid URL") }
        let now = Date()
        let response: HTTPFetchResponse
        do {
            response = try await http.fetch(HTTPFetchRequest(url: url, kind: .page, allowPrivateAddresses: allowPrivateAddresses))
        } catch {
            outcome.failed += 1
            // Blocked addresses and non-HTML pages are decisions, not network failures: remember them.
            switch error {
            case .blockedAddress, .unacceptableContentType:
                outcome.records.append(ArticleRecord(requestedURL: address, status: .failed, fetchedAt: now, error: error.description))
            default: break
            }
            return (nil, error.description)
        }
        outcome.bytes += response.body.count
        guard (200..<300).contains(response.status) else {
            outcome.failed += 1
            let message = "HTTP \(response.status)"
            outcome.records.append(ArticleRecord(requestedURL: address, finalURL: response.finalURL.absoluteString, status: .failed,
                                                 httpStatus: response.status, fetchedAt: now, error: message))
            return (nil, message)
        }
        let body = response.body
        let finalURL = response.finalURL.absoluteString
        // Extraction and the record's JSON and text are the CPU work of a page: at most one per core.
        let (document, record) = await cpu.run {
            let document = ArticleExtractor.extract(html: body, pageURL: finalURL, contentType: response.contentType)
            let record = ArticleRecord(
                requestedURL: address, finalURL: finalURL, canonicalURL: document.metadata.canonicalURL,
                status: document.confidence >= ArticleDocument.minimumConfidence ? .ok : .notArticle,
                httpStatus: response.status, fetchedAt: now, title: document.metadata.title,
                documentJSON: ArticleDocumentCodec.encode(document), plainText: document.plainText,
                links: document.links.map { ArticleLink(url: $0.url, text: $0.text, kind: $0.isRelated ? .related : .inline) })
            return (document, record)
        }
        outcome.records.append(record)
        return (document, nil)
    }
}
