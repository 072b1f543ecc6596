extension StringProtocol {
    /// The text without leading and trailing white space (Unicode's White_Space: spaces, tabs, newlines,
    /// no-break spaces). The pure-Swift form of `trimmingCharacters(in: .whitespacesAndNewlines)`, which
    /// goes through NSString: loading a feeds.json of 300 feeds spent 2.6 ms of the reader's start there.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
