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
        var effects: [Effect] = []
        func perform(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) { effects.append(effect) }
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
