import TelexArticles
import TelexModel

/// How the lists open the reading view: Enter on a headline asks for the item, and the reader opens
/// when it arrives; n / p in the reader move the headlines cursor and open the next item the same way.
extension AppState {
    /// Opens the selected headline in the reading view (now when the preview already holds it).
    mutating func openSelectedHeadlineInReader() -> [Effect] {
        guard let headline = headlines.selected else { return [] }
        // Marked read at once (the list shows it); the reader then finds it read.
        let markRead: [Effect] = headline.isRead ? [] : [.setRead([headline.id], true)]
        if !headline.isRead { setLocalRead(&self, [headline.id], true) }
        if var item = preview?.item, item.detail.headline.id == headline.id {
            readerRequested = nil
            item.detail.headline.isRead = true
            return openReader(&self, with: item) + markRead
        }
        readerRequested = headline.id
        previewRequested = headline.id
        return [.loadItem(headline.id)] + markRead
    }

    /// The item arrived: open it when the reader asked for it.
    mutating func itemArrivedForReader(_ id: ItemID, _ item: ResolvedItem?) -> [Effect] {
        guard readerRequested == id else { return [] }
        readerRequested = nil
        guard var item else { message = "This article is no longer in the cache"; return [] }
        // Whoever asked for it already marked it read.
        item.detail.headline.isRead = true
        return openReader(&self, with: item)
    }

    /// n / p from the reader: the next or previous headline of the list opens in the reader.
    mutating func openAdjacentInReader(from id: ItemID, offset: Int) -> [Effect] {
        guard let i = headlines.index(of: id) else { message = "The list has moved on: q returns to it"; return [] }
        let target = i + offset
        guard let headline = headlines.row(at: target) else {
            message = offset > 0 ? "This is the last article of the list" : "This is the first article of the list"
            return []
        }
        headlines.viewport.select(target, count: headlines.end, height: layout.listHeight(.headlines))
        var effects = prefetchHeadlines(&self)
        if !headline.isRead {
            setLocalRead(&self, [headline.id], true)
            effects.append(.setRead([headline.id], true))
        }
        readerRequested = headline.id
        effects.insert(.loadItem(headline.id), at: 0)
        return effects
    }
}
