import Foundation

/// Normalises article URLs so that one page reached by several spellings finds one article row.
///
/// Lower-case scheme and host, no fragment, no default port, an empty path becomes "/", and tracking
/// parameters (utm_*, fbclid, gclid...) are dropped. Anything that is not an http(s) URL is only trimmed.
public enum URLNormalizer {
    /// Query parameters that only track the reader and never select content.
    static let trackingNames: Set<String> = [
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi",
        "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "__s", "ncid", "cmpid", "guccounter",
        "guce_referrer", "guce_referrer_sig", "at_medium", "at_campaign", "ocid", "sr_share", "spm",
    ]
    static let trackingPrefixes = ["utm_", "pk_", "mtm_", "at_custom", "_ga", "_gl"]

    /// The normalised form of `url` (at most 4 KB).
    public static func normalize(_ url: String) -> String {
        isAlreadyNormal(url) ? url : normalizeWithComponents(url)
    }

    /// The general case, through URLComponents.
    static func normalizeWithComponents(_ url: String) -> String {
        let trimmed = String(url.trimmingCharacters(in: .whitespacesAndNewlines).prefix(4096))
        guard var parts = URLComponents(string: trimmed), let scheme = parts.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parts.host, !host.isEmpty else {
            return trimmed
        }
        parts.scheme = scheme
        parts.host = host.lowercased()
        parts.fragment = nil
        if (scheme == "http" && parts.port == 80) || (scheme == "https" && parts.port == 443) { parts.port = nil }
        if parts.percentEncodedPath.isEmpty { parts.percentEncodedPath = "/" }
        if let items = parts.percentEncodedQueryItems {
            let kept = items.filter { !isTracking($0.name) }
            parts.percentEncodedQueryItems = kept.isEmpty ? nil : kept
        } else if parts.percentEncodedQuery == "" {
            parts.percentEncodedQuery = nil
        }
        return parts.string ?? trimmed
    }

    static func isTracking(_ name: String) -> Bool {
        let lower = name.lowercased()
        return trackingNames.contains(lower) || trackingPrefixes.contains { lower.hasPrefix($0) }
    }

    /// True for the common case that needs no change: a plain ASCII http(s) URL with a lower-case host,
    /// no default port, user, query or fragment, and a path. The fetcher normalises every item link it stores,
    /// and URLComponents costs ~5% of a cold pass; this scan answers most links without it.
    static func isAlreadyNormal(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { bytes in
            let scheme: Int
            if bytes.starts(with: "https://".utf8) { scheme = 8 } else if bytes.starts(with: "http://".utf8) { scheme = 7 } else { return false }
            guard bytes.count <= 4096 else { return false }
            var part = Part.host
            var hostLength = 0
            var port = 0
            var portDigits = 0
            for byte in bytes[scheme...] {
                // Printable ASCII only, none of the characters that need the full parser.
                guard byte > 0x20, byte < 0x7F else { return false }
                switch byte {
                case UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "\\"), UInt8(ascii: "\""),
                     UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                     UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "@"):
                    return false
                case UInt8(ascii: "/") where part != .path:
                    part = .path
                case UInt8(ascii: ":") where part == .host:
                    part = .port
                case UInt8(ascii: "0")...UInt8(ascii: "9") where part == .port:
                    if portDigits == 0 && byte == UInt8(ascii: "0") { return false } // "080" is port 80
                    port = port * 10 + Int(byte - UInt8(ascii: "0"))
                    portDigits += 1
                    if portDigits > 5 { return false }
                default:
                    switch part {
                    case .host:
                        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { return false }
                        hostLength += 1
                    case .port: return false
                    case .path: break
                    }
                }
            }
            let defaultPort = scheme == 8 ? 443 : 80
            let sawPort = bytes[scheme...].prefix(while: { $0 != UInt8(ascii: "/") }).contains(UInt8(ascii: ":"))
            let portIsKept = !sawPort || (portDigits > 0 && port != defaultPort && port <= 65535)
            return part == .path && hostLength > 0 && portIsKept
        }
    }

    private enum Part { case host, port, path }
}
