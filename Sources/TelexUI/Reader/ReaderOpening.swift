import TelexArticles
import TelexModel

/// How the lists open the reading view: Enter on a headline asks for the item, and the reader opens
/// when it arrives; n / p in the reader move the headlines cursor and open the next item the same way.
extension AppState {
    /// Opens the selected headline in the reading view (now when the preview already holds it).
    mutating func openSelectedHeadlineInReader() -> [Effect] {
        guard let headline = headlines.selected else { return [] }
        // Marked read at once (the list shows it); the reader then finds it read.
        let markRead = markOpened(headline.id, wasRead: headline.isRead)
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
        if let r = reader, r.page.placeholderShare != nil, r.page.itemID == id {
            // A page of the kept history, visited.
            guard let item else { message = .notice("This article is no longer in the cache"); return [] }
            reader?.replacePlaceholder(with: .item(item))
            return []
        }
        if reader?.pendingItem == id { return showFollowedItem(id, item) }
        guard readerRequested == id else { return [] }
        readerRequested = nil
        guard var item else { message = .notice("This article is no longer in the cache"); return [] }
        // Whoever asked for it already marked it read.
        item.detail.headline.isRead = true
        var effects = openReader(&self, with: item)
        if let kept = historyToRestore {
            historyToRestore = nil
            if kept.history.first?.item == id, let more = reader?.restoreHistory(kept.history, index: kept.historyIndex) { effects += more }
        }
        return effects
    }

    /// Another outlet's story followed from the reading view ("Also covered by"): shown as a followed page (back
    /// returns), marked read as any story opened.
    private mutating func showFollowedItem(_ id: ItemID, _ item: ResolvedItem?) -> [Effect] {
        reader?.pendingItem = nil
        guard var item else { message = .notice("This article is no longer in the cache"); return [] }
        let wasRead = item.detail.headline.isRead
        item.detail.headline.isRead = true
        reader?.push(.item(item))
        var effects = markOpened(id, wasRead: wasRead)
        if pictures.shown { effects.append(.loadPictures(id)) }
        return effects
    }

    /// A story opened is read: in the lists now, in the cache by the effect (nothing when it was read already).
    private mutating func markOpened(_ id: ItemID, wasRead: Bool) -> [Effect] {
        guard !wasRead else { return [] }
        setLocalRead(&self, [id], true)
        return [.setRead([id], true)]
    }

    /// n / p from the reader: the next or previous headline of the list opens in the reader.
    mutating func openAdjacentInReader(from id: ItemID, offset: Int) -> [Effect] {
        guard let i = headlines.index(of: id) else { message = .notice("The list has moved on: q returns to it"); return [] }
        guard headlines.row(at: i + offset) != nil else {
            message = .notice(offset > 0 ? "This is the last article of the list" : "This is the first article of the list")
            return []
        }
        return openInReader(at: i + offset)
    }

    /// Space at the end of an article: the next unread headline below it in the list opens.
    mutating func openNextUnreadInReader(from id: ItemID) -> [Effect] {
        guard let i = headlines.index(of: id) else { message = .notice("The list has moved on: q returns to it"); return [] }
        guard let target = (i + 1..<headlines.end).first(where: { headlines.row(at: $0).map { !$0.isRead } ?? false }) else {
            message = .notice("End of the article; no unread article below it in the list")
            return []
        }
        return openInReader(at: target)
    }

    /// Moves the list's cursor to `target` and opens that headline in the reader (marked read).
    private mutating func openInReader(at target: Int) -> [Effect] {
        guard let headline = headlines.row(at: target) else { return [] }
        headlines.viewport.select(target, count: headlines.end, height: layout.listHeight(.headlines))
        var effects = prefetchHeadlines(&self) + markOpened(headline.id, wasRead: headline.isRead)
        readerRequested = headline.id
        effects.insert(.loadItem(headline.id), at: 0)
        return effects
    }
}
