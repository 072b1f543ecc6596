/// What a headlines list shows: the rows of the sections pane, plus search results.
public enum ListScope: Hashable, Sendable {
    case section(SectionID)
    case feed(FeedID)
    case all
    case unread
    case saved
    /// A saved query section of feeds.json (`"queries"`): the items its query selects.
    case query(SavedQueryID)
    case search(String)
    /// The items named, in this order, in one page (Continue reading: articles left half-read).
    case items([ItemID])
}
