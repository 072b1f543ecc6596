/// Runs `work` over `inputs` concurrently, at most `window` at once, and hands each output to
/// `consume` on the caller's task as it arrives. The next input starts before an output is consumed
/// (the consumer may be a slow write), so at most `window + 1` results exist at any moment.
///
/// Not a plain task group over every input: downloads outrun parsing, extraction and the single
/// writer, so finished-but-unconsumed results would pile up (a cold pass of 300 feeds peaked at
/// 113 MB that way). With a window, memory is bounded by the window whatever the input count.
func forEachWindowed<Input: Sendable, Output: Sendable>(
    _ inputs: [Input], window: Int, work: @escaping @Sendable (Input) async -> Output, consume: (Output) -> Void
) async {
    var pending = inputs[...]
    await withTaskGroup(of: Output.self) { group in
        func startNext() {
            guard let input = pending.popFirst() else { return }
            group.addTask { await work(input) }
        }
        for _ in 0..<max(1, window) { startNext() }
        while let output = await group.next() {
            startNext()
            consume(output)
        }
    }
}
