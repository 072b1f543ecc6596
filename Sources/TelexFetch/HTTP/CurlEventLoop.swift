import CCurl
import Foundation
import Synchronization

/// The one thread that runs every transfer of a `CurlFetcher`: a libcurl multi handle driven by
/// `curl_multi_perform`, sleeping in `curl_multi_poll` (poll(2) on the transfers' sockets, libcurl's
/// next timer and a wake-up pipe) between events. No busy waiting and no thread per request: a
/// server that stalls costs nothing until one of its limits expires.
///
/// Transfers arrive and are cancelled through an inbox (any thread: it takes a lock and wakes the
/// poll); everything else, the easy handles and the libcurl callbacks, belongs to the loop thread.
final class CurlEventLoop: @unchecked Sendable {
    private enum Command {
        case add(CurlTransfer)
        case cancel(CurlTransfer)
    }

    private struct Inbox {
        var commands: [Command] = []
        var stopping = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    /// Transfers in the multi handle (loop thread only).
    private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    /// Loads libcurl (once per process: `telex_curl_load` also initialises its global state) and starts
    /// the loop's thread; the reason when libcurl cannot be loaded.
    static func start() -> Result<CurlEventLoop, HTTPFetchError> {
        if let failure = telex_curl_load() { return .failure(.connection(String(cString: failure))) }
        guard let loop = CurlEventLoop() else { return .failure(.connection("libcurl could not make a multi handle")) }
        return .success(loop)
    }

    private init?() {
        guard let multi = telex_curl_multi_init() else { return nil }
        self.multi = multi
        // The thread holds the loop until `stop()` ends it.
        let thread = Thread { [self] in run() }
        thread.name = "telex-http"
        thread.start()
    }

    /// Ends the thread: transfers still running end as cancelled.
    func stop() {
        inbox.withLock { $0.stopping = true }
        telex_curl_multi_wakeup(multi)
    }

    /// Runs `transfer` to its end. Cancelling the calling task removes the transfer at once.
    func perform(_ transfer: CurlTransfer) async -> CurlTransfer.Outcome {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                if !send(.add(transfer)) {
                    transfer.continuation = nil
                    continuation.resume(returning: CurlTransfer.Outcome(failure: .cancelled))
                }
            }
        } onCancel: {
            transfer.markCancelled()
            _ = send(.cancel(transfer))
        }
    }

    private func send(_ command: Command) -> Bool {
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.stopping else { return false }
            inbox.commands.append(command)
            return true
        }
        if accepted { telex_curl_multi_wakeup(multi) }
        return accepted
    }

    // MARK: The loop thread

    private func run() {
        while true {
            let (commands, stopping) = inbox.withLock { inbox in
                defer { inbox.commands = [] }
                return (inbox.commands, inbox.stopping)
            }
            for command in commands {
                switch command {
                case .add(let transfer):
                    if transfer.isCancelled {
                        transfer.finish(code: CURLE_ABORTED_BY_CALLBACK, failure: .cancelled)
                    } else {
                        transfer.lastActivity = Monotonic.seconds()
                        running[transfer.easy] = transfer
                        telex_curl_multi_add_handle(multi, transfer.easy)
                    }
                case .cancel(let transfer):
                    if running[transfer.easy] === transfer { end(transfer, code: CURLE_ABORTED_BY_CALLBACK, failure: .cancelled) }
                }
            }
            if stopping { break }
            var active: Int32 = 0
            telex_curl_multi_perform(multi, &active)
            collectFinished()
            let wait = expireIdleTransfers()
            telex_curl_multi_poll(multi, nil, 0, wait, nil)
        }
        for transfer in Array(running.values) { end(transfer, code: CURLE_ABORTED_BY_CALLBACK, failure: .cancelled) }
        telex_curl_multi_cleanup(multi)
    }

    private func collectFinished() {
        var left: Int32 = 0
        while let message = telex_curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                  let transfer = running[easy] else { continue }
            // The message does not outlive the removal of its handle: read it first.
            end(transfer, code: message.pointee.data.result)
        }
    }

    private func end(_ transfer: CurlTransfer, code: CURLcode, failure: HTTPFetchError? = nil) {
        running[transfer.easy] = nil
        telex_curl_multi_remove_handle(multi, transfer.easy)
        transfer.finish(code: code, failure: failure)
    }

    /// Ends transfers that received nothing for their idle timeout; returns how long the poll may
    /// sleep (milliseconds): until the next idle deadline, libcurl's own timers aside (the poll
    /// honours those itself), and an hour when nothing runs.
    private func expireIdleTransfers() -> Int32 {
        guard !running.isEmpty else { return 3_600_000 }
        let now = Monotonic.seconds()
        var next = Double.infinity
        for transfer in Array(running.values) {
            let deadline = transfer.lastActivity + transfer.setup.idleSeconds
            if deadline <= now {
                end(transfer, code: CURLE_OPERATION_TIMEDOUT, failure: .stalled(seconds: Int(transfer.setup.idleSeconds.rounded())))
            } else {
                next = min(next, deadline)
            }
        }
        guard next.isFinite else { return 0 }
        return Int32(min(3_600_000, max(1, ((next - now) * 1000).rounded(.up))))
    }
}
