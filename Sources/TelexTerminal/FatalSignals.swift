@preconcurrency import CNcursesw
import Glibc

/// Restores the terminal when the process dies of a fatal signal (a crash, or SIGINT/SIGTERM/SIGHUP
/// from outside), so the user's shell is never left in raw mode. (endwin is not async-signal-safe in theory; every curses program
/// does this because the alternative, a wrecked terminal, is worse.)
enum FatalSignals {
    nonisolated(unsafe) private static var installed = false

    static func install() {
        guard !installed else { return }
        installed = true
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { s in
                endwin()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
