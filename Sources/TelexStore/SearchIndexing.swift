/// Who writes the search rows of the items a write stores (`Store.applyFeedResults`).
public enum SearchIndexing: Sendable, Hashable {
    /// Queued in the write's transaction; an indexer writes them later (`Store.indexPending`): the writer's
    /// transaction is shorter, and the pass ends sooner.
    case queued
    /// Written in the write's transaction from the text its caller prepared (`PreparedItem`): less work in all
    /// (no queue row now, no second transaction later that reads the item back and converts its HTML again),
    /// for a caller that waits for the index anyway.
    case inline
}
