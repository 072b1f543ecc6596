import Foundation
import TelexUI

/// Where effects and signals post actions for the terminal thread: a locked queue plus a wake pipe
/// the loop polls beside stdin, so posting never blocks and never touches curses.
public final class ActionQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Action] = []
    /// [read end, write end], both non-blocking.
    let pipe: [Int32]

    public init() {
        var fds: [Int32] = [-1, -1]
        if Glibc.pipe(&fds) != 0 { fatalError("pipe() failed: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        pipe = fds
    }

    deinit { close(pipe[0]); close(pipe[1]) }

    /// Queues an action and wakes the loop. Safe from any thread.
    public func post(_ action: Action) {
        lock.lock(); pending.append(action); lock.unlock()
        wake()
    }

    func wake() {
        var byte: UInt8 = 1
        _ = write(pipe[1], &byte, 1)  // A full pipe already means "wake up": ignoring EAGAIN is right.
    }

    /// Everything posted so far, in order.
    func drain() -> [Action] {
        var buf = [UInt8](repeating: 0, count: 256)
        while read(pipe[0], &buf, buf.count) > 0 {}
        lock.lock(); defer { lock.unlock() }
        let out = pending
        pending.removeAll(keepingCapacity: true)
        return out
    }
}
