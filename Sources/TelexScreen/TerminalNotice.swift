/// A desktop notification asked of the terminal with an escape sequence (settings `notify_terminal`):
/// OSC 9 (iTerm2, WezTerm, kitty, foot, Windows Terminal) or OSC 777 (rxvt-unicode's `notify`, also
/// foot, WezTerm, Ghostty, VTE). The text is cleaned (`TerminalSafe`) so nothing in it can end the
/// sequence or start another, and bounded.
public struct TerminalNotice: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case osc9, osc777 }
    public var kind: Kind
    public var title: String
    public var body: String

    public init(kind: Kind, title: String, body: String) { self.kind = kind; self.title = title; self.body = body }

    /// Longest text written, in characters.
    static let maxText = 200

    /// The bytes to write: `ESC ] 9 ; text ESC \` or `ESC ] 777 ; notify ; title ; body ESC \`.
    public var sequence: String {
        func clean(_ s: String, allowSemicolon: Bool) -> String {
            var t = TerminalSafe.clean(s)
            if !allowSemicolon { t = t.replacingSemicolons() }
            return String(t.prefix(Self.maxText))
        }
        switch kind {
        case .osc9:
            // A body starting with digits and ";" would be read as one of iTerm2's other OSC 9 commands.
            var text = clean(title.isEmpty ? body : title + ": " + body, allowSemicolon: true)
            if text.first?.isNumber == true { text = " " + text }
            return "\u{1B}]9;" + text + "\u{1B}\\"
        case .osc777:
            // ";" separates the fields: kept out of the title, allowed in the body (the last field).
            return "\u{1B}]777;notify;" + clean(title, allowSemicolon: false) + ";" + clean(body, allowSemicolon: true) + "\u{1B}\\"
        }
    }
}

extension String {
    fileprivate func replacingSemicolons() -> String { String(map { $0 == ";" ? "," : $0 }) }
}
