import Foundation

/// Compiled patterns of `/regex/` terms (a query has a handful; every row a list or a `hide` rule matches reuses them):
/// the one place they are compiled, for SQL (`QueryCompiler`) and for items being written (`QueryMatcher`).
public final class RegexCache: @unchecked Sendable {
    public static let shared = RegexCache()
    private let lock = NSLock()
    private var cache: [String: NSRegularExpression] = [:]

    public func regex(_ pattern: String) -> NSRegularExpression? {
        lock.withLock {
            if let cached = cache[pattern] { return cached }
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return nil }
            if cache.count > 64 { cache.removeAll() }
            cache[pattern] = regex
            return regex
        }
    }
}
