import Testing
@testable import TelexScreen

/// The escape sequences of desktop notifications, and that their text cannot break out of them.
@Suite struct TerminalNoticeTests {
    @Test func osc9AndOSC777CarryTheText() {
        #expect(TerminalNotice(kind: .osc9, title: "telex", body: "4 new items").sequence == "\u{1B}]9;telex: 4 new items\u{1B}\\")
        #expect(TerminalNotice(kind: .osc777, title: "telex", body: "4 new items").sequence == "\u{1B}]777;notify;telex;4 new items\u{1B}\\")
    }

    /// ESC, BEL, ST (C1) and bidi controls are removed; a ";" cannot add a field to OSC 777's title;
    /// OSC 9 text never starts with digits (iTerm2's other OSC 9 commands); the text is bounded.
    @Test func hostileTextStaysInsideTheSequence() {
        let hostile = TerminalNotice(kind: .osc777, title: "a;b\u{1B}]2;x\u{07}", body: "c\u{9C}d\u{202E}e;f")
        #expect(hostile.sequence == "\u{1B}]777;notify;a,b]2,x;cde;f\u{1B}\\")
        #expect(TerminalNotice(kind: .osc9, title: "", body: "4;1 new").sequence == "\u{1B}]9; 4;1 new\u{1B}\\")
        let long = TerminalNotice(kind: .osc9, title: "", body: String(repeating: "x", count: 1000)).sequence
        #expect(long.count == TerminalNotice.maxText + 6)  // ESC ] 9 ; and ESC \
    }
}
