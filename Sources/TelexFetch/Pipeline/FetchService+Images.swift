import Foundation
import TelexArticles
import TelexImages
import TelexStore

extension FetchService {
    /// The pictures of a page worth keeping, in order: the lead image, then the story's, each once,
    /// http(s) only, at most `Store.maxImagesPerArticle`.
    static func imageURLs(_ document: ArticleDocument) -> [String] {
        var seen = Set<String>(), urls: [String] = []
        for url in [document.metadata.leadImage].compactMap({ $0 }) + document.images.map(\.url)
        where WebURL.isHTTP(url) && seen.insert(URLNormalizer.normalize(url)).inserted {
            urls.append(url)
            if urls.count == Store.maxImagesPerArticle { break }
        }
        return urls
    }

    /// Fetches the page's pictures not in the cache yet, through the one HTTP client and its address
    /// policy, and keeps each as a small PNG (`ImageThumbnail`, `ImageFiles`). A picture refused for a
    /// reason that will not change (not an image, too large, damaged, HTTP error) is recorded as failed,
    /// so it is not asked for again; one lost to the network is left out, so a later fetch tries again.
    func fetchImages(_ document: ArticleDocument, allowPrivateAddresses: Bool, into outcome: inout ArticleOutcome) async -> [ArticleImage] {
        guard configuration.settings.images != .off else { return [] }
        var images: [ArticleImage] = []
        for url in Self.imageURLs(document) {
            if Task.isCancelled { break }
            if (try? store.hasImage(url: url)) == true { images.append(ArticleImage(url: url, result: nil)); continue }
            if let result = await fetchImage(url, allowPrivateAddresses: allowPrivateAddresses, into: &outcome) {
                images.append(ArticleImage(url: url, result: result))
            }
        }
        return images
    }

    private func fetchImage(_ address: String, allowPrivateAddresses: Bool, into outcome: inout ArticleOutcome) async -> ImageFetchResult? {
        guard let url = URL(string: address) else { return .failed("not a valid URL") }
        let response: HTTPFetchResponse
        do {
            response = try await http.fetch(HTTPFetchRequest(url: url, kind: .image, allowPrivateAddresses: allowPrivateAddresses))
        } catch {
            switch error {
            case .unacceptableContentType(let type): return .failed("not an image (\(type))")
            case _ where Self.isDecision(error): return .failed(error.description)
            default: return nil
            }
        }
        outcome.bytes += response.body.count
        guard (200..<300).contains(response.status) else {
            // Server errors may pass; a missing picture does not come back.
            return response.status >= 500 || response.status == 429 || response.status == 408 ? nil : .failed("HTTP \(response.status)")
        }
        let body = response.body, files = store.imageFiles
        // Decoding is CPU work like extraction: at most one per core.
        return await cpu.run { () -> ImageFetchResult in
            do {
                let thumbnail = try ImageThumbnail.make(from: body)
                try files.write(thumbnail.png, sha256: thumbnail.sha256)
                return .stored(sha256: thumbnail.sha256, width: thumbnail.width, height: thumbnail.height)
            } catch let error as ImageDecodeError {
                return .failed(error.description)
            } catch {
                return .failed("not saved: \(error)")
            }
        }
    }
}
