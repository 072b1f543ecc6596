import Foundation
import TelexConfig

/// Reads an account's password when a sync must log in, and only then: from an environment variable,
/// or from the first line of a command's output (`pass show rss`, `secret-tool lookup ...`).
public struct PasswordReader: Sendable {
    public var environment: [String: String]
    /// Longest a password command may run.
    public var timeout: Double

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Double = 30) {
        self.environment = environment; self.timeout = timeout
    }

    public func password(for source: PasswordSource) throws(SyncError) -> String {
        switch source {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else { throw .password("the environment variable \(name) is not set") }
            return value
        case .command(let command):
            return try run(command)
        }
    }

    /// Runs `command` with /bin/sh, stdin from /dev/null, stderr passed through (a pinentry prompt may
    /// need it); the password is stdout's first line. Its exit status and output are never logged.
    private func run(_ command: String) throws(SyncError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        do { try process.run() } catch { throw .password("could not run the password command: \(error.localizedDescription)") }
        let deadline = Date().addingTimeInterval(timeout)
        // Output is read until EOF (bounded: a password is short; 64 KiB is plenty).
        var data = Data()
        let handle = out.fileHandleForReading
        while data.count < 65_536, let chunk = try? handle.read(upToCount: 4096), !chunk.isEmpty { data.append(chunk) }
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            throw .password("the password command did not finish within \(Int(timeout)) s")
        }
        guard process.terminationStatus == 0 else { throw .password("the password command failed (exit status \(process.terminationStatus))") }
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
        guard !password.isEmpty else { throw .password("the password command printed nothing") }
        return password
    }
}
