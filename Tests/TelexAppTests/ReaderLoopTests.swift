import Foundation
import TelexArticles
import TelexModel
import TelexScreen
import TelexUI
import Testing
@testable import TelexApp

/// The reading view through the real loop with a test backend: keys in, effects performed.
@Suite("Reading view in the loop")
struct ReaderLoopTests {
    final class RecordingRunner: EffectRunner, @unchecked Sendable {
        var effects: [IOEffect] = []
        func perform(_ effect: IOEffect, post: @escaping @Sendable (Action) -> Void) { effects.append(effect) }
    }

    static func readerState() -> AppState {
        let doc = ArticleDocument(metadata: ArticleMetadata(title: "Story"),
                                  blocks: [.paragraph([.text("See "), .link(url: "https://example.com/next", [.text("next")])])])
        let headline = Headline(id: ItemID(7), feedID: FeedID(1), title: "Story", source: "Feed", link: "https://example.com/story",
                                sortTime: Date(timeIntervalSince1970: 0), isRead: true, isSaved: false)
        var s = AppState(width: 60, height: 10)
        _ = reduce(&s, .openInReader(DocumentResolver.resolve(ItemDetail(headline: headline, articleJSON: ArticleDocumentCodec.encode(doc)))))
        return s
    }

    @Test func yOnALinkCopiesItsURLThroughTheBackendWithOSC52() {
        let backend = TestBackend(width: 60, height: 10, keys: [.tab, .character("y")])
        let runner = RecordingRunner()
        let loop = TerminalLoop(backend: backend, state: Self.readerState(), runner: runner, tickMilliseconds: 1)
        loop.clipboard = Clipboard(osc52: true, environment: [:])
        loop.run()
        #expect(backend.clipboardWrites == [Data("https://example.com/next".utf8).base64EncodedString()])
        #expect(backend.lastFrame?.lines.last?.contains("Copied https://example.com/next") == true)
    }

    @Test func enterAsksTheRunnerToFollowTheLink() {
        let backend = TestBackend(width: 60, height: 10, keys: [.tab, .enter])
        let runner = RecordingRunner()
        TerminalLoop(backend: backend, state: Self.readerState(), runner: runner, tickMilliseconds: 1).run()
        #expect(runner.effects == [.followLink("https://example.com/next")])
        #expect(backend.lastFrame?.lines.last?.contains("Fetching https://example.com/next") == true)
    }

    /// A clipboard tool runs off the terminal thread: the loop draws on while it hangs, and its
    /// answer comes back as a message.
    @Test func aSlowClipboardToolDoesNotFreezeTheScreen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telex-clip-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let tool = dir.appendingPathComponent("xclip").path
        // Reads the text, then takes its time (it ends within the half second the copy waits, so no
        // process outlives the copy).
        try "#!/bin/sh\ncat > /dev/null\nsleep 0.3\n".write(toFile: tool, atomically: true, encoding: .utf8)
        chmod(tool, 0o755)
        let backend = TestBackend(width: 60, height: 10, keys: [.character("y"), .character("j")])
        let loop = TerminalLoop(backend: backend, state: Self.readerState(), runner: RecordingRunner(), tickMilliseconds: 1)
        loop.clipboard = Clipboard(osc52: false, environment: ["DISPLAY": ":0", "PATH": dir.path + ":/usr/bin:/bin"])
        loop.run()
        // The loop ended when its keys ran out, before the tool's answer: on the terminal thread
        // the answer would have been in the last frame.
        #expect(backend.lastFrame?.lines.last?.contains("Copied") == false)
        #expect(backend.lastFrame?.lines.last?.contains("Copy failed") == false)
    }

    @Test func oOpensTheArticleWithAConsoleBrowserThatGetsTheTerminal() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telex-loop-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = dir.appendingPathComponent("argv").path
        let script = dir.appendingPathComponent("w3m").path
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > '\(record)'\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let backend = TestBackend(width: 60, height: 10, keys: [.character("o")])
        let loop = TerminalLoop(backend: backend, state: Self.readerState(), runner: RecordingRunner(), tickMilliseconds: 1)
        loop.browser = BrowserLauncher(setting: script, environment: ["PATH": "/usr/bin:/bin"])
        loop.run()
        #expect(try String(contentsOfFile: record, encoding: .utf8) == "https://example.com/story\n")
    }
}

@Suite struct PlaceFileTests {
    @Test func aPlaceSurvivesTheFileAndABrokenFileIsIgnored() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telex-place-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = PlaceFile(path: dir.appendingPathComponent("sub/place.json").path)
        #expect(file.load() == nil)
        var place = ReaderPlace(scope: .feed(FeedID(4)), selected: ItemID(9), open: ItemID(9), positions: [ItemID(9): 0.5, ItemID(2): 1])
        place.recent = [ItemID(2), ItemID(9)]
        place.history = [ReaderPlace.Entry(item: ItemID(9), url: "https://a.example/9", title: "Nine", share: 0.5),
                         ReaderPlace.Entry(item: nil, url: "https://b.example/page", title: "A page", share: 0.25)]
        place.historyIndex = 1
        place.previewSplit = .stacked
        place.sectionsHidden = true
        try file.save(place)
        #expect(file.load() == place)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: file.path))
        #expect(file.load() == nil)
    }

    /// A saved query section is a place too (the reader reopens on it, by its id, stable while its name stays).
    @Test func aSavedQueryScopeSurvivesTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telex-place-query-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = PlaceFile(path: dir.appendingPathComponent("place.json").path)
        let place = ReaderPlace(scope: .query(SavedQueryID(3)), selected: ItemID(9))
        try file.save(place)
        #expect(file.load() == place)
        #expect(file.load()?.scope == .query(SavedQueryID(3)))
    }
}

extension ReaderLoopTests {
    /// The loop hands a notification to the backend, which writes it between frames.
    @Test func aPassWithNewItemsReachesTheBackendAsANotification() {
        let backend = TestBackend(width: 60, height: 10, keys: [.character("j")])
        var state = Self.readerState()
        state.terminalNotices = .osc9
        let loop = TerminalLoop(backend: backend, state: state, runner: RecordingRunner(), tickMilliseconds: 1)
        loop.queue.post(.fetchFinished(FetchProgress(feedsDone: 1, feedsTotal: 1, ok: 1, newItems: 1), by: nil))
        loop.run()
        #expect(backend.notices == [TerminalNotice(kind: .osc9, title: "telex", body: "1 new item")])
    }
}
