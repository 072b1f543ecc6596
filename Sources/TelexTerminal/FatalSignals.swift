@preconcurrency import CNcursesw
import Glibc

/// Restores the terminal when the process dies of a fatal signal (a crash, or SIGINT/SIGQUIT from
/// outside), so the user's shell is never left in raw mode. (endwin is not async-signal-safe in theory;
/// every curses program does this because the alternative, a wrecked terminal, is worse.)
///
/// SIGHUP (the terminal went away: a closed window, `tmux kill-server`, a dropped ssh) and SIGTERM ask
/// the reader to end instead: the handler only records the signal, the loop ends at its next turn
/// (`CursesBackend.readKeys` reports the end of input), the reader saves your place, and
/// `CursesBackend.shutdown` then dies of the same signal, so the exit status still says what happened.
/// Killed at once, a hangup used to land between writing place.json's temporary file and renaming it:
/// the place was lost and the temporary file left beside the cache. A second such signal kills at once.
enum FatalSignals {
    nonisolated(unsafe) private static var installed = false
    /// The SIGHUP or SIGTERM that asked the program to end, or 0 (written only by the handler).
    nonisolated(unsafe) static var pendingTermination: Int32 = 0

    static func install() {
        guard !installed else { return }
        installed = true
        pendingTermination = 0  // initialised here, never first touched inside a handler
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGINT, SIGQUIT] {
            signal(sig) { s in
                FatalSignals.restoreMouse()
                endwin()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
        for sig in [SIGHUP, SIGTERM] {
            signal(sig) { s in
                if FatalSignals.pendingTermination == 0 {
                    FatalSignals.pendingTermination = s
                    return
                }
                FatalSignals.restoreMouse()
                endwin()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }

    /// Turns the mouse reports off (the backend, not curses, turned them on); a static literal and
    /// `write`, nothing that allocates.
    static func restoreMouse() {
        _ = "\u{1B}[?1006l\u{1B}[?1000l".withCString { write(1, $0, 16) }
    }

    /// After the terminal is restored: dies of the SIGHUP or SIGTERM that ended the program, if one did.
    static func endIfTerminated() {
        let s = pendingTermination
        guard s != 0 else { return }
        signal(s, SIG_DFL)
        raise(s)
    }
}
