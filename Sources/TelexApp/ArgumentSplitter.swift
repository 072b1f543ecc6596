/// Splits a command line into argv the way a user expects from a shell, without running one:
/// whitespace separates words; single quotes keep everything literally; double quotes keep
/// spaces and honour backslash before `"` and `\`; a backslash outside quotes escapes the next
/// character. No variables, globs or substitutions: the result goes straight to `posix_spawnp`.
public enum ArgumentSplitter {
    public static func split(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                word.append(c); escaped = false; inWord = true
                continue
            }
            switch quote {
            case "'":
                if c == "'" { quote = nil } else { word.append(c) }
            case "\"":
                if c == "\"" { quote = nil } else if c == "\\" { escaped = true } else { word.append(c) }
            default:
                if c == "'" || c == "\"" { quote = c; inWord = true }
                else if c == "\\" { escaped = true }
                else if c.isWhitespace { if inWord { words.append(word); word = ""; inWord = false } }
                else { word.append(c); inWord = true }
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
