import Testing
@testable import TelexFetch

/// settings `notify`: what the program is given after a pass with new items.
@Suite struct PassNotifierTests {
    @Test func theArgvAsWrittenThenTheSummaryAndTheTitlesOnStdin() {
        let run = PassNotifier.invocation(["notify-send", "-a", "telex; rm -rf ~"], newItems: 2, titles: ["One", "Two\u{1B}]2;x\u{07}\nlines"])
        #expect(run.arguments == ["notify-send", "-a", "telex; rm -rf ~", "2 new items"])
        #expect(run.input == "One\nTwo ]2;x  lines\n")
        #expect(run.count == "2")
        #expect(PassNotifier.invocation(["n"], newItems: 1, titles: []).arguments == ["n", "1 new item"])
    }

    @Test func atMostFiftyTitles() {
        let run = PassNotifier.invocation(["n"], newItems: 80, titles: (1...80).map { "t\($0)" })
        #expect(run.input.split(separator: "\n").count == PassNotifier.maxTitles)
    }

    @Test func noProgramNoNotifier() {
        #expect(PassNotifier(argv: nil) == nil)
        #expect(PassNotifier(argv: []) == nil)
        #expect(PassNotifier(argv: [""]) == nil)
        #expect(PassNotifier(argv: ["notify-send"])?.argv == ["notify-send"])
    }
}
