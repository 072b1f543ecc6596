import ArgumentParser
import Foundation

/// telex-fixture-server, the project's test server, as a child process: `telex demo` serves the sample
/// edition with it. It is an executable of its own (its
/// HTTP server library would bring URLSession and libcurl into every start of the reader) installed
/// beside `telex`.
final class FixtureServerProcess {
    let base: URL
    private let process: Process
    private let directory: String
    private let lifeline: Pipe

    /// Where telex-fixture-server is: beside this executable (the build directory, `make install`'s bin),
    /// else in ../lib/telex (a packager's choice); nil when neither exists.
    static var executable: String? {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        return [me.appendingPathComponent("telex-fixture-server"),
                me.deletingLastPathComponent().appendingPathComponent("lib/telex/telex-fixture-server")]
            .map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts the server with `arguments` and waits (at most 30 s) until it listens.
    init(_ arguments: [String]) throws {
        guard let executable = Self.executable else {
            throw ValidationError("telex-fixture-server is not installed beside telex (make install puts it there)")
        }
        let directory = NSTemporaryDirectory() + "telex-server-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let urlFile = directory + "/url"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + ["--url-file", urlFile, "--exit-with-parent"]
        process.standardOutput = FileHandle.nullDevice
        // The server reads this pipe until it ends: when this process dies, of a signal too, so does the server.
        let lifeline = Pipe()
        process.standardInput = lifeline
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while true {
            if let text = try? String(contentsOfFile: urlFile, encoding: .utf8), !text.isEmpty, let url = URL(string: text) {
                base = url
                break
            }
            guard process.isRunning, Date() < deadline else {
                Self.stop(process, directory)
                throw ValidationError("telex-fixture-server did not start listening on 127.0.0.1")
            }
            usleep(10_000)
        }
        self.process = process
        self.directory = directory
        self.lifeline = lifeline
    }

    func stop() { Self.stop(process, directory) }

    private static func stop(_ process: Process, _ directory: String) {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }
}

/// `telex _fixture-server ARGS`: runs telex-fixture-server with ARGS in this process's place (the scripts
/// and tests name the server through the telex binary they test).
struct FixtureServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_fixture-server",
        abstract: "Run telex-fixture-server (a fixture site on 127.0.0.1 for benchmarks and end-to-end tests).",
        shouldDisplay: false)

    @Argument(parsing: .captureForPassthrough, help: "Its arguments (see telex-fixture-server --help).")
    var arguments: [String] = []

    func run() throws {
        guard let executable = FixtureServerProcess.executable else {
            throw ValidationError("telex-fixture-server is not installed beside telex")
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        execv(executable, argv)
        throw ValidationError("cannot run \(executable): \(String(cString: strerror(errno)))")
    }
}
