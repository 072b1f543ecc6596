import Foundation
import TelexScreen
import TelexUI

/// The front end's loop: one dedicated thread that owns the backend (so curses is called from one
/// thread only) and never blocks Swift's async pool. Each turn polls stdin and the wake pipe,
/// reads every ready key, drains the action queue, reduces, renders and draws the difference.
public final class TerminalLoop {
    public let queue: ActionQueue
    private let backend: ScreenBackend
    private let runner: EffectRunner
    public private(set) var state: AppState
    /// How long poll waits with nothing to do; a tick keeps ages and progress fresh.
    private let tickMilliseconds: Int32
    /// How `o` opens pages and `y` copies URLs (both need the terminal, so the loop runs them).
    public var browser = BrowserLauncher()
    public var clipboard = Clipboard(osc52: false)

    public init(backend: ScreenBackend, state: AppState, runner: EffectRunner, queue: ActionQueue = ActionQueue(),
                tickMilliseconds: Int32 = 1000) {
        self.backend = backend; self.state = state; self.runner = runner; self.queue = queue
        self.tickMilliseconds = tickMilliseconds
    }

    /// Runs the loop on the calling thread until the state quits or input ends.
    public func run(initialEffects: [Effect] = []) {
        let size = backend.size
        apply(.tick(Date()))
        apply(.resized(width: size.width, height: size.height))
        perform(initialEffects)
        backend.draw(RootView.render(state))
        while !state.isQuitting {
            var fds = [pollfd(fd: backend.inputDescriptor, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: queue.pipe[0], events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, nfds_t(fds.count), tickMilliseconds)
            if ready < 0 && errno != EINTR { break }
            var actions: [Action] = []
            let inputReady = fds[0].revents != 0
            // Also read after a signal or a timeout: curses reports a resize as a key.
            if backend.inputDescriptor < 0 || inputReady || ready <= 0 {
                guard let keys = backend.readKeys(inputReady: inputReady) else { break }
                for key in keys {
                    if key == .resize {
                        let s = backend.size
                        actions.append(.resized(width: s.width, height: s.height))
                    }
                    actions.append(.key(key))
                }
            }
            actions += queue.drain()
            // Many cache changes between two frames cost one re-query.
            if let last = actions.lastIndex(of: .cacheChanged) {
                actions = actions.enumerated().filter { $0.element != .cacheChanged || $0.offset == last }.map(\.element)
            }
            if ready == 0 { actions.append(.tick(Date())) }
            for action in actions where !state.isQuitting { apply(action) }
            if state.isQuitting { break }
            backend.draw(RootView.render(state))
        }
    }

    private func apply(_ action: Action) {
        perform(reduce(&state, action))
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .terminal(let t): performOnTerminal(t)
            case .io(let io):
                let queue = self.queue
                runner.perform(io) { queue.post($0) }
            }
        }
    }

    /// The one interpreter of terminal effects. Only what needs the terminal runs on this thread
    /// (a console browser, the OSC 52 write, suspending); starting a graphical browser or running a
    /// clipboard tool goes to a background queue and reports back, so a slow tool never freezes
    /// the screen.
    private func performOnTerminal(_ effect: TerminalEffect) {
        let queue = self.queue
        switch effect {
        case .quit:
            state.isQuitting = true
        case .suspend:
            suspend()
        case .openInBrowser(let url):
            switch browser.launch(url) {
            case .console(let plan):
                let backend = self.backend
                apply(.notice(BrowserLauncher.runConsole(plan, suspend: { body in backend.suspend(body) })))
            case .detached(let plan):
                DispatchQueue.global(qos: .userInitiated).async { queue.post(.notice(BrowserLauncher.startDetached(plan))) }
            case .refused(let text):
                apply(.failed(text))
            }
        case .copyToClipboard(let text):
            switch clipboard.method {
            case .osc52:
                backend.setClipboard(base64: Clipboard.osc52Payload(text))
                apply(.notice("Copied " + text))
            case .command(let argv):
                DispatchQueue.global(qos: .userInitiated).async { queue.post(.notice(Clipboard.runCommand(argv, text: text))) }
            case .showOnly:
                apply(.notice("Copy by hand: " + text))
            }
        case .notify(let notice):
            backend.notify(notice)
        }
    }

    /// Ctrl-Z: give the terminal back and stop; `fg` continues here, then redraw at the new size.
    /// `raise` stops this very thread before it returns: `kill(getpid(), ...)` let the kernel stop
    /// another thread first, and this one often ran on and took the terminal back (alternate
    /// screen, mouse) before the stop reached it, leaving the shell on telex's screen.
    private func suspend() {
        backend.suspend { _ = raise(SIGSTOP) }
        let s = backend.size
        apply(.resized(width: s.width, height: s.height))
        apply(.tick(Date()))
    }

    /// Runs `body` on a new thread made for the terminal and waits for it: the caller's thread
    /// (often the main thread) stays out of curses.
    public static func onDedicatedThread(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { body(); done.signal() }
        thread.name = "telex-terminal"
        thread.stackSize = 8 << 20
        thread.start()
        done.wait()
    }
}
