import Foundation

/// settings `notify` (newsboat's `notify-program`): after a pass of this process that brought new
/// items, runs the user's program, never through a shell. Its arguments are the configured argv and
/// then one more, the summary ("4 new items"); the new items' titles (newest first, at most
/// `maxTitles`, control characters removed) are its stdin, one a line; `TELEX_NEW_ITEMS` holds the
/// count. Its output goes nowhere (the reader owns the terminal); a program still running when telex
/// ends is left to finish.
public final class PassNotifier: @unchecked Sendable {
    public static let maxTitles = 50
    public let argv: [String]
    private let lock = NSLock()
    private var running: [Process] = []

    public init?(argv: [String]?) {
        guard let argv, let program = argv.first, !program.isEmpty else { return nil }
        self.argv = argv
    }

    /// The arguments, stdin and environment of a run, for `newItems` and their `titles`.
    static func invocation(_ argv: [String], newItems: Int, titles: [String]) -> (arguments: [String], input: String, count: String) {
        let summary = newItems == 1 ? "1 new item" : "\(newItems) new items"
        let lines = titles.prefix(maxTitles).map { title in
            String(String.UnicodeScalarView(title.unicodeScalars.map { s -> Unicode.Scalar in
                switch s.value { case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return " " default: return s }
            }))
        }
        return (argv + [summary], lines.map { $0 + "\n" }.joined(), String(newItems))
    }

    /// Starts the program; returns a message when it could not start.
    @discardableResult
    public func notify(newItems: Int, titles: [String]) -> String? {
        let (arguments, input, count) = Self.invocation(argv, newItems: newItems, titles: titles)
        let process = Process()
        // Looked up in PATH like a shell would, but no shell: argv goes through as is.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TELEX_NEW_ITEMS"] = count
        process.environment = environment
        let pipe = Pipe()
        process.standardInput = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.terminationHandler = { [weak self] done in
            guard let self else { return }
            self.lock.withLock { self.running.removeAll { $0 === done } }
        }
        lock.withLock { running.append(process) }
        do { try process.run() } catch {
            lock.withLock { running.removeAll { $0 === process } }
            return "notify: cannot run \(argv[0]): \(error.localizedDescription)"
        }
        // A program that exits without reading its stdin must not take telex down with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try? pipe.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try? pipe.fileHandleForWriting.close()
        return nil
    }

    /// Waits until the programs started have ended, or `timeout` seconds (`telex fetch` before it exits).
    public func waitForRunning(timeout: Double) {
        let deadline = Date().addingTimeInterval(timeout)
        while lock.withLock({ running.contains { $0.isRunning } }) && Date() < deadline { usleep(10_000) }
    }
}
