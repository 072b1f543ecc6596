import Foundation
import TelexScreen
import TelexUI

/// The front end without a terminal: reduce, perform the I/O effects inline through the same
/// handler as the live reader (`CacheRunner`), render and diff. For tests and the `_bench-ui`
/// benchmark (the same work a key press costs in the reader, less the terminal's own drawing).
public final class HeadlessSession {
    public private(set) var state: AppState
    public private(set) var frame: ScreenBuffer?
    /// Cells redrawn by the last frame (the size of the diff).
    public private(set) var lastChangedCells = 0
    /// The terminal loop's effects (quit, suspend, browser, clipboard), in order: nothing runs them here.
    public private(set) var terminalEffects: [TerminalEffect] = []
    private let runner: CacheRunner

    public init(cache: any CacheReading, width: Int, height: Int, now: Date = Date()) {
        runner = CacheRunner(cache: cache, inline: true)
        state = AppState(width: width, height: height)
        send(.tick(now))
        perform([.loadSections])
        render()
    }

    /// Applies one action and everything it leads to, then renders a frame.
    public func send(_ action: Action) {
        perform(reduce(&state, action))
        render()
    }

    public func press(_ key: Key) { send(.key(key)) }

    private func perform(_ effects: [Effect]) {
        var queue = collect(effects)
        while !queue.isEmpty { queue += collect(reduce(&state, queue.removeFirst())) }
    }

    private func collect(_ effects: [Effect]) -> [Action] {
        var actions: [Action] = []
        for effect in effects {
            switch effect {
            case .terminal(let t): terminalEffects.append(t)
            case .io(let io): actions += runner.run(io)
            }
        }
        return actions
    }

    private func render() {
        let next = RootView.render(state)
        lastChangedCells = ScreenDiff.changes(from: frame, to: next).reduce(0) { $0 + $1.cells.count }
        frame = next
    }
}
