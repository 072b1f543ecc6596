import TelexModel

/// Which page of a headlines list to load. Lists are newest first and paged by keyset
/// (`ListCursor`), never by offset, so any position in a million rows costs the same.
public enum PagePosition: Hashable, Sendable {
    /// The first `limit` rows.
    case first
    /// The `limit` rows after the cursor (older).
    case after(ListCursor)
    /// The `limit` rows before the cursor (newer), returned newest first.
    case before(ListCursor)
    /// The last `limit` rows of the list, newest first.
    case last
    /// The `limit` rows starting at the cursor's own row (inclusive): a live refresh of the window.
    case reload(from: ListCursor?)
}

/// One page request: what the reducer asks the runner for and gets back with the rows.
public struct HeadlineQuery: Hashable, Sendable {
    public var scope: ListScope
    public var position: PagePosition
    public var limit: Int
    public init(scope: ListScope, position: PagePosition, limit: Int) {
        self.scope = scope; self.position = position; self.limit = limit
    }
}

extension Headline {
    /// The keyset position of this row.
    public var cursor: ListCursor { ListCursor(sortTime: sortTime, id: id) }
}
