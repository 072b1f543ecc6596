import TelexArticles
import TelexModel
import TelexScreen

/// Everything that can happen to the front end: input, and results of effects coming back.
public enum Action: Hashable, Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case sectionsLoaded([SectionSummary], savedCount: Int)
    case fetchProgressed(FetchProgress)
    case failed(String)
    case tick
    // The reading view (Reader/ReaderReducer.swift).
    /// Open an item in the reading view (Enter on a headline, or n / p from the reader).
    case openInReader(ItemDetail)
    /// A followed link's page, from the cache or just fetched and extracted.
    case pageLoaded(url: String, ArticleDocument)
    /// A followed link is not an article (a PDF, an image, a video): offered to the browser.
    case linkNotAnArticle(String)
    /// Fetching a followed link failed.
    case pageFetchFailed(url: String, String)
    /// Bytes received so far for a followed link.
    case pageFetchProgressed(url: String, bytes: Int)
}
