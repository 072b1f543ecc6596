import Glibc
import TelexScreen

/// Asks the terminal which graphics protocols it speaks, before curses takes it (`images: auto`).
///
/// Three questions go out at once: kitty's graphics query (`a=q` on a 1×1 picture, id 31), XTVERSION
/// (`CSI > q`) and the primary device attributes (DA1, `CSI c`). Every terminal answers DA1, and
/// answers in order, so DA1's reply ends the wait: a kitty reply before it means kitty graphics,
/// attribute 4 in it means sixel. A terminal that answers nothing costs the timeout.
public enum TerminalGraphicsProbe {
    public static let kittyQuery = "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\"
    public static let query = kittyQuery + "\u{1B}[>q" + "\u{1B}[c"

    /// The questions for a terminal: inside tmux or screen, without kitty's, which they would take for
    /// a title (APC sets the pane's title in tmux, the hardstatus in screen); `images: kitty` reaches
    /// kitty through tmux's passthrough.
    public static func questions(environment: [String: String]) -> String {
        let term = environment["TERM"] ?? ""
        let multiplexed = environment["TMUX"] != nil || environment["STY"] != nil || term.hasPrefix("screen") || term.hasPrefix("tmux")
        return multiplexed ? "\u{1B}[>q" + "\u{1B}[c" : query
    }

    /// What the bytes the terminal sent back say (`complete`: DA1's reply was among them).
    public struct Answer: Equatable, Sendable {
        public var graphics: TerminalGraphics = []
        public var version: String?
        public var complete = false

        /// For the log: "kitty sixel, WezTerm 20240203" or "none (no reply)".
        public var summary: String {
            var names: [String] = []
            if graphics.contains(.kitty) { names.append("kitty") }
            if graphics.contains(.sixel) { names.append("sixel") }
            if graphics.contains(.iterm) { names.append("iterm") }
            var s = names.isEmpty ? "none" : names.joined(separator: " ")
            if let version { s += ", " + version }
            if !complete { s += " (no device attributes before the timeout)" }
            return s
        }
    }

    /// Reads the terminal's replies to `query`.
    public static func parse(_ bytes: [UInt8], termProgram: String? = nil) -> Answer {
        var answer = Answer()
        if termProgram == "iTerm.app" { answer.graphics.insert(.iterm) }
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x1B, i + 1 < bytes.count else { i += 1; continue }
            switch bytes[i + 1] {
            case UInt8(ascii: "_"):  // APC: kitty's reply "ESC _ G i=31;OK ESC \"
                guard let end = stringEnd(bytes, from: i + 2) else { return answer }
                let body = String(decoding: bytes[(i + 2)..<end], as: UTF8.self)
                if body.hasPrefix("Gi=31;") && body.hasSuffix(";OK") || body == "Gi=31;OK" { answer.graphics.insert(.kitty) }
                i = end + 2
            case UInt8(ascii: "P"):  // DCS: XTVERSION "ESC P > | name version ESC \"
                guard let end = stringEnd(bytes, from: i + 2) else { return answer }
                let body = String(decoding: bytes[(i + 2)..<end], as: UTF8.self)
                if body.hasPrefix(">|") {
                    let name = String(body.dropFirst(2).prefix(64).filter { $0.isASCII && ($0 == " " || $0.isLetter || $0.isNumber || $0.isPunctuation) })
                    answer.version = name
                    if name.hasPrefix("iTerm2") { answer.graphics.insert(.iterm) }
                }
                i = end + 2
            case UInt8(ascii: "["):  // CSI: DA1 is "ESC [ ? params c"
                var j = i + 2
                while j < bytes.count, (0x20...0x3F).contains(bytes[j]) { j += 1 }
                guard j < bytes.count else { return answer }
                if bytes[j] == UInt8(ascii: "c"), i + 2 < j, bytes[i + 2] == UInt8(ascii: "?") {
                    let params = String(decoding: bytes[(i + 3)..<j], as: UTF8.self).split(separator: ";")
                    if params.contains("4") { answer.graphics.insert(.sixel) }
                    answer.complete = true
                }
                i = j + 1
            default:
                i += 2
            }
        }
        return answer
    }

    /// The index of the ESC of the string terminator (ESC \) after `from`, nil when it has not arrived.
    static func stringEnd(_ bytes: [UInt8], from: Int) -> Int? {
        var k = from
        while k + 1 < bytes.count {
            if bytes[k] == 0x1B && bytes[k + 1] == UInt8(ascii: "\\") { return k }
            k += 1
        }
        return nil
    }

    /// Sends `query` on the terminal (standard output) and reads the replies from standard input for at
    /// most `timeoutMilliseconds`; nil when standard input and output are not a terminal.
    public static func ask(timeoutMilliseconds: Int = 500) -> Answer? {
        guard isatty(0) == 1, isatty(1) == 1 else { return nil }
        let termProgram = getenv("TERM_PROGRAM").map { String(cString: $0) }
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { $0[Int(VMIN)] = 0; $0[Int(VTIME)] = 0 }
        guard tcsetattr(0, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(0, TCSANOW, &saved) }
        var environment: [String: String] = [:]
        for name in ["TERM", "TMUX", "STY"] { if let v = getenv(name) { environment[name] = String(cString: v) } }
        let out = Array(questions(environment: environment).utf8)
        var written = 0
        while written < out.count {
            let n = out[written...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if n > 0 { written += n } else if errno != EINTR && errno != EAGAIN { return parse([], termProgram: termProgram) }
        }
        var replies: [UInt8] = []
        var clock = timespec()
        clock_gettime(CLOCK_MONOTONIC, &clock)
        let deadline = Int(clock.tv_sec) * 1000 + Int(clock.tv_nsec) / 1_000_000 + timeoutMilliseconds
        var buffer = [UInt8](repeating: 0, count: 1024)
        while replies.count < 16_384 {
            clock_gettime(CLOCK_MONOTONIC, &clock)
            let left = deadline - (Int(clock.tv_sec) * 1000 + Int(clock.tv_nsec) / 1_000_000)
            if left <= 0 { break }
            var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, Int32(left))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { break }
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            replies += buffer[0..<n]
            if parse(replies).complete { break }
        }
        return parse(replies, termProgram: termProgram)
    }
}
