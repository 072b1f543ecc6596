// Shared fixtures for the test targets.
import Foundation

public enum Fixtures {
    /// The repository root (found from this file's path), for reading fixtures and ../shared.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    public static func url(_ relative: String) -> URL { repositoryRoot.appendingPathComponent("tests/fixtures/" + relative) }

    public static func bytes(_ relative: String) throws -> [UInt8] { Array(try Data(contentsOf: url(relative))) }

    /// `../shared` beside the repository (the team's corpora: absent from a clean clone).
    public static var sharedDirectory: URL? {
        let u = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }

    /// The reason a test gives when `../shared` is absent. scripts/test.sh lets skips whose reason
    /// starts with "outside the repository:" pass under CI=1; any other skip fails there.
    public static let sharedDirectoryMissing = "outside the repository: ../shared (the team's corpora) is absent"

    /// A fresh temporary directory, removed by the caller with `cleanup`.
    public static func temporaryDirectory(_ name: String = "telex-test") throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// The telex binary of the build under test: `$TELEX_BINARY` (scripts/test.sh sets it from
    /// `swift build --show-bin-path`), else the one beside this test bundle (the same build), else
    /// the one `swift build --show-bin-path` names. Tests `#require` it to exist: never a skip.
    public static let telexBinary: URL = {
        if let path = ProcessInfo.processInfo.environment["TELEX_BINARY"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let besideBundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("telex")
        if FileManager.default.isExecutableFile(atPath: besideBundle.path) { return besideBundle }
        let result = try? run(URL(fileURLWithPath: "/usr/bin/env"), ["swift", "build", "--show-bin-path"], in: repositoryRoot)
        let directory = result.map { $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        return URL(fileURLWithPath: directory).appendingPathComponent("telex")
    }()

    /// What a child process did.
    public struct ProcessResult: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// True when the process ended by a signal rather than exit.
        public var signalled: Bool
    }

    /// Runs a program to completion and collects its output (stderr is drained on another thread,
    /// so a child that fills one pipe never blocks on it).
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String]? = nil, stdin: Data? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { errors.data = err.fileHandleForReading.readDataToEndOfFile(); drained.signal() }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                             stderr: String(decoding: errors.data, as: UTF8.self),
                             signalled: process.terminationReason == .uncaughtSignal)
    }
}

/// Runs children as an ordinary user, so permission checks that root bypasses can be tested
/// whoever runs the suite (CI runs as root).
public enum Unprivileged {
    public static var isRoot: Bool { getuid() == 0 }

    /// `nobody`'s user and group ids.
    public static var ids: (uid: uid_t, gid: gid_t) {
        guard let entry = getpwnam("nobody") else { return (65534, 65534) }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    /// The argv that runs `command` as `nobody` when this process is root (util-linux `setpriv`,
    /// no supplementary groups), or as the current user otherwise.
    public static func argv(_ command: [String]) -> [String] {
        guard isRoot else { return command }
        let (uid, gid) = ids
        return ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--"] + command
    }

    /// Runs `command` (argv[0] an absolute path) as the unprivileged user.
    public static func run(_ command: [String], environment: [String: String]? = nil) throws -> Fixtures.ProcessResult {
        let argv = Self.argv(command)
        return try Fixtures.run(URL(fileURLWithPath: argv[0]), Array(argv.dropFirst()), environment: environment)
    }

    /// Gives a path to the user children run as (a no-op when not root).
    public static func own(_ path: String) {
        guard isRoot else { return }
        let (uid, gid) = ids
        _ = chown(path, uid, gid)
    }
}

/// Reads a child's output line by line as it comes.
public final class LineReader {
    let handle: FileHandle
    var buffer = Data()
    public private(set) var lines: [String] = []
    public init(_ handle: FileHandle) { self.handle = handle }

    /// Blocks until `count` lines starting with `prefix` were read; false at end of file before that.
    public func waitFor(_ count: Int, startingWith prefix: String) -> Bool {
        while lines.filter({ $0.hasPrefix(prefix) }).count < count {
            let chunk = handle.availableData
            if chunk.isEmpty { return false }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: 0x0A) {
                lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                buffer.removeSubrange(buffer.startIndex...newline)
            }
        }
        return true
    }

    /// Reads to end of file; returns every line read.
    public func drain() -> [String] {
        buffer.append(handle.readDataToEndOfFile())
        lines += String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
        buffer = Data()
        return lines
    }
}

/// The bytes a terminal acts on, looked for in the UTF-8 a program would write. Written from the
/// standards (ECMA-48 for C0/C1, Unicode's bidi and format characters), not from telex's
/// sanitiser, so the tests that use it check the sanitiser rather than repeat it.
public enum TerminalBytes {
    /// Each acting sequence found, as "XX XX at offset": C0 controls and DEL (00–1F, 7F); C1
    /// controls in UTF-8 (C2 80–C2 9F: CSI is C2 9B); ALM (D8 9C); LRM and RLM (E2 80 8E–8F); the line
    /// and paragraph separators (E2 80 A8–A9); LRE, RLE, PDF, LRO, RLO (E2 80 AA–AE); LRI, RLI, FSI,
    /// PDI (E2 81 A6–A9); interlinear annotation marks (EF BF B9–BB).
    public static func acting(in text: String, allowingNewlines: Bool = false) -> [String] {
        let b = Array(text.utf8)
        var found: [String] = []
        func hex(_ range: Range<Int>) -> String { b[range].map { String($0, radix: 16, uppercase: true) }.joined(separator: " ") }
        var i = 0
        while i < b.count {
            let next = i + 1 < b.count ? b[i + 1] : 0, third = i + 2 < b.count ? b[i + 2] : 0
            var length = 0
            if b[i] < 0x20 || b[i] == 0x7F { length = allowingNewlines && b[i] == 0x0A ? 0 : 1 }
            else if b[i] == 0xC2 && (0x80...0x9F).contains(next) { length = 2 }
            else if b[i] == 0xD8 && next == 0x9C { length = 2 }
            else if b[i] == 0xE2 && next == 0x80 && ([0x8E, 0x8F] + Array(0xA8...0xAE)).contains(third) { length = 3 }
            else if b[i] == 0xE2 && next == 0x81 && (0xA6...0xA9).contains(third) { length = 3 }
            else if b[i] == 0xEF && next == 0xBF && (0xB9...0xBB).contains(third) { length = 3 }
            if length > 0 { found.append("\(hex(i..<i + length)) at \(i)"); i += length } else { i += 1 }
        }
        return found
    }
}
