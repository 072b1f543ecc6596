import Foundation

/// Starts child processes with `posix_spawnp`: argv only, never a shell.
enum ProcessSpawner {
    /// Runs argv with the terminal (stdin/out/err inherited) and waits; returns the exit status (-1 when it could not start).
    static func runAndWait(_ argv: [String]) -> Int32 {
        guard let pid = spawn(argv, detached: false) else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }

    /// Starts argv in its own process group with stdin, stdout and stderr on /dev/null; a thread
    /// reaps it. Returns an error message when it could not start.
    static func spawnDetached(_ argv: [String]) -> String? {
        guard let pid = spawn(argv, detached: true) else { return String(cString: strerror(errno)) }
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        return nil
    }

    private static func spawn(_ argv: [String], detached: Bool) -> pid_t? {
        guard !argv.isEmpty else { return nil }
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer { posix_spawn_file_actions_destroy(&actions); posix_spawnattr_destroy(&attributes) }
        if detached {
            for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
            // Its own process group: Ctrl-C or Ctrl-Z in telex's terminal does not reach it.
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in cArgs + cEnv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attributes, &cArgs, &cEnv)
        if rc != 0 { errno = rc; return nil }
        return pid
    }
}

extension ProcessSpawner {
    /// Runs argv with `input` on its stdin and its output discarded; true when it exits 0.
    static func runFeeding(_ argv: [String], input: Data) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        let pipe = Pipe()
        p.standardInput = pipe
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        // A tool that exits without reading (not found by env, or broken) must not take telex down with
        // SIGPIPE: the write fails with EPIPE instead, and the copy reports failure.
        signal(SIGPIPE, SIG_IGN)
        try? pipe.fileHandleForWriting.write(contentsOf: input)
        try? pipe.fileHandleForWriting.close()
        // xclip stays running to serve the selection: do not wait for it beyond a moment.
        let deadline = Date().addingTimeInterval(0.5)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        return p.isRunning || p.terminationStatus == 0
    }
}
