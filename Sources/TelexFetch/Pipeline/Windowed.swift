/// Runs `work` over `inputs` concurrently, at most `window` at once, and hands each output to
/// `consume` on the caller's task as it arrives. The next input starts before an output is consumed
/// (the consumer may be a slow write), so at most `window + 1` results exist at any moment.
///
/// Not a plain task group over every input: downloads outrun parsing, extraction and the single
/// writer, so finished-but-unconsumed results would pile up (a cold pass of 300 feeds peaked at
/// 113 MB that way). With a window, memory is bounded by the window whatever the input count.
///
/// With a `ticker`, `tick` also runs on the caller's task every `interval` seconds of its clock while
/// work is in flight (the writer commits what waits, even while every task waits on a slow server).
/// No input starts once the task is cancelled or `stop` says so.
func forEachWindowed<Input: Sendable, Output: Sendable>(
    _ inputs: [Input], window: Int, ticker: (clock: any FetchClock, interval: Double)? = nil,
    stop: () -> Bool = { false },
    work: @escaping @Sendable (Input) async -> Output, consume: (Output) -> Void, tick: () -> Void = {}
) async {
    typealias Event = WindowEvent<Output>
    var pending = inputs[...]
    await withTaskGroup(of: Event.self) { group in
        var running = 0
        func startNext() {
            guard !Task.isCancelled, !stop(), let input = pending.popFirst() else { return }
            running += 1
            group.addTask { .output(await work(input)) }
        }
        func startTicker() {
            guard let ticker else { return }
            group.addTask {
                try? await ticker.clock.sleep(for: ticker.interval)
                return .tick
            }
        }
        for _ in 0..<max(1, window) { startNext() }
        if running > 0 { startTicker() }
        while running > 0, let event = await group.next() {
            switch event {
            case .output(let output):
                running -= 1
                startNext()
                consume(output)
            case .tick:
                tick()
                if running > 0 { startTicker() }
            }
        }
        // The ticker, if one still sleeps.
        group.cancelAll()
    }
}

/// What a windowed loop's child task returns.
enum WindowEvent<Output: Sendable>: Sendable {
    case output(Output)
    case tick
}
