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
}
