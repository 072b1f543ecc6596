import CLibPSL
import Foundation

/// Which site a URL belongs to: its registrable domain by the Public Suffix List (libpsl's built-in copy,
/// so "news.bbc.co.uk" and "www.bbc.co.uk" are one site while "a.github.io" and "b.github.io" are two).
/// A page's `rel=canonical` / `og:url` is trusted as another name of the page only on its own site: else
/// any page could claim another site's URL and take over its cached article (docs/fetch.md).
enum SameSite {
    /// libpsl's context is immutable and built into the library: one for the process.
    nonisolated(unsafe) private static let context = psl_builtin()

    /// The registrable domain of `host` ("example.co.uk"), or nil for IP literals, single labels and
    /// public suffixes themselves.
    static func registrableDomain(_ host: String) -> String? {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]."))
        guard let context, !host.isEmpty, !isIPLiteral(host) else { return nil }
        guard let domain = psl_registrable_domain(context, host) else { return nil }
        return String(cString: domain)
    }

    /// Whether `a` and `b` are http(s) URLs of the same site. Hosts without a registrable domain (IP
    /// addresses, `localhost`) must match exactly.
    static func same(_ a: URL, _ b: URL) -> Bool {
        guard let hostA = a.host?.lowercased(), let hostB = b.host?.lowercased(), !hostA.isEmpty, !hostB.isEmpty,
              isWeb(a), isWeb(b) else { return false }
        if hostA == hostB { return true }
        guard let siteA = registrableDomain(hostA), let siteB = registrableDomain(hostB) else { return false }
        return siteA == siteB
    }

    /// The canonical URL a page declares, if it may become an alias of the page fetched from `pageURL`.
    static func trustedCanonical(_ canonical: String?, pageURL: String) -> String? {
        guard let canonical, let c = URL(string: canonical), let page = URL(string: pageURL), same(c, page) else { return nil }
        return canonical
    }

    private static func isWeb(_ url: URL) -> Bool {
        let scheme = url.scheme?.lowercased()
        return scheme == "http" || scheme == "https"
    }

    private static func isIPLiteral(_ host: String) -> Bool {
        if host.contains(":") { return true }
        return host.split(separator: ".").count == 4 && host.allSatisfy { $0 == "." || $0.isNumber }
    }
}
