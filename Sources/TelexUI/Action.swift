import Foundation
import TelexArticles
import TelexImages
import TelexModel
import TelexScreen

/// Everything that can happen to the front end: input, and results of effects coming back.
public enum Action: Hashable, Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    /// The sections with their counters, and the saved query sections with their unread counts.
    case sectionsLoaded([SectionSummary], savedCount: Int, queries: [SavedQuerySummary] = [])
    /// The aggregator accounts' sync states (read with the sections, after every cache change).
    case accountsLoaded([AccountStatus])
    /// A page of headlines for `query`; `total` is the list's length when the runner counted it.
    case headlinesLoaded(HeadlineQuery, [Headline], total: Int?)
    /// A page query failed; the list stops waiting for it.
    case headlinesFailed(HeadlineQuery, String)
    /// An item and the document resolved for it (off the terminal thread), nil when it is gone.
    case itemLoaded(ItemID, ResolvedItem?)
    /// The pictures the cache keeps for an item, decoded off the terminal thread (after `itemLoaded`).
    case picturesLoaded(ItemID, [String: Picture])
    /// The pictures the cache keeps for a followed page (by its URL).
    case pagePicturesLoaded(url: String, [String: Picture])
    /// Character art the runner drew (`IOEffect.drawArt`): kept where the reader still wants that size.
    case artDrawn([DrawnArt])
    /// The lead picture of the previewed item, decoded (`loadPreviewPicture`).
    case previewPictureLoaded(ItemID, url: String, RGBAImage)
    case searchFinished(String, [Headline])
    /// The items of the cluster of the headline named (`c`: every outlet's story about its event), newest first.
    case clusterLoaded(ItemID, [Headline])
    /// The ids `A` marked read, kept so `u` can undo.
    case markedAllRead(ListScope, [ItemID])
    /// The cache changed under us (the fetch service wrote): re-query what is visible.
    case cacheChanged
    /// A pass moved on (ours, or the daemon's).
    case fetchProgressed(FetchProgress)
    /// "Refresh now" waits for another process (the daemon asked, or another fetch running).
    case fetchWaiting(String)
    /// A pass ended: its summary goes to the status line (`by` names another process that ran it).
    case fetchFinished(FetchProgress, by: String?)
    /// Something went wrong: the status line shows it as an error.
    case failed(String)
    /// Something to tell the user that is not an error ("Saved for offline reading", "Opened in firefox").
    case notice(String)
    // Subscriptions (Subscriptions/SubscriptionReducer.swift).
    /// What discovery found at an address (`a`).
    case feedsDiscovered(address: String, [FeedCandidate])
    /// Discovery could not read the address.
    case discoveryFailed(address: String, String)
    /// feeds.json was changed (a feed added, removed or moved): what to tell the user.
    case subscriptionsChanged(String)
    /// feeds.json's `keys` or `colors` changed while the reader runs: the keymap and theme now in force.
    case lookChanged(Keymap, ThemeChoice)
    /// The clock moved on (ages in the headlines are computed from it).
    case tick(Date)
    /// What layout wanted was loaded off the terminal thread (a hyphenation dictionary,
    /// `LineBreaker.preparation(for:)`): the reading view is laid out again with it.
    case layoutPrepared
    // The reading view (Reader/ReaderReducer.swift).
    /// Open an item in the reading view (Enter on a headline, or n / p from the reader).
    case openInReader(ResolvedItem)
    /// A followed link's page, from the cache or just fetched and extracted.
    case pageLoaded(url: String, ArticleDocument)
    /// A followed link is not an article (a PDF, an image, a video): offered to the browser.
    case linkNotAnArticle(String)
    /// Fetching a followed link failed.
    case pageFetchFailed(url: String, String)
    /// Bytes received so far for a followed link.
    case pageFetchProgressed(url: String, bytes: Int)
}
