import Foundation
import TelexModel

/// Checks on the URLs users write in feeds.json.
public enum FeedURL {
    /// Why `text` is not a usable feed URL, or nil when it is.
    public static func problem(_ text: String) -> String? {
        let t = text.trimmingWhitespace()
        if t.isEmpty { return "empty URL" }
        guard let c = URLComponents(string: t), let scheme = c.scheme?.lowercased() else {
            return "not a valid URL: \"\(t)\""
        }
        guard scheme == "http" || scheme == "https" else {
            return "unsupported URL scheme \"\(scheme)\": only http and https feeds are fetched"
        }
        guard let host = c.host, !host.isEmpty else { return "URL has no host: \"\(t)\"" }
        if let port = c.port, !(1...65535).contains(port) {
            return "port \(port) is out of range (1 to 65535): \"\(t)\""
        }
        return nil
    }

    /// The URL as telex stores and fetches it: trimmed, its scheme in lower case (`HTTP://` and
    /// `http://` are one feed, and the fetcher and `feeds --check` see the same text). Call on URLs
    /// `problem` accepted.
    public static func normalized(_ text: String) -> String {
        let t = text.trimmingWhitespace()
        guard let colon = t.firstIndex(of: ":") else { return t }
        return t[..<colon].lowercased() + t[colon...]
    }

    /// Two spellings of the same feed compare equal under this key (scheme and host case, default port, fragment).
    public static func identityKey(_ text: String) -> String {
        guard var c = URLComponents(string: text.trimmingWhitespace()) else { return text }
        c.scheme = c.scheme?.lowercased()
        c.host = c.host?.lowercased()
        if (c.scheme == "http" && c.port == 80) || (c.scheme == "https" && c.port == 443) { c.port = nil }
        c.fragment = nil
        if c.path.isEmpty { c.path = "/" }
        return c.string ?? text
    }
}
