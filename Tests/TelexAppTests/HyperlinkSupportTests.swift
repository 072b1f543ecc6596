import Testing
import TelexConfig
@testable import TelexApp

/// `hyperlinks: auto` from the environment a terminal sets; `on` and `off` as set.
@Suite struct HyperlinkSupportTests {
    @Test(arguments: [
        (["TERM": "xterm-kitty"], true), (["TERM": "xterm-256color", "VTE_VERSION": "7200"], true),
        (["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"], true), (["TERM": "foot"], true),
        (["TERM": "xterm-256color", "WT_SESSION": "1"], true), (["TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"], true),
        // Unknown terminals, and old VTE, stay plain.
        (["TERM": "xterm-256color"], false), (["TERM": "linux"], false), (["TERM": "xterm", "VTE_VERSION": "4800"], false), ([:], false),
        // Inside tmux or screen, whatever the outer terminal.
        (["TERM": "tmux-256color", "VTE_VERSION": "7200"], false), (["TERM": "xterm-kitty", "TMUX": "/tmp/tmux-1/default,1,0"], false),
        (["TERM": "screen", "KITTY_WINDOW_ID": "1"], false), (["TERM": "foot", "STY": "1.pts-0"], false),
    ] as [([String: String], Bool)])
    func autoFollowsTheTerminal(_ env: [String: String], _ on: Bool) {
        #expect(HyperlinkSupport.enabled(.auto, environment: env) == on)
    }

    @Test func onAndOffAreAsSet() {
        #expect(HyperlinkSupport.enabled(.on, environment: ["TERM": "tmux-256color", "TMUX": "x"]))
        #expect(!HyperlinkSupport.enabled(.off, environment: ["TERM": "xterm-kitty"]))
    }
}
