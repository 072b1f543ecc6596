import Foundation
import TelexModel
import TelexScreen

/// Everything that can happen to the front end: input, and results of effects coming back.
public enum Action: Hashable, Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case sectionsLoaded([SectionSummary], savedCount: Int)
    /// A page of headlines for `query`; `total` is the list's length when the runner counted it.
    case headlinesLoaded(HeadlineQuery, [Headline], total: Int?)
    /// A page query failed; the list stops waiting for it.
    case headlinesFailed(HeadlineQuery, String)
    case itemLoaded(ItemID, ItemDetail?)
    case searchFinished(String, [Headline])
    /// The ids `A` marked read, kept so `u` can undo.
    case markedAllRead(ListScope, [ItemID])
    /// The cache changed under us (the fetch service wrote): re-query what is visible.
    case cacheChanged
    case fetchProgressed(FetchProgress)
    case failed(String)
    /// The clock moved on (ages in the headlines are computed from it).
    case tick(Date)
}
