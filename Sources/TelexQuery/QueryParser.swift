import Foundation

/// Parses the query language: terms joined by `and` (or nothing), `or`, `not` / `-`, and parentheses.
///
/// Precedence, loosest first: `or`, then `and`, then `not`. Keywords are case-insensitive; a keyword
/// meant as a word is quoted (`"and"`). Hand-written recursive descent: the grammar is a dozen lines,
/// and errors must point at a column.
public enum QueryParser {
    public static func parse(_ text: String) throws(QueryError) -> Query {
        var parser = Parser(tokens: try Lexer.tokens(Array(text)), end: text.count + 1)
        guard !parser.tokens.isEmpty else { throw QueryError("the query is empty", column: 1) }
        let query = try parser.orExpression()
        if let extra = parser.peek {
            throw QueryError(extra.kind == .close ? "unbalanced )" : "unexpected \(extra.text)", column: extra.column)
        }
        return query
    }

    /// Durations as `newer:` and `older:` take them: a number and m (minutes), h, d or w.
    static func seconds(_ text: String) -> Int64? {
        guard let unit = text.last, let n = Int64(text.dropLast()), n >= 0, n < 100_000 else { return nil }
        switch unit.lowercased() {
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        case "w": return n * 604_800
        default: return nil
        }
    }
}

struct Token: Equatable {
    enum Kind: Equatable { case open, close, and, or, not, term }
    var kind: Kind
    var text: String
    var column: Int
    var query: Query?
}

enum Lexer {
    static func tokens(_ chars: [Character]) throws(QueryError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c.isWhitespace { i += 1; continue }
            if c == "(" { tokens.append(Token(kind: .open, text: "(", column: column)); i += 1; continue }
            if c == ")" { tokens.append(Token(kind: .close, text: ")", column: column)); i += 1; continue }
            if c == "-" && i + 1 < chars.count && !chars[i + 1].isWhitespace {
                tokens.append(Token(kind: .not, text: "-", column: column)); i += 1; continue
            }
            if c == "\"" {
                let (text, next) = try quoted(chars, from: i)
                tokens.append(Token(kind: .term, text: text, column: column, query: try phrase(text, column: column)))
                i = next
                continue
            }
            if c == "/" {
                var j = i + 1
                var pattern = ""
                while j < chars.count && chars[j] != "/" {
                    if chars[j] == "\\" && j + 1 < chars.count && chars[j + 1] == "/" { pattern.append("/"); j += 2; continue }
                    pattern.append(chars[j]); j += 1
                }
                guard j < chars.count else { throw QueryError("unclosed /regex/ (end it with /)", column: column) }
                guard !pattern.isEmpty else { throw QueryError("empty /regex/", column: column) }
                do { _ = try NSRegularExpression(pattern: pattern) } catch {
                    throw QueryError("invalid regular expression /\(pattern)/", column: column)
                }
                tokens.append(Token(kind: .term, text: "/\(pattern)/", column: column, query: .titleRegex(pattern)))
                i = j + 1
                continue
            }
            var j = i
            while j < chars.count && !chars[j].isWhitespace && chars[j] != "(" && chars[j] != ")" && chars[j] != "\"" { j += 1 }
            var word = String(chars[i..<j])
            // field:"a phrase"
            if word.hasSuffix(":"), j < chars.count, chars[j] == "\"" {
                let (text, next) = try quoted(chars, from: j)
                word += text
                tokens.append(Token(kind: .term, text: word, column: column, query: try term(word, column: column, quotedValue: true)))
                i = next
                continue
            }
            switch word.lowercased() {
            case "and": tokens.append(Token(kind: .and, text: word, column: column))
            case "or": tokens.append(Token(kind: .or, text: word, column: column))
            case "not": tokens.append(Token(kind: .not, text: word, column: column))
            default: tokens.append(Token(kind: .term, text: word, column: column, query: try term(word, column: column, quotedValue: false)))
            }
            i = j
        }
        return tokens
    }

    static func quoted(_ chars: [Character], from start: Int) throws(QueryError) -> (String, Int) {
        var j = start + 1
        var text = ""
        while j < chars.count && chars[j] != "\"" { text.append(chars[j]); j += 1 }
        guard j < chars.count else { throw QueryError("unclosed quote (end the phrase with \")", column: start + 1) }
        return (text, j + 1)
    }

    static func phrase(_ text: String, column: Int) throws(QueryError) -> Query {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw QueryError("empty phrase", column: column) }
        return .phrase(trimmed)
    }

    static func term(_ word: String, column: Int, quotedValue: Bool) throws(QueryError) -> Query {
        switch word.lowercased() {
        case "unread": return .unread
        case "saved": return .saved
        default: break
        }
        guard let colon = word.firstIndex(of: ":"), colon != word.startIndex else { return .word(word) }
        let name = word[..<colon].lowercased()
        let value = String(word[word.index(after: colon)...])
        let valueColumn = column + word.distance(from: word.startIndex, to: colon) + 1
        if name == "newer" || name == "older" {
            guard let seconds = QueryParser.seconds(value) else {
                throw QueryError("\(name): takes a duration such as 2d, 12h, 30m or 1w", column: valueColumn)
            }
            return name == "newer" ? .newer(seconds: seconds) : .older(seconds: seconds)
        }
        guard let field = QueryField(rawValue: name) else {
            if word.contains("://") { return .word(word) }
            let known = (QueryField.allCases.map(\.rawValue) + ["newer", "older"]).map { $0 + ":" }.joined(separator: " ")
            throw QueryError("unknown field \(name): (fields: \(known); quote it to search for the word)", column: column)
        }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw QueryError("\(name): needs a value", column: valueColumn) }
        return .field(field, trimmed)
    }
}

struct Parser {
    var tokens: [Token]
    var index = 0
    let end: Int

    var peek: Token? { index < tokens.count ? tokens[index] : nil }

    mutating func orExpression() throws(QueryError) -> Query {
        var left = try andExpression()
        while let token = peek, token.kind == .or {
            index += 1
            left = .or(left, try andExpression())
        }
        return left
    }

    mutating func andExpression() throws(QueryError) -> Query {
        var left = try unary()
        while let token = peek, token.kind != .or, token.kind != .close {
            if token.kind == .and { index += 1 }
            left = .and(left, try unary())
        }
        return left
    }

    mutating func unary() throws(QueryError) -> Query {
        guard let token = peek else { throw QueryError("a term is missing at the end", column: end) }
        switch token.kind {
        case .not:
            index += 1
            return .not(try unary())
        case .open:
            index += 1
            let inner = try orExpression()
            guard let close = peek, close.kind == .close else {
                throw QueryError("unclosed ( (add a ))", column: token.column)
            }
            index += 1
            return inner
        case .term:
            index += 1
            return token.query!
        case .close:
            throw QueryError(index == 0 || tokens[index - 1].kind == .open ? "empty ( )" : "unbalanced )", column: token.column)
        case .and, .or:
            throw QueryError("\(token.text) needs a term before and after it", column: token.column)
        }
    }
}
