import Foundation
import TelexArticles
import TelexModel
import TelexScreen

/// Opens `item` in the reading view with a fresh history and marks it read.
public func openReader(_ state: inout AppState, with item: ResolvedItem) -> [Effect] {
    let detail = item.detail
    let page = ReaderPage.item(item)
    var effects: [Effect] = []
    if let pending = state.reader?.pendingURL, !pending.isEmpty { effects.append(.cancelFetch) }
    state.rememberReadingPosition()
    var reader = ReaderState(page: page, screenWidth: state.width, screenHeight: state.height, measure: state.readingMeasure,
                             showLinkNumbers: state.reader?.showLinkNumbers ?? true, pictures: state.pictures)
    // Reopened where it was left.
    if let share = state.readingPositions[detail.headline.id] { reader.scroll(toShare: share) }
    if !detail.headline.isRead {
        effects.append(.setRead([detail.headline.id], true))
        reader.setFlags(read: true)
    }
    if state.pictures.shown { effects.append(.loadPictures(detail.headline.id)) }
    state.reader = reader
    return effects
}

/// Results coming back from the runner for the reading view.
func reduceReaderResult(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .openInReader(let item):
        return openReader(&state, with: item)
    case .pageLoaded(let url, let doc):
        // A page nobody waits for any more (cancelled, or superseded) is dropped.
        guard var r = state.reader, r.pendingURL == url else { return [] }
        r.pendingURL = nil; r.pendingBytes = nil
        if r.page.placeholderShare != nil, r.page.url == url { r.replacePlaceholder(with: .followed(url: url, document: doc)) }
        else { r.push(.followed(url: url, document: doc)) }
        state.reader = r
        // Its pictures, where the cache keeps them (a page fetched now keeps them; prefetched related pages do not).
        if state.pictures.shown { return [.loadPagePictures(url)] }
    case .linkNotAnArticle(let url):
        guard state.reader?.pendingURL == url else { return [] }
        state.reader?.pendingURL = nil; state.reader?.pendingBytes = nil
        state.reader?.browserOffer = url
        state.message = .notice("Not an article: o opens it in the browser — " + url)
    case .pageFetchFailed(let url, let reason):
        guard state.reader?.pendingURL == url else { return [] }
        state.reader?.pendingURL = nil; state.reader?.pendingBytes = nil
        state.reader?.browserOffer = url
        state.message = .error("Could not load the page (\(reason)); o opens it in the browser")
    case .pageFetchProgressed(let url, let bytes):
        if state.reader?.pendingURL == url { state.reader?.pendingBytes = bytes }
    default:
        break
    }
    return []
}

/// Keys the reading view takes before the keymap: its overlays, the find prompt and `#NN`.
/// Nil when none of them is open (or `#NN` ended and the key does its own job).
func reduceReaderModalKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
    guard var r = state.reader else { return nil }
    defer { if state.reader != nil { state.reader = r } }
    if r.overlay != nil || r.findPrompt != nil, key == .character("Q") { state.isQuitting = true; return [.quit] }
    if r.overlay != nil { return reduceOverlayKey(&r, &state, key) }
    if r.findPrompt != nil { return reduceFindPromptKey(&r, &state, key) }
    guard let digits = r.numberEntry else { return nil }
    switch key {
    case .character(let c) where c.isASCII && c.isNumber:
        if digits.count < 5 { r.numberEntry = digits + String(c) }
        r.setShowLinkNumbers(true)
        return []
    case .backspace:
        r.numberEntry = String(digits.dropLast())
        return []
    case .enter:
        r.numberEntry = nil
        if let n = Int(digits) { if !r.selectLink(number: n) { state.message = .notice("No link \(n)") } }
        return []
    case .escape:
        r.numberEntry = nil
        return []
    default:
        r.numberEntry = nil  // Any other key ends the number and does its own job.
        return nil
    }
}

/// The wheel scrolls the article.
func reduceReaderMouse(_ state: inout AppState, _ m: MouseEvent) -> [Effect] {
    switch m.kind {
    case .wheelDown: state.reader?.scroll(by: 3)
    case .wheelUp: state.reader?.scroll(by: -3)
    default: break
    }
    return []
}

/// A command in the reading view; nil for the lists' own commands.
func runReaderCommand(_ command: Command, count: Int?, _ state: inout AppState) -> [Effect]? {
    guard var r = state.reader else { return nil }
    defer { if state.reader != nil { state.reader = r } }
    let h = r.viewHeight
    let n = max(1, count ?? 1)
    // A count typed as a link number: a move takes it back (`5j` scrolls, it does not select link 5).
    let beforeCount = r.beforeCount
    r.beforeCount = nil
    if command.takesCount, let p = beforeCount { r.scroll = p.scroll; r.linkCursor = p.linkCursor }
    // n / p leave this article: the list moves its cursor and the next item replaces the reader.
    func adjacent(_ id: ItemID, _ offset: Int) -> [Effect] {
        state.reader = r
        return state.openAdjacentInReader(from: id, offset: offset)
    }
    switch command {
    case .back:
        return closeReader(&state, r)
    case .cancel:
        r.pendingItem = nil
        if r.pendingURL != nil {
            r.pendingURL = nil; r.pendingBytes = nil
            state.message = .notice("Cancelled")
            return [.cancelFetch]
        }
        if r.find != nil { r.find = nil } else { r.linkCursor = nil; r.pictureCursor = nil }
    case .nextLink: for _ in 0..<min(n, 10_000) { r.moveLinkCursor(forward: true) }
    case .previousLink: for _ in 0..<min(n, 10_000) { r.moveLinkCursor(forward: false) }
    case .togglePictures:
        state.pictures.shown.toggle()
        r.setPictureOptions(state.pictures)
        state.message = .notice(state.pictures.shown ? "Pictures shown (I hides them)" : "Pictures hidden (I shows them)")
        // Pictures hidden when the page opened were never read: read them now.
        if state.pictures.shown, r.page.pictures.isEmpty, let id = r.page.itemID { return [.loadPictures(id)] }
        if state.pictures.shown, r.page.pictures.isEmpty, r.page.itemID == nil, let url = r.page.url { return [.loadPagePictures(url)] }
    case .linkNumbers:
        r.setShowLinkNumbers(!r.showLinkNumbers)
        r.numberEntry = ""
    case .follow:
        if let picture = r.activePicture { return openPicture(picture, &state) }
        guard let link = r.activeLink else { state.message = .notice("Tab moves to a link; Enter follows it"); break }
        return follow(link, &r, &state)
    case .historyBack:
        var effects: [Effect] = []
        if r.pendingURL != nil { r.pendingURL = nil; r.pendingBytes = nil; effects.append(.cancelFetch) }
        if !r.goBack() { return effects + closeReader(&state, r) }
        return effects + r.placeholderLoad()
    case .historyForward:
        if !r.goForward() { state.message = .notice("No page to go forward to") }
        return r.placeholderLoad()
    case .history: r.overlay = .history(scroll: 0)
    case .linkList:
        if r.layout.links.isEmpty { state.message = .notice("This page has no links") } else { r.overlay = .links(selected: r.linkCursor ?? 0) }
    case .down: r.scroll(by: n)
    case .up: r.scroll(by: -n)
    case .pageDown:
        if r.scroll >= r.maxScroll, state.pageDownOpensNextUnread, r.back.isEmpty, let id = r.rootItem {
            state.reader = r
            return state.openNextUnreadInReader(from: id)
        }
        r.scroll(by: max(1, h - 2) * n)
    case .pageUp: r.scroll(by: -max(1, h - 2) * n)
    case .halfPageDown: r.scroll(by: max(1, h / 2) * n)
    case .halfPageUp: r.scroll(by: -max(1, h / 2) * n)
    // With a count, line N at the top of the view (`5G`, as in less).
    case .top where count != nil, .bottom where count != nil: r.jump(to: min(count! - 1, r.maxScroll))
    case .top: r.jump(to: 0)
    case .bottom: r.jump(to: r.maxScroll)
    case .nextParagraph, .previousParagraph, .nextHeading, .previousHeading:
        let heading = command == .nextHeading || command == .previousHeading
        let forward = command == .nextParagraph || command == .nextHeading
        if !r.jumpToBlock(heading: heading, forward: forward, times: n) {
            state.message = .notice(heading ? (forward ? "No heading below" : "No heading above")
                                            : (forward ? "No paragraph below" : "No paragraph above"))
        }
    case .jumpBack:
        if !r.jumpBack() { state.message = .notice("No jump to go back from") }
    case .next:
        if r.find != nil { r.moveFind(forward: true) } else if let id = r.rootItem { return adjacent(id, 1) }
    case .previousMatch:
        if r.find != nil { r.moveFind(forward: false) } else { state.message = .notice("No find: / finds in the article") }
    case .previousArticle:
        if let id = r.rootItem { return adjacent(id, -1) }
    case .find: r.findPrompt = ""
    case .openInBrowser:
        if let picture = r.activePicture { return openPicture(picture, &state) }
        guard let url = r.browserOffer ?? r.page.url else { state.message = .notice("This page has no address"); break }
        guard isWebURL(url) else { state.message = .notice("Only http and https links open in the browser"); break }
        return [.openInBrowser(url)]
    case .copyURL:
        if r.activeLink?.item != nil { state.message = .notice("Another outlet's story: Enter reads it, then y copies its address"); break }
        guard let url = r.activeLink?.url ?? r.activePicture?.url ?? r.page.url else { state.message = .notice("This page has no address"); break }
        return [.copyToClipboard(url)]
    case .toggleSaved:
        if let link = r.activeLink {
            if link.item != nil { state.message = .notice("Another outlet's story: Enter reads it, then s saves it"); break }
            guard isWebURL(link.url) else { state.message = .notice("Only http and https links can be saved"); break }
            state.message = .notice("Saving for later: " + link.url)
            return [.saveURLForLater(link.url)]
        }
        if let id = r.page.itemID {
            let saved = !r.page.isSaved
            r.setFlags(saved: saved)
            state.message = .notice(saved ? "Saved" : "No longer saved")
            return [.setSaved(id, saved)]
        }
        guard let url = r.page.url else { break }
        state.message = .notice("Saving for later: " + url)
        return [.saveURLForLater(url)]
    case .toggleRead:
        guard let id = r.page.itemID else { state.message = .notice("Only list articles have a read state"); break }
        let read = !r.page.isRead
        r.setFlags(read: read)
        state.message = .notice(read ? "Marked read" : "Marked unread")
        return [.setRead([id], read)]
    case .paneLeft, .paneRight, .nextPane, .toggleSplit, .toggleSections, .previousPane, .expand, .collapse, .open, .nextUnread, .previousUnread, .markAllRead,
         .undo, .search, .refresh, .addFeed, .feedList, .coverage, .quit, .help, .suspend:
        return nil
    }
    return []
}

/// Starts following a link: another outlet's story is read from the cache (`itemArrivedForReader` shows it);
/// for a web link, the runner answers with the page, or says it is not an article.
private func follow(_ link: LaidOutLink, _ r: inout ReaderState, _ state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    if let id = link.item {
        if r.pendingURL != nil { r.pendingURL = nil; r.pendingBytes = nil; effects.append(.cancelFetch) }
        r.pendingItem = id
        r.browserOffer = nil
        return effects + [.loadItem(id)]
    }
    let url = link.url
    guard isWebURL(url) else { state.message = .notice("Not a web link: " + url); return [] }
    if r.pendingURL != nil { effects.append(.cancelFetch) }
    r.pendingItem = nil
    r.pendingURL = url
    r.pendingBytes = nil
    r.browserOffer = nil
    return effects + [.followLink(url)]
}

/// Back to the list, cancelling a fetch in flight.
private func closeReader(_ state: inout AppState, _ r: ReaderState) -> [Effect] {
    state.reader = r
    state.rememberReadingPosition()
    state.reader = nil
    return r.pendingURL != nil ? [.cancelFetch] : []
}

/// The picture under the cursor, in the browser (`$BROWSER` or the `browser` setting: a command's argv, no shell).
private func openPicture(_ picture: LaidOutPicture, _ state: inout AppState) -> [Effect] {
    guard isWebURL(picture.url) else { state.message = .notice("Only http and https pictures open in the browser"); return [] }
    return [.openInBrowser(picture.url)]
}

/// Only http and https leave telex (for the browser, the clipboard's saves and fetches).
func isWebURL(_ url: String) -> Bool {
    guard let scheme = URL(string: url)?.scheme?.lowercased() else { return false }
    return scheme == "http" || scheme == "https"
}

private func reduceOverlayKey(_ r: inout ReaderState, _ state: inout AppState, _ key: Key) -> [Effect] {
    guard let overlay = r.overlay else { return [] }
    switch (overlay, key) {
    case (_, .escape), (_, .character("q")), (.links, .character("L")), (.history, .character("H")):
        r.overlay = nil
    case (.links(let s), .character("j")), (.links(let s), .down), (.links(let s), .tab):
        r.overlay = .links(selected: min(s + 1, max(0, r.layout.links.count - 1)))
    case (.links(let s), .character("k")), (.links(let s), .up), (.links(let s), .backTab):
        r.overlay = .links(selected: max(0, s - 1))
    case (.links, .character("g")), (.links, .home): r.overlay = .links(selected: 0)
    case (.links, .character("G")), (.links, .end): r.overlay = .links(selected: max(0, r.layout.links.count - 1))
    case (.links(let s), .enter):
        r.overlay = nil
        guard r.layout.links.indices.contains(s) else { break }
        _ = r.selectLink(number: s + 1)
        return follow(r.layout.links[s], &r, &state)
    case (.history(let s), .character("j")), (.history(let s), .down): r.overlay = .history(scroll: s + 1)
    case (.history(let s), .character("k")), (.history(let s), .up): r.overlay = .history(scroll: max(0, s - 1))
    default: break
    }
    return []
}

private func reduceFindPromptKey(_ r: inout ReaderState, _ state: inout AppState, _ key: Key) -> [Effect] {
    guard let text = r.findPrompt else { return [] }
    switch key {
    case .escape: r.findPrompt = nil
    case .enter:
        r.findPrompt = nil
        if text.isEmpty { break }
        if !r.startFind(text) { state.message = .notice("Not found: " + text) }
    case .backspace: r.findPrompt = String(text.dropLast())
    case .character(let c):
        // Controls never go into the query (they would reach the status line).
        if c.unicodeScalars.allSatisfy({ !TerminalSafe.isUnsafe($0) }), text.count < 200 { r.findPrompt = text + String(c) }
    default: break
    }
    return []
}
