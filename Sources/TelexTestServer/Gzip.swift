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

    /// A gzip stream of `count` zero bytes, compressed chunk by chunk (a bomb costs ~1/1000 of its size).
    public static func zeros(count: Int) -> [UInt8] {
        var stream = z_stream()
        guard telex_deflate_init(&stream, 9, 1) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        let chunk = [UInt8](repeating: 0, count: 1 << 16)
        var result: [UInt8] = []
        var out = [UInt8](repeating: 0, count: 1 << 16)
        var remaining = count
        repeat {
            let n = min(remaining, chunk.count)
            remaining -= n
            let flush = remaining == 0 ? Z_FINISH : Z_NO_FLUSH
            chunk.withUnsafeBufferPointer { input in
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
                } while stream.avail_out == 0
            }
        } while remaining > 0
        return result
    }
}
