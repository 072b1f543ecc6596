import TelexConfig

/// Whether the reading view writes OSC 8 hyperlinks: `hyperlinks` `on` or `off` as set; `auto` on
/// only in terminals known to show them, told by the environment they set, and never inside tmux or
/// GNU screen (tmux before 3.4 drops the sequence and screen garbles it; set `on` where your tmux
/// passes them through). A terminal that does not know OSC 8 should ignore it, but older ones print it.
public enum HyperlinkSupport {
    public static func enabled(_ mode: HyperlinksMode, environment: [String: String]) -> Bool {
        switch mode {
        case .on: return true
        case .off: return false
        case .auto: return knownToSupport(environment)
        }
    }

    static func knownToSupport(_ env: [String: String]) -> Bool {
        let term = env["TERM"] ?? ""
        if env["TMUX"] != nil || env["STY"] != nil || term.hasPrefix("screen") || term.hasPrefix("tmux") { return false }
        // VTE 0.50 (GNOME Terminal, Tilix, Terminator...) added OSC 8; VTE_VERSION is 5000 for it.
        if let vte = env["VTE_VERSION"].flatMap(Int.init), vte >= 5000 { return true }
        if ["iTerm.app", "WezTerm", "vscode", "ghostty"].contains(env["TERM_PROGRAM"] ?? "") { return true }
        if env["KITTY_WINDOW_ID"] != nil || env["WT_SESSION"] != nil { return true }
        return ["xterm-kitty", "foot", "foot-extra", "alacritty", "wezterm", "xterm-ghostty", "contour"].contains(term)
    }
}
