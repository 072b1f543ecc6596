/// A run of cells of one row that the terminal should mark as a link to `url` (OSC 8), where the
/// reader turns hyperlinks on. Views record them beside the cells; the backend writes the sequence.
public struct Hyperlink: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var url: String

    public init(x: Int, y: Int, width: Int, url: String) { self.x = x; self.y = y; self.width = width; self.url = url }

    /// Longest URL written into an OSC 8 sequence (VTE's limit is 2083 bytes; longer links stay plain text).
    public static let maxURLBytes = 2048

    /// Whether `url` may go into the terminal inside an OSC 8 sequence: an http, https or mailto URL
    /// of printable ASCII only (no space, no control byte, none of ESC, BEL, ST or a C1 control that
    /// could end the sequence early or start another), at most `maxURLBytes` long. Anything else is
    /// drawn as text without the link, never escaped into a sequence.
    public static func isSafe(_ url: String) -> Bool {
        let bytes = url.utf8
        guard !bytes.isEmpty, bytes.count <= maxURLBytes else { return false }
        // Printable ASCII without space; the same rule TerminalSafe applies, and stricter.
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return false }
        let lower = url.prefix(8).lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
    }
}
