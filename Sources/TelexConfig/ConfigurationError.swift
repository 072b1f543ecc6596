/// What is wrong with a feeds.json, precisely enough to fix it: the file, the line, the JSON path.
public struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    /// A JSON path such as `sections[2].feeds[0].url`, empty for the whole document.
    public var path: String
    public var message: String

    public init(line: Int, path: String, message: String) { self.line = line; self.path = path; self.message = message }
    public var description: String {
        (line > 0 ? "line \(line): " : "") + (path.isEmpty ? "" : "\(path): ") + message
    }
}

public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [ConfigurationProblem]
    public init(file: String, problems: [ConfigurationProblem]) { self.file = file; self.problems = problems }
    /// One line per problem, as compilers print them: `file:line: path: message`.
    public var description: String {
        problems.map { p in
            (p.line > 0 ? "\(file):\(p.line): " : "\(file): ") + (p.path.isEmpty ? "" : "\(p.path): ") + p.message
        }.joined(separator: "\n")
    }
}
