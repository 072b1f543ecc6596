/// Turns what the user typed into an FTS5 MATCH expression that cannot be a syntax error.
///
/// Each whitespace-separated token is quoted (so `covid-19`, `C++`, `AND` or a stray quote are plain words),
/// tokens are ANDed, and the last one matches as a prefix so results come while typing (unless it ends with
/// punctuation, as in `C++`: the word is finished, and "c*" would match every word starting with c; or unless
/// it is shorter than 3 bytes: a 2-letter prefix expands to hundreds of terms and costs seconds at 1M items).
public enum SearchQuery {
    /// The MATCH expression, or nil when the input has no letter or digit.
    public static func matchExpression(_ input: String) -> String? {
        let tokens = input.prefix(1000)
            .split(whereSeparator: { $0.isWhitespace })
            .map { String($0).replacingOccurrences(of: "\"", with: "") }
            .filter { $0.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil } }
            .prefix(32)
        guard !tokens.isEmpty else { return nil }
        var parts = tokens.map { "\"\($0)\"" }
        if let token = tokens.last, token.utf8.count >= 3, let last = token.unicodeScalars.last,
           last.properties.isAlphabetic || last.properties.numericType != nil {
            parts[parts.count - 1] += "*"
        }
        return parts.joined(separator: " ")
    }
}
