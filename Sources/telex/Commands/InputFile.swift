import Foundation

/// The bytes of a file named on the command line, or of standard input for "-", read straight into one
/// array: `Array(Data(contentsOf:))` held the file twice at its peak (a 28.6 MB feed through `telex parse`
/// peaked at 80 MB, 51 MB read this way).
enum InputFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// At most `limit` bytes when given (a caller that refuses larger inputs reads one byte more, to know).
    static func bytes(_ path: String, limit: Int? = nil) throws -> [UInt8] {
        let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        let known = fstat(fd, &info) == 0
        if known, (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(description: "is a directory") }
        let expected = known && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(limit ?? Int.max, expected + 1))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while limit.map({ bytes.count < $0 }) ?? true {
            let want = min(chunk.count, (limit ?? Int.max) - bytes.count)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }
}
