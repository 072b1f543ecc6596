import TelexModel

/// The loaded window of a headlines list: a bounded slice of rows around the selection, with
/// absolute positions so the status line and scrolling see the whole list.
public struct HeadlineList: Hashable, Sendable {
    /// Rows per page query.
    public static let pageSize = 100
    /// The most rows kept in memory: older pages are dropped as the user scrolls on.
    public static let maxRows = 400

    public var scope: ListScope?
    public var rows: [Headline] = []
    /// The absolute index of `rows[0]`.
    public var start = 0
    /// The list's length when known (counted with the first page).
    public var total: Int?
    /// `rows.last` is the list's last row.
    public var reachedEnd = false
    /// The page query in flight (one at a time).
    public var pending: HeadlineQuery?
    /// The first page has arrived.
    public var loaded = false
    /// Absolute positions.
    public var viewport = ListViewport()

    public init(scope: ListScope? = nil) { self.scope = scope }

    /// One past the absolute index of the last loaded row.
    public var end: Int { start + rows.count }

    /// The number of rows the user can move through now.
    public var navigableCount: Int { end }

    public func row(at index: Int) -> Headline? {
        let i = index - start
        return rows.indices.contains(i) ? rows[i] : nil
    }

    public var selected: Headline? { row(at: viewport.selected) }

    public func index(of id: ItemID) -> Int? { rows.firstIndex { $0.id == id }.map { $0 + start } }

    /// The total shown in the status line: the count when known, else what is loaded.
    public var displayTotal: Int { max(total ?? 0, end) }
}
