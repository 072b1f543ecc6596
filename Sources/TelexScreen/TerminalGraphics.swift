/// The graphics protocols a terminal said it speaks when asked (`TerminalGraphicsProbe` in TelexTerminal).
public struct TerminalGraphics: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Answered kitty's graphics query (`a=q`) with OK.
    public static let kitty = TerminalGraphics(rawValue: 1 << 0)
    /// Listed attribute 4 in its primary device attributes (DA1).
    public static let sixel = TerminalGraphics(rawValue: 1 << 1)
    /// iTerm2 (`TERM_PROGRAM=iTerm.app`, or its name in the XTVERSION answer).
    public static let iterm = TerminalGraphics(rawValue: 1 << 2)
}
