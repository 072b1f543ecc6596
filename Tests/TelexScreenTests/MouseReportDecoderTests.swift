import Testing
@testable import TelexScreen

/// Mouse reports as the terminal types them (ncurses hands each byte over as a key) to events.
@Suite struct MouseReportDecoderTests {
    static func typed(_ text: String) -> [Key] {
        text.map { $0 == "\u{1B}" ? Key.escape : .character($0) }
    }

    @Test(arguments: [
        // SGR (mode 1006): button;column;row from 1, M a press, m a release.
        ("\u{1B}[<0;11;5M", MouseEvent(kind: .click, x: 10, y: 4)),
        ("\u{1B}[<0;11;5m", MouseEvent(kind: .release, x: 10, y: 4)),
        ("\u{1B}[<64;3;2M", MouseEvent(kind: .wheelUp, x: 2, y: 1)),
        ("\u{1B}[<65;3;2M", MouseEvent(kind: .wheelDown, x: 2, y: 1)),
        // Past column 223, which X10 cannot express, and on a very wide terminal.
        ("\u{1B}[<0;251;31M", MouseEvent(kind: .click, x: 250, y: 30)),
        ("\u{1B}[<0;2000;1M", MouseEvent(kind: .click, x: 1999, y: 0)),
        // Shift, Meta and Control held: the same event.
        ("\u{1B}[<4;11;5M", MouseEvent(kind: .click, x: 10, y: 4)),
        ("\u{1B}[<81;11;5M", MouseEvent(kind: .wheelDown, x: 10, y: 4)),
        // X10: value + 32 each; button 3 is a release.
        ("\u{1B}[M +%", MouseEvent(kind: .click, x: 10, y: 4)),
        ("\u{1B}[M#+%", MouseEvent(kind: .release, x: 10, y: 4)),
        ("\u{1B}[Ma+%", MouseEvent(kind: .wheelDown, x: 10, y: 4)),
    ] as [(String, MouseEvent)])
    func aReportBecomesItsEvent(_ report: String, _ event: MouseEvent) {
        var decoder = MouseReportDecoder()
        #expect(decoder.decode(Self.typed("j" + report + "k")) == [.character("j"), .mouse(event), .character("k")])
        #expect(!decoder.isWaiting)
    }

    /// Other buttons and motion are consumed, not typed as keys.
    @Test(arguments: ["\u{1B}[<1;5;5M", "\u{1B}[<2;5;5M", "\u{1B}[<32;5;5M", "\u{1B}[<35;5;5M", "\u{1B}[<66;5;5M", "\u{1B}[<64;5;5m"])
    func otherButtonsAndMotionAreNoKeys(_ report: String) {
        var decoder = MouseReportDecoder()
        #expect(decoder.decode(Self.typed(report + "q")) == [.character("q")])
    }

    /// Escape, and sequences that only look like a start, stay keys.
    @Test(arguments: ["\u{1B}", "\u{1B}j", "\u{1B}[A", "\u{1B}[<0;5M", "\u{1B}[<0;5;5;5M", "\u{1B}[<0;x;5M", "\u{1B}[<123456;1;1M", "\u{1B}\u{1B}"])
    func keysThatAreNoReportStayKeys(_ text: String) {
        var decoder = MouseReportDecoder()
        var keys = decoder.decode(Self.typed(text))
        keys += decoder.flush()
        #expect(keys == Self.typed(text))
    }

    @Test func aReportCutBetweenReadsWaitsForItsRest() {
        var decoder = MouseReportDecoder()
        #expect(decoder.decode(Self.typed("g\u{1B}[<0;25")) == [.character("g")])
        #expect(decoder.isWaiting)
        #expect(decoder.decode(Self.typed("0;7M")) == [.mouse(MouseEvent(kind: .click, x: 249, y: 6))])
        #expect(!decoder.isWaiting)
    }

    @Test func anEscapeAloneAtTheEndIsTheEscapeKey() {
        var decoder = MouseReportDecoder()
        #expect(decoder.decode([.character("/"), .escape]) == [.character("/"), .escape])
        #expect(!decoder.isWaiting)
    }

    @Test func flushGivesBackAHeldStartAsTyped() {
        var decoder = MouseReportDecoder()
        #expect(decoder.decode(Self.typed("\u{1B}[<0;1")) == [])
        #expect(decoder.flush() == Self.typed("\u{1B}[<0;1"))
        #expect(!decoder.isWaiting)
    }
}
