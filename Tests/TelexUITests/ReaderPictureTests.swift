import Foundation
import TelexArticles
import TelexImages
import TelexModel
import TelexScreen
import TelexTestSupport
import Testing
@testable import TelexUI

/// Pictures in the reading view, drawn as character art through the screen buffer: where their block
/// stands, at most the setting's share of the screen, aspect kept, caption or alternative text under
/// them; `I` hides and shows them; NO_COLOR draws shapes only; they scroll and resize like text.
@Suite("Reading view: pictures")
struct ReaderPictureTests {
    static let photoURL = "https://example.com/photo.jpg", chartURL = "https://example.com/chart.png"
    static let photo = try! ImageDecoder.decode(Fixtures.bytes("images/photo.jpg"))
    static let chart = try! ImageDecoder.decode(Fixtures.bytes("images/chart.png"))
    /// As the runner posts them: decoded, and the kept file's bytes.
    static let photoPicture = Picture(image: photo, png: try! Fixtures.bytes("images/photo.jpg"))
    static let chartPicture = Picture(image: chart, png: try! Fixtures.bytes("images/chart.png"))

    static let document = ArticleDocument(
        metadata: ArticleMetadata(title: "Floods in the valley", byline: "Ann", siteName: "Wire"),
        blocks: [
            .paragraph([.text("The river rose two metres overnight.")]),
            .figure(imageURL: photoURL, caption: [.text("The valley at dawn.")], alt: "A flooded valley"),
            .paragraph([.text("Rainfall was three times the average.")]),
            .figure(imageURL: chartURL, caption: [], alt: "Rainfall by month"),
        ] + (0..<30).map { .paragraph([.text("Paragraph \($0) of the rest of the story.")]) })

    /// The reader open on the document, its pictures loaded as the runner posts them.
    static func state(width: Int, height: Int = 30, color: Bool = true, percent: Int = 50) -> (AppState, [Effect]) {
        var s = AppState(width: width, height: height)
        s.useColor = color
        s.pictures = PictureOptions(mode: .auto, heightPercent: percent, useColor: color)
        let effects = reduce(&s, .openInReader(ReaderFixtures.item(ReaderFixtures.detail(document: document, isRead: true))))
        run(&s, reduce(&s, .picturesLoaded(ItemID(1), [photoURL: photoPicture, chartURL: chartPicture])))
        return (s, effects)
    }

    /// What the runner does with the character art asked for: draws it and posts it back.
    @discardableResult
    static func run(_ s: inout AppState, _ effects: [Effect]) -> [Effect] {
        var rest: [Effect] = []
        for e in effects {
            if case .io(.drawArt(let jobs)) = e { run(&s, reduce(&s, .artDrawn(jobs.map { $0.draw() }))) } else { rest.append(e) }
        }
        return rest
    }

    static func rows(of text: String, in screen: ScreenBuffer) -> Int? { screen.lines.firstIndex { $0.contains(text) } }

    /// The screen as text, compared with tests/fixtures/snapshots (TELEX_WRITE_SNAPSHOTS=1 rewrites them).
    static func expectSnapshot(_ screen: ScreenBuffer, _ name: String) throws {
        let text = screen.lines.map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }.joined(separator: "\n") + "\n"
        let url = Fixtures.url("snapshots/\(name).txt")
        if ProcessInfo.processInfo.environment["TELEX_WRITE_SNAPSHOTS"] == "1" { try text.write(to: url, atomically: true, encoding: .utf8) }
        #expect(text == (try String(contentsOf: url, encoding: .utf8)), "snapshot \(name)")
    }

    @Test(arguments: [80, 120])
    func aPictureIsDrawnWhereItsBlockStandsWithItsCaptionUnderIt(width: Int) throws {
        let (s, effects) = Self.state(width: width)
        #expect(effects == [.loadPictures(ItemID(1))])
        let r = try #require(s.reader)
        let screen = RootView.render(s)
        let size = SymbolArt.size(of: Self.photo, maxColumns: r.columnWidth, maxRows: 15)
        let before = try #require(Self.rows(of: "The river rose", in: screen))
        let caption = try #require(Self.rows(of: "The valley at dawn.", in: screen))
        // A blank line, the picture's rows, then its caption.
        #expect(caption == before + 2 + size.rows)
        let left = r.leftMargin + (r.columnWidth - size.columns) / 2
        for y in (before + 2)..<caption {
            let cells = (left..<(left + size.columns)).map { screen[$0, y] }
            #expect(cells.allSatisfy { $0.glyph.width == 1 })
            #expect(cells.contains { $0.style.background != .default || $0.style.foreground != .default }, "row \(y) is coloured")
            #expect(screen[left - 1, y].style == .plain && screen[left + size.columns, y].style == .plain)
        }
        try Self.expectSnapshot(screen, "reader-pictures-\(width)x30")
    }

    /// At most the setting's share of the screen's height, the picture's aspect kept (cells are twice as
    /// tall as wide); a picture without a caption shows its alternative text under it.
    @Test func theHeightIsTheSettingsShareAndTheAspectIsKept() throws {
        let (s, _) = Self.state(width: 120, height: 30, percent: 20)
        let screen = RootView.render(s)
        let r = try #require(s.reader)
        let photo = try #require(r.art[Self.photoURL])
        #expect(photo.rows.count == 6)
        // 640 × 400 at 6 rows: 6 × 2 × 640 / 400 = 19.2 columns.
        #expect(photo.columns == 19)
        var s2 = s
        s2.reader?.scroll = 8
        let lower = RootView.render(s2)
        #expect(Self.rows(of: "Rainfall by month", in: lower) != nil)
        #expect(Self.rows(of: "[Image: Rainfall by month]", in: lower) == nil)
        _ = screen
    }

    @Test func noColorDrawsShapesOnly() throws {
        let (s, _) = Self.state(width: 80, color: false)
        let r = try #require(s.reader)
        let art = try #require(r.art[Self.photoURL])
        #expect(art.rows.joined().allSatisfy { $0.style == .plain })
        #expect(art.rows.joined().contains { $0.glyph.text == "█" })
        let screen = RootView.render(s)
        #expect((0..<screen.height).allSatisfy { y in (0..<screen.width).allSatisfy { screen[$0, y].style.foreground == .default } })
    }

    @Test func capitalIHidesAndShowsThePictures() throws {
        var (s, _) = Self.state(width: 80)
        let shown = RootView.render(s)
        let lines = s.reader!.layout.lines.count
        #expect(s.press(.character("I")) == [])
        #expect(s.reader!.art.isEmpty)
        let hidden = RootView.render(s)
        #expect(Self.rows(of: "The valley at dawn.", in: hidden) == 6)
        #expect(Self.rows(of: "[Image: Rainfall by month]", in: hidden) != nil)
        #expect(s.reader!.layout.lines.count < lines)
        Self.run(&s, s.press(.character("I")))
        #expect(RootView.render(s).lines.dropLast() == shown.lines.dropLast())
        // Opened while hidden, the pictures are read when shown.
        var fresh = AppState(width: 80, height: 30)
        _ = reduce(&fresh, .openInReader(ReaderFixtures.item(ReaderFixtures.detail(document: Self.document, isRead: true))))
        #expect(fresh.press(.character("I")) == [.loadPictures(ItemID(1))])
    }

    /// Pictures scroll like text: scrolled past and back, the screen is what it was; a resize draws them
    /// again at the new width, still inside the column.
    @Test func picturesScrollAndResizeLikeText() throws {
        var (s, _) = Self.state(width: 80)
        let top = RootView.render(s)
        s.reader?.scroll(by: 3)
        let shifted = RootView.render(s)
        // The picture's first row moved up by three rows.
        let y = try #require(Self.rows(of: "The valley at dawn.", in: top))
        #expect(shifted.lines[y - 3 - 1] == top.lines[y - 1])
        s.reader?.scroll(by: 30)
        s.reader?.scroll(by: -33)
        #expect(RootView.render(s) == top)
        Self.run(&s, reduce(&s, .resized(width: 120, height: 40)))
        let r = try #require(s.reader)
        let art = try #require(r.art[Self.photoURL])
        #expect(art.columns == SymbolArt.size(of: Self.photo, maxColumns: r.columnWidth, maxRows: 20).columns)
        let wide = RootView.render(s)
        let caption = try #require(Self.rows(of: "The valley at dawn.", in: wide))
        let left = r.leftMargin + (r.columnWidth - art.columns) / 2
        #expect(wide[left, caption - 1].style != .plain && wide[left + art.columns, caption - 1].style == .plain)
    }

    @Test func picturesOfAnotherItemAreIgnored() {
        var (s, _) = Self.state(width: 80)
        let before = s
        _ = reduce(&s, .picturesLoaded(ItemID(2), [Self.photoURL: Self.chartPicture]))
        #expect(s == before)
    }

    @Test func theSettingAndTheTerminalsAnswerPickWhoDraws() {
        func drawing(_ mode: ImagesMode, _ terminal: TerminalGraphics, color: Bool = true) -> PictureOptions.Drawing? {
            let o = PictureOptions(mode: mode, heightPercent: 50, useColor: color, terminal: terminal)
            return o.shown ? o.drawing : nil
        }
        #expect(drawing(.auto, []) == .symbols)
        #expect(drawing(.auto, [.kitty, .sixel]) == .kitty)
        // Then iTerm2, then sixel.
        #expect(drawing(.auto, [.sixel, .iterm]) == .iterm)
        #expect(drawing(.auto, [.sixel]) == .sixel)
        #expect(drawing(.sixel, []) == .sixel && drawing(.iterm, []) == .iterm)
        #expect(drawing(.auto, [.sixel], color: false) == .sixel)
        // Asked for by name, kitty is used unasked (under tmux the probe cannot see it).
        #expect(drawing(.kitty, []) == .kitty)
        #expect(drawing(.symbols, [.kitty]) == .symbols)
        // Placeholders name their picture by colour: without colours, character art.
        #expect(drawing(.kitty, [.kitty], color: false) == .symbols)
        #expect(drawing(.off, [.kitty]) == nil)
    }

    /// With kitty graphics the terminal draws the picture: its cells are placeholders that name it (row,
    /// column, id as colour), and the frame lists it with its kept PNG only while a row of it is on screen.
    @Test func kittyPicturesArePlaceholderCellsListedByTheFrame() throws {
        var s = AppState(width: 80, height: 30)
        s.useColor = true
        s.pictures = PictureOptions(mode: .auto, heightPercent: 50, useColor: true, terminal: [.kitty])
        _ = reduce(&s, .openInReader(ReaderFixtures.item(ReaderFixtures.detail(document: Self.document, isRead: true))))
        _ = reduce(&s, .picturesLoaded(ItemID(1), [Self.photoURL: Self.photoPicture, Self.chartURL: Self.chartPicture]))
        let r = try #require(s.reader)
        #expect(r.art.isEmpty)
        #expect(r.imageIDs == [Self.chartURL: 16, Self.photoURL: 17])
        let screen = RootView.render(s)
        let photo = try #require(screen.images.first { $0.id == 17 })
        #expect(photo.key == Self.photoURL && photo.data == Self.photoPicture.png)
        let size = SymbolArt.size(of: Self.photo, maxColumns: r.columnWidth, maxRows: 15)
        #expect(photo.columns == size.columns && photo.rows == size.rows)
        let top = try #require(Self.rows(of: "The river rose", in: screen)) + 2
        let left = r.leftMargin + (r.columnWidth - size.columns) / 2
        for row in 0..<size.rows {
            for column in 0..<size.columns {
                #expect(screen[left + column, top + row].glyph == KittyPlaceholder.glyph(row: row, column: column))
                #expect(screen[left + column, top + row].style == Style(foreground: .indexed(17)))
            }
        }
        #expect(screen[left - 1, top].glyph == Cell.blank.glyph && screen[left + size.columns, top].glyph == Cell.blank.glyph)
        #expect(Self.rows(of: "The valley at dawn.", in: screen) == top + size.rows)
        // Scrolled to the last rows, past both pictures: the frame lists none (the backend deletes them).
        s.reader?.scroll = r.layout.lines.count - 3
        #expect(RootView.render(s).images.isEmpty)
        // Back at the top: listed again.
        s.reader?.scroll = 0
        #expect(RootView.render(s).images.contains { $0.id == 17 })
        // Leaving the reader: none.
        _ = reduce(&s, .key(.character("q")))
        #expect(s.reader == nil)
        #expect(RootView.render(s).images.isEmpty)
    }

    /// Tab stops on the pictures shown, in reading order beside the links (the numbers of links do not
    /// change); `o` or Enter opens the picture under the cursor in the browser, `y` copies its URL.
    @Test func oOpensThePictureUnderTheCursor() throws {
        var (s, _) = Self.state(width: 80)
        _ = reduce(&s, .key(.tab))
        let photo = try #require(s.reader?.activePicture)
        #expect(photo.url == Self.photoURL && s.reader?.activeLink == nil)
        let screen = RootView.render(s)
        #expect(screen.lines[29].contains("Picture (o opens it): " + Self.photoURL))
        // A bar beside the picture's rows marks the cursor.
        #expect(screen.lines[photo.lines.lowerBound - s.reader!.scroll + 1].contains("▌"))
        #expect(reduce(&s, .key(.character("o"))) == [.openInBrowser(Self.photoURL)])
        #expect(reduce(&s, .key(.enter)) == [.openInBrowser(Self.photoURL)])
        #expect(reduce(&s, .key(.character("y"))) == [.copyToClipboard(Self.photoURL)])
        _ = reduce(&s, .key(.tab))
        #expect(s.reader?.activePicture?.url == Self.chartURL)
        _ = reduce(&s, .key(.tab))
        #expect(s.reader?.activePicture?.url == Self.photoURL)
        // Esc takes the cursor off: o opens the page again.
        _ = reduce(&s, .key(.escape))
        #expect(s.reader?.activePicture == nil)
        #expect(reduce(&s, .key(.character("o"))) == [.openInBrowser(try #require(s.reader?.page.url))])
        // Pictures hidden: no stops.
        _ = reduce(&s, .key(.character("I")))
        _ = reduce(&s, .key(.tab))
        #expect(s.reader?.activePicture == nil)
    }

    /// The character art is drawn by the runner, not the reducer: the pictures' rows are laid out (blank)
    /// at once, each size is asked for once, and art of a size no longer wanted (a resize meanwhile) is dropped.
    @Test func theArtIsDrawnOffTheTerminalThread() throws {
        var s = AppState(width: 80, height: 30)
        s.useColor = true
        s.pictures = PictureOptions(mode: .symbols, heightPercent: 50, useColor: true)
        _ = reduce(&s, .openInReader(ReaderFixtures.item(ReaderFixtures.detail(document: Self.document, isRead: true))))
        let effects = reduce(&s, .picturesLoaded(ItemID(1), [Self.photoURL: Self.photoPicture, Self.chartURL: Self.chartPicture]))
        guard case .io(.drawArt(let jobs)) = try #require(effects.first), effects.count == 1 else { Issue.record("\(effects)"); return }
        #expect(jobs.map(\.url) == [Self.chartURL, Self.photoURL])
        #expect(s.reader!.art.isEmpty)
        let waiting = RootView.render(s)
        let caption = try #require(Self.rows(of: "The valley at dawn.", in: waiting))
        // Asked once: another action asks for nothing more.
        #expect(reduce(&s, .key(.character("j"))) == [])
        // A resize before the art arrives: the art of the old size is not kept, the new size is asked for.
        let resized = reduce(&s, .resized(width: 120, height: 40))
        #expect(resized.contains { if case .io(.drawArt) = $0 { return true } else { return false } })
        _ = reduce(&s, .artDrawn(jobs.map { $0.draw() }))
        #expect(s.reader!.art.isEmpty)
        Self.run(&s, resized)
        #expect(Set(s.reader!.art.keys) == [Self.chartURL, Self.photoURL])
        _ = caption
    }

    /// A page followed from a story gets the pictures the cache keeps for its address (a page fetched now
    /// keeps them), and only that page.
    @Test func aFollowedPageShowsItsPictures() throws {
        var (s, _) = Self.state(width: 80)
        let url = "https://example.com/other-story"
        s.reader?.pendingURL = url
        #expect(reduce(&s, .pageLoaded(url: url, Self.document)) == [.loadPagePictures(url)])
        #expect(s.reader?.page.url == url && s.reader?.page.pictures.isEmpty == true)
        _ = reduce(&s, .pagePicturesLoaded(url: "https://example.com/elsewhere", [Self.photoURL: Self.photoPicture]))
        #expect(s.reader?.page.pictures.isEmpty == true)
        Self.run(&s, reduce(&s, .pagePicturesLoaded(url: url, [Self.photoURL: Self.photoPicture])))
        #expect(s.reader?.art[Self.photoURL] != nil)
        // The story's own pictures are not the followed page's: an item's pictures do not land on it.
        _ = reduce(&s, .picturesLoaded(ItemID(1), [Self.chartURL: Self.chartPicture]))
        #expect(s.reader?.page.pictures.keys.sorted() == [Self.photoURL])
    }

    /// The preview pane shows the selected item's lead picture as small character art (at most 40 × 8
    /// cells) under its source and date, drawn off the terminal thread; `preview_image: false` shows none.
    @Test(arguments: [true, false])
    func thePreviewShowsTheLeadPicture(setting: Bool) throws {
        var doc = Self.document
        doc.metadata.leadImage = Self.photoURL
        var d = Driver(width: 120, height: 40, rows: [ReaderFixtures.headline(id: 1, title: "Floods in the valley")],
                       details: [ReaderFixtures.detail(document: doc)]) {
            $0.useColor = true
            $0.pictures = PictureOptions(mode: .symbols, heightPercent: 50, useColor: true)
            $0.previewImage = setting
        }
        let asked = d.effects.contains(.loadPreviewPicture(ItemID(1), Self.photoURL))
        #expect(asked == setting)
        guard setting else { return }
        let effects = reduce(&d.state, .previewPictureLoaded(ItemID(1), url: Self.photoURL, Self.photo))
        guard case .io(.drawArt(let jobs)) = try #require(effects.first) else { Issue.record("\(effects)"); return }
        #expect(jobs.count == 1 && jobs[0].columns <= 40 && jobs[0].rows <= 8 && jobs[0].rows >= 1)
        let waiting = RootView.render(d.state)
        Self.run(&d.state, effects)
        let screen = RootView.render(d.state)
        let rect = try #require(d.state.layout.preview)
        let art = try #require(d.state.previewPicture?.art)
        let date = try #require((rect.y..<rect.maxY).first { screen.line($0).contains("UTC") })
        // A blank row, the art's rows, a blank row, then the story (where blank rows waited for it).
        for row in 0..<art.rows.count {
            let y = date + 2 + row
            #expect((0..<art.columns).allSatisfy { screen[rect.x + 1 + $0, y] == art.rows[row][$0] })
        }
        #expect(screen.lines[date + 2 + art.rows.count + 1].contains("The river rose"))
        #expect(waiting.lines[date + 2 + art.rows.count + 1].contains("The river rose"))
    }

    /// Sixel and iTerm2: the whole picture on screen is listed at its top-left cell over blank cells;
    /// partly scrolled off (or under an overlay) it is character art.
    @Test(arguments: [PictureOptions.Drawing.sixel, .iterm])
    func placedPicturesWholeOnScreenElseArt(drawing: PictureOptions.Drawing) throws {
        var s = AppState(width: 80, height: 30)
        s.useColor = true
        s.pictures = PictureOptions(mode: drawing == .sixel ? .sixel : .iterm, heightPercent: 50, useColor: true)
        _ = reduce(&s, .openInReader(ReaderFixtures.item(ReaderFixtures.detail(document: Self.document, isRead: true))))
        Self.run(&s, reduce(&s, .picturesLoaded(ItemID(1), [Self.photoURL: Self.photoPicture, Self.chartURL: Self.chartPicture])))
        let r = try #require(s.reader)
        let screen = RootView.render(s)
        let photo = try #require(screen.images.first { $0.key == Self.photoURL })
        #expect(photo.kind == (drawing == .sixel ? .sixel : .iterm))
        let top = try #require(Self.rows(of: "The river rose", in: screen)) + 2
        let size = SymbolArt.size(of: Self.photo, maxColumns: r.columnWidth, maxRows: 15)
        #expect(photo.y == top && photo.x == r.leftMargin + (r.columnWidth - size.columns) / 2)
        #expect(photo.columns == size.columns && photo.rows == size.rows)
        if drawing == .sixel { #expect(photo.data.starts(with: Array("\u{1B}P".utf8))) } else { #expect(photo.data == Self.photoPicture.png) }
        #expect((0..<photo.rows).allSatisfy { y in (0..<photo.columns).allSatisfy { screen[photo.x + $0, photo.y + y] == .blank } })
        // Its first row scrolled off: character art, not listed.
        s.reader?.scroll = top - 1 + 1
        let scrolled = RootView.render(s)
        #expect(!scrolled.images.contains { $0.key == Self.photoURL })
        #expect(scrolled.lines[1].contains { "▀▄█▌▐▖▗▘▙▚▛▜▝▞▟".contains($0) } || scrolled[photo.x, 1].style != .plain)
        // Under the links overlay: art.
        s.reader?.scroll = 0
        _ = reduce(&s, .key(.character("H")))
        #expect(RootView.render(s).images.isEmpty)
    }
}
