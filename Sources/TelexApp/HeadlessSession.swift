import Foundation
import TelexScreen
import TelexUI

/// The front end without a terminal: reduce, perform the cache effects synchronously, render and
/// diff. For tests and the `_bench-ui` benchmark (the same work a key press costs in the reader,
/// less the terminal's own drawing).
public final class HeadlessSession {
    public private(set) var state: AppState
    public private(set) var frame: ScreenBuffer?
    /// Cells redrawn by the last frame (the size of the diff).
    public private(set) var lastChangedCells = 0
    /// Effects the cache runner does not perform (quit, refresh, browser), in order.
    public private(set) var otherEffects: [Effect] = []
    private let runner: CacheRunner

    public init(cache: any CacheReading, width: Int, height: Int, now: Date = Date()) {
        runner = CacheRunner(cache: cache)
        state = AppState(width: width, height: height)
        send(.tick(now))
        perform([.loadSections])
        render()
    }

    /// Applies one action and everything it leads to, then renders a frame.
    public func send(_ action: Action) {
        var queue = [action]
        while !queue.isEmpty {
            let effects = reduce(&state, queue.removeFirst())
            queue += collect(effects)
        }
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
            case .quit, .suspend, .refresh, .openInBrowser: otherEffects.append(effect)
            default: runner.run(effect) { actions.append($0) }
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
