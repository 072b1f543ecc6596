import CZlib

/// zlib compression for the server's `Content-Encoding: gzip` / `deflate` responses.
public enum Gzip {
    /// Compresses `bytes` with a gzip wrapper (or a zlib wrapper, the HTTP "deflate" coding).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6, gzip: Bool = true) -> [UInt8] {
        var stream = z_stream()
        guard telex_deflate_init(&stream, level, gzip ? 1 : 0) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        let produced: Int = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                _ = deflate(&stream, Z_FINISH)
                return out.count - Int(stream.avail_out)
            }
        }
        return Array(output[..<produced])
    }

    /// A gzip stream of `count` zero bytes: a bomb (1 GiB of zeros from about 1 MB) made in
    /// milliseconds. After a full flush deflate's output no longer depends on what came before, so
    /// the compressed form of one MiB of zeros is written once and repeated; the trailer (CRC-32
    /// and length of the whole) is computed with `crc32_combine`. Inflaters check that trailer, so
    /// the stream is valid end to end.
    public static func zeros(count: Int) -> [UInt8] {
        let block = 1 << 20
        let zeros = [UInt8](repeating: 0, count: block)
        if count <= 4 * block { return compress([UInt8](repeating: 0, count: count), level: 9) }
        var stream = z_stream()
        guard telex_deflate_init(&stream, 9, 1) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        func deflateZeros(_ n: Int, _ flush: Int32) -> [UInt8] {
            var result: [UInt8] = []
            var out = [UInt8](repeating: 0, count: 1 << 16)
            zeros.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(n)
                repeat {
                    let produced: Int = out.withUnsafeMutableBufferPointer { o in
                        stream.next_out = o.baseAddress
                        stream.avail_out = uInt(o.count)
                        _ = deflate(&stream, flush)
                        return o.count - Int(stream.avail_out)
                    }
                    result.append(contentsOf: out[..<produced])
                } while stream.avail_out == 0 || stream.avail_in > 0
            }
            return result
        }
        let blocks = count / block
        let rest = count % block
        let first = deflateZeros(block, Z_FULL_FLUSH)   // with the gzip header
        let middle = deflateZeros(block, Z_FULL_FLUSH)
        guard deflateZeros(block, Z_FULL_FLUSH) == middle else { return compress([UInt8](repeating: 0, count: count), level: 9) }
        var tail = deflateZeros(rest, Z_FINISH)
        tail.removeLast(8)  // zlib's trailer covers only what it saw
        var result = first
        result.reserveCapacity(first.count + middle.count * (blocks - 1) + tail.count + 8)
        for _ in 1..<blocks { result += middle }
        result += tail
        let blockCRC = zeros.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt(block)) }
        var crc = blockCRC
        for _ in 1..<blocks { crc = crc32_combine(crc, blockCRC, Int(block)) }
        if rest > 0 { crc = crc32_combine(crc, zeros.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt(rest)) }, Int(rest)) }
        let length = UInt32(truncatingIfNeeded: count)
        for value in [UInt32(truncatingIfNeeded: crc), length] {
            result += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
        }
        return result
    }
}
