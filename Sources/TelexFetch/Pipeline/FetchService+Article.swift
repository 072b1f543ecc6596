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
    /// The URL serves something else than a web page (a PDF, a video): one for the browser.
    case notWebPage
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
    /// Failed attempts after which a pass stops retrying a page (it is still fetched when opened).
    static let maxArticleAttempts = 4

    /// Fetches one page the user follows, extracts and caches it; runs in the caller's process,
    /// without the fetch lock. `allowPrivateAddresses` should be true only when the page the link
    /// came from is itself on a private address.
    public func fetchPage(_ url: String, allowPrivateAddresses: Bool, prefetchRelated: Int = 0) async -> PageFetchResult {
        let page = await collectPage(url, allowPrivateAddresses: allowPrivateAddresses, attempts: nil, relatedBudget: prefetchRelated,
                                     claims: PageClaims(), now: clock.now)
        guard let main = page.records.first else { return .failed(page.failure ?? "not fetched") }
        let ids: [ArticleID]
        do { ids = try store.saveArticles(page.records) } catch { return .failed("cache write failed: \(error)") }
        if main.status == .notWebPage { return .notWebPage }
        if main.status.isFailure { return .failed(main.error ?? "not fetched") }
        return .saved(ids[0])
    }

    /// One article job of a pass: its page and related stories as records; the pass saves them in batches.
    func fetchArticle(_ job: ArticleJob, prefetchRelated: Int, claims: PageClaims, now: Date) async -> ArticleOutcome {
        if Task.isCancelled { return ArticleOutcome() }
        return await collectPage(job.url, allowPrivateAddresses: job.allowPrivateAddresses, attempts: job.attempts,
                                 relatedBudget: prefetchRelated, claims: claims, now: now).outcome
    }

    struct CollectedPage {
        var outcome = ArticleOutcome()
        /// Why the main page gave no record at all.
        var failure: String?
        var records: [ArticleRecord] { outcome.records }
    }

    /// Fetch → extract (one per core) → record; then, when `relatedBudget` > 0, the related stories
    /// it links to (one hop: theirs are not followed). Writes nothing: whoever calls saves the records.
    /// `attempts` (the failed attempts so far) is set for a pass's item pages: their failures are recorded
    /// with the next retry time, so later passes try again with backoff.
    private func collectPage(_ address: String, allowPrivateAddresses: Bool, attempts: Int?, relatedBudget: Int,
                             claims: PageClaims, now: Date) async -> CollectedPage {
        var page = CollectedPage()
        let document: ArticleDocument?
        (document, page.failure) = await fetchRecord(address, allowPrivateAddresses: allowPrivateAddresses, attempts: attempts,
                                                     now: now, images: true, into: &page.outcome)
        guard let document, relatedBudget > 0 else { return page }
        var fetched = 0
        for link in document.related where fetched < relatedBudget {
            // Related stories named without a link have no page to fetch.
            guard let url = link.url, WebURL.isHTTP(url) else { continue }
            if let cached = try? store.article(forURL: url), !cached.status.isFailure { continue }
            guard claims.claim(url) else { continue }
            fetched += 1
            _ = await fetchRecord(url, allowPrivateAddresses: allowPrivateAddresses, attempts: nil, now: now, images: true,
                                  into: &page.outcome)
        }
        return page
    }

    /// Fetches and extracts one page, appending its record: a failure record for decisions worth
    /// remembering (blocked address, not a web page, HTTP error), and for any failure of an item page
    /// (`attempts` set). With `images`, a story's pictures come with it (related stories prefetched for
    /// offline reading too: they read offline like the story). Returns the document, or why there is none.
    private func fetchRecord(_ address: String, allowPrivateAddresses: Bool, attempts: Int?, now: Date, images: Bool,
                             into outcome: inout ArticleOutcome) async -> (ArticleDocument?, String?) {
        guard let url = URL(string: address) else { outcome.failed += 1; return (nil, "not a valid URL") }
        let response: HTTPFetchResponse
        do {
            response = try await http.fetch(HTTPFetchRequest(url: url, kind: .page, allowPrivateAddresses: allowPrivateAddresses))
        } catch {
            // A stopped pass records nothing for what it did not finish.
            if case .cancelled = error { return (nil, error.description) }
            outcome.failed += 1
            let decision = Self.isDecision(error)
            if decision || attempts != nil {
                let status: ArticleStatus
                if case .unacceptableContentType = error { status = .notWebPage } else { status = .failed }
                outcome.records.append(failureRecord(address, status: status, httpStatus: nil, error: error.description,
                                                     attempts: attempts, retry: !decision, now: now))
            }
            return (nil, error.description)
        }
        outcome.bytes += response.body.count
        guard (200..<300).contains(response.status) else {
            outcome.failed += 1
            let message = "HTTP \(response.status)"
            // Server errors and "too many requests" pass; a missing page does not come back.
            let retry = response.status >= 500 || response.status == 429 || response.status == 408
            var record = failureRecord(address, status: .failed, httpStatus: response.status, error: message, attempts: attempts,
                                       retry: retry, now: now)
            record.finalURL = response.finalURL.absoluteString
            outcome.records.append(record)
            return (nil, message)
        }
        let body = response.body
        let finalURL = response.finalURL.absoluteString
        // Extraction and the record's JSON and text are the CPU work of a page: at most one per core.
        var (document, record) = await cpu.run {
            // Bounded: a page over the budget is recorded as no article, with the reason, and the
            // reader shows the feed's content.
            let result = ArticleExtractor.extract(html: body, pageURL: finalURL, contentType: response.contentType, budget: .standard)
            let document = result.document
            let record = ArticleRecord(
                requestedURL: address, finalURL: finalURL,
                canonicalURL: SameSite.trustedCanonical(document.metadata.canonicalURL, pageURL: finalURL),
                status: result.outcome == .extracted && document.confidence >= ArticleDocument.minimumConfidence ? .ok : .notArticle,
                httpStatus: response.status, fetchedAt: now, title: document.metadata.title,
                documentJSON: ArticleDocumentCodec.encode(document), plainText: document.plainText,
                links: document.links.map { ArticleLink(url: $0.url, text: $0.text, kind: $0.isRelated ? .related : .inline) },
                error: result.note, language: document.metadata.language)
            return (document, record)
        }
        if images, record.status == .ok {
            // Pictures on the page's own address rules: private addresses only when the page could be.
            record.images = await fetchImages(document, allowPrivateAddresses: allowPrivateAddresses, into: &outcome)
        }
        outcome.records.append(record)
        return (document, nil)
    }

    /// A failed page's record: with the next retry time while attempts remain (`retry`), else none (the
    /// page is then fetched only when the user opens it).
    private func failureRecord(_ address: String, status: ArticleStatus, httpStatus: Int?, error: String, attempts: Int?,
                               retry: Bool, now: Date) -> ArticleRecord {
        let tries = (attempts ?? 0) + 1
        var retryAt: Date? = nil
        if retry, attempts != nil, tries < Self.maxArticleAttempts {
            retryAt = now.addingTimeInterval(Backoff.delay(failures: tries, base: 1_800, cap: 86_400, random: jitter.next()))
        }
        return ArticleRecord(requestedURL: address, status: status, httpStatus: httpStatus, fetchedAt: now, error: error,
                             attempts: tries, retryAt: retryAt)
    }

    /// Failures that are decisions about the URL (retrying cannot help), not accidents of the network.
    static func isDecision(_ error: HTTPFetchError) -> Bool {
        switch error {
        case .blockedAddress, .unacceptableContentType, .unsupportedScheme, .tooLarge: return true
        default: return false
        }
    }
}
