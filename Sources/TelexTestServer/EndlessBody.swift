import FlyingFox
import FlyingSocks

/// A body that never ends: the same 64 KiB of text again and again, until the client goes away.
struct EndlessBody: AsyncBufferedSequence {
    typealias Element = UInt8
    static let block = [UInt8](String(repeating: "<item><title>again</title></item>\n", count: 1928).utf8)

    func makeAsyncIterator() -> Iterator { Iterator() }

    struct Iterator: AsyncBufferedIteratorProtocol {
        mutating func next() async throws -> UInt8? { EndlessBody.block[0] }
        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            try Task.checkCancellation()
            return EndlessBody.block[...]
        }
    }
}

/// A body that never ends and never hurries: one byte every `interval`, until the client goes away.
struct DripBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let interval: Duration

    func makeAsyncIterator() -> Iterator { Iterator(interval: interval) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let interval: Duration
        mutating func next() async throws -> UInt8? {
            try await Task.sleep(for: interval)
            return UInt8(ascii: "<")
        }
        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            try await Task.sleep(for: interval)
            return [UInt8(ascii: "<")][...]
        }
    }
}
