@preconcurrency import CNcursesw
import Glibc
import TelexScreen

public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)
    public var description: String {
        switch self {
        case .notATerminal: return "standard input and output must be a terminal to run the reader (try `telex list` or `telex read` for plain output)"
        case .unknownTerminal(let t): return "unknown terminal type \"\(t)\": set TERM to a type this system knows (for example xterm-256color)"
        }
    }
}

/// The ncursesw implementation of `ScreenBackend`. All calls happen on the loop's thread.
public final class CursesBackend: ScreenBackend {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var lastDrawn: ScreenBuffer?
    private let useColor: Bool
    /// The terminal takes 24-bit colours as colour numbers (terminfo `RGB`, as xterm-direct describes).
    private let directColor: Bool
    private var pairs: [ColorPairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private var consecutiveEmptyReads = 0
    private var mouseReports = MouseReportDecoder()
    private var ended = false

    /// Takes over the terminal. `colors: false` honours `NO_COLOR` and the `color` setting.
    public init(colors: Bool) throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError.notATerminal }
        Self.selectUTF8Locale()
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard let s = newterm(nil, stdout, stdin) else { throw TerminalError.unknownTerminal(term) }
        screen = s
        set_term(s)
        window = telex_stdscr()
        cbreak(); noecho(); nonl()
        Self.disableSuspendCharacter()
        intrflush(window, false)
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(25)
        curs_set(0)
        // No insert/delete-character shortcuts: they would slide OSC 8 hyperlinks (HyperlinkWriter)
        // along a row behind the frame diff's back.
        idcok(window, false)
        // doupdate finishes every frame (no early stop when keys are waiting), so what curses drew is
        // the frame the hyperlinks were written over.
        typeahead(-1)
        if colors && has_colors() {
            start_color()
            use_default_colors()
            useColor = true
        } else {
            useColor = false
        }
        directColor = useColor && telex_COLORS() >= 1 << 24
        // The mouse is ours, not ncurses': its decoder follows terminfo, which gives `screen` and `tmux`
        // types X10 reports (no column past 223). Removing `kmous` makes reports arrive as keys, which
        // `MouseReportDecoder` reads; `mouseOn` asks for SGR reports.
        define_key(nil, KEY_MOUSE)
        Self.writeOut(Self.mouseOn)
        FatalSignals.install()
    }

    /// Ctrl-Z arrives as a key (the loop suspends on its own thread, outside any signal handler):
    /// the terminal's suspend character is disabled in curses' program mode. `endwin` restores the
    /// shell's settings, so the shell keeps its Ctrl-Z.
    static func disableSuspendCharacter() {
        var t = termios()
        guard tcgetattr(0, &t) == 0 else { return }
        withUnsafeMutableBytes(of: &t.c_cc) { $0[Int(VSUSP)] = 0 }  // _POSIX_VDISABLE is 0 on Linux
        tcsetattr(0, TCSANOW, &t)
        def_prog_mode()
    }

    /// curses needs a UTF-8 locale to draw anything but ASCII; a non-UTF-8 one falls back to C.UTF-8.
    static func selectUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().filter({ $0 != "-" }) != "UTF8" {
            setlocale(LC_ALL, "C.UTF-8")
        }
    }

    /// Presses, releases and the wheel (mode 1000; no motion: mode 1003 floods the input in tmux),
    /// reported in the SGR form (mode 1006).
    static let mouseOn = "\u{1B}[?1000h\u{1B}[?1006h"
    static let mouseOff = "\u{1B}[?1006l\u{1B}[?1000l"

    public var size: (width: Int, height: Int) { (Int(getmaxx(window)), Int(getmaxy(window))) }
    public var inputDescriptor: Int32 { 0 }

    public func readKeys(inputReady: Bool) -> [Key]? {
        if ended || FatalSignals.pendingTermination != 0 { return nil }
        var keys = mouseReports.decode(readReadyKeys())
        // A mouse report cut between two reads: its rest is on the way (a terminal writes a report at
        // once), so wait a moment for it rather than hand its first bytes over as keys.
        var waits = 0
        while mouseReports.isWaiting {
            var fd = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            if waits < 4, poll(&fd, 1, 25) > 0 { keys += mouseReports.decode(readReadyKeys()) } else { keys += mouseReports.flush() }
            waits += 1
        }
        // poll said stdin was readable, yet nothing could be read: end of file. Several in a row
        // end the loop (under CI stdin is at EOF and would spin forever).
        if keys.isEmpty && inputReady {
            consecutiveEmptyReads += 1
            if consecutiveEmptyReads >= 8 { ended = true; return nil }
        } else if !keys.isEmpty {
            consecutiveEmptyReads = 0
        }
        if keys.contains(.resize) { lastDrawn = nil }
        return keys
    }

    /// Every key ncurses has ready, without waiting.
    private func readReadyKeys() -> [Key] {
        var keys: [Key] = []
        var ch: wint_t = 0
        while true {
            let r = wget_wch(window, &ch)
            if r == ERR { break }
            if r == KEY_CODE_YES {
                if let k = Self.translate(function: Int32(ch)) { keys.append(k) }
            } else {
                keys.append(Self.translate(character: UInt32(ch)))
            }
        }
        return keys
    }

    /// A character `wget_wch` read. Control characters become `.ctrl` with their caret letter
    /// (Ctrl-A is 1, Ctrl-@ is 0, Ctrl-\ is 28), except the ones with keys of their own.
    static func translate(character c: UInt32) -> Key {
        switch c {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(c + 96)!))
        case 0, 28...31: return .ctrl(Character(Unicode.Scalar(c + 64)!))
        default: return .character(Character(Unicode.Scalar(c) ?? "\u{FFFD}"))
        }
    }

    /// A function key code `wget_wch` returned with KEY_CODE_YES; nil for keys telex has no use for
    /// (mouse reports arrive as characters: see `MouseReportDecoder`).
    static func translate(function code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_RESIZE: return .resize
        default:
            if code >= telex_KEY_F(1) && code <= telex_KEY_F(12) { return .function(Int(code - telex_KEY_F(0))) }
            return nil
        }
    }

    public func draw(_ buffer: ScreenBuffer) {
        if lastDrawn == nil || lastDrawn!.width != buffer.width || lastDrawn!.height != buffer.height {
            wclear(window)
            lastDrawn = nil
        }
        let previous = lastDrawn
        let runs = ScreenDiff.changes(from: lastDrawn, to: buffer)
        for run in runs {
            wmove(window, Int32(run.y), Int32(run.x))
            for cell in run.cells where !cell.isContinuation {
                put(cell)
            }
        }
        if let c = buffer.cursor {
            curs_set(1)
            wmove(window, Int32(c.y), Int32(c.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        if !buffer.hyperlinks.isEmpty || previous?.hyperlinks.isEmpty == false {
            let writer = HyperlinkWriter(useColor: useColor, colors: Int(telex_COLORS()), directColor: directColor)
            let out = writer.output(previous: previous, current: buffer, changes: runs,
                                    cursor: (Int(getcurx(window)), Int(getcury(window))))
            if !out.isEmpty { Self.writeOut(out) }
        }
        lastDrawn = buffer
    }

    private func put(_ cell: Cell) {
        let attrs = attributes(cell.style)
        let pair = colorPair(cell.style)
        var wide = Array(cell.glyph.text.unicodeScalars.prefix(Int(CCHARW_MAX)).map { wchar_t(bitPattern: $0.value) })
        if wide.isEmpty { wide = [wchar_t(32)] }
        wide.append(0)
        // The pair goes through `opts` (an int), so pairs past 32767 and direct colours work.
        var extended = pair
        var cc = cchar_t()
        setcchar(&cc, wide, attrs, 0, &extended)
        wadd_wch(window, &cc)
        if cell.glyph.padding > 0 {
            var space = cchar_t()
            let sp: [wchar_t] = [32, 0]
            setcchar(&space, sp, attrs, 0, &extended)
            for _ in 0..<cell.glyph.padding { wadd_wch(window, &space) }
        }
    }

    private func attributes(_ style: Style) -> attr_t {
        var a = telex_A_NORMAL()
        let s = style.attributes
        if s.contains(.bold) { a |= telex_A_BOLD() }
        if s.contains(.dim) { a |= telex_A_DIM() }
        if s.contains(.underline) { a |= telex_A_UNDERLINE() }
        if s.contains(.reverse) { a |= telex_A_REVERSE() }
        if s.contains(.italic) { a |= telex_A_ITALIC() }
        return a
    }

    private struct ColorPairKey: Hashable { var fg: Int32; var bg: Int32 }

    private func colorPair(_ style: Style) -> Int32 {
        guard useColor else { return 0 }
        let colors = telex_COLORS()
        func index(_ c: Color) -> Int32 {
            switch c {
            case .default: return -1
            case .indexed(let i) where directColor && i >= 8:
                let (r, g, b) = Color.rgbOfIndexed(i)
                return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
            case .indexed(let i): return Int32(i) < colors ? Int32(i) : Int32(i % 8)
            case .rgb(let r, let g, let b):
                if directColor { return Int32(r) << 16 | Int32(g) << 8 | Int32(b) }
                if colors >= 256 { return Int32(Color.nearestIndexed(r, g, b)) }
                // Eight colours: each channel on or off.
                return (r > 127 ? 1 : 0) | (g > 127 ? 2 : 0) | (b > 127 ? 4 : 0)
            }
        }
        let key = ColorPairKey(fg: index(style.foreground), bg: index(style.background))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let p = pairs[key] { return p }
        guard Int32(nextPair) < telex_COLOR_PAIRS() else { return 0 }
        let p = nextPair
        nextPair += 1
        init_extended_pair(p, key.fg, key.bg)
        pairs[key] = p
        return p
    }

    public func setClipboard(base64: String) {
        // Only the base64 alphabet goes out, between frames, so curses' idea of the screen holds.
        guard base64.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=") }) else { return }
        Self.writeOut("\u{1B}]52;c;" + base64 + "\u{07}")
    }

    public func notify(_ notice: TerminalNotice) {
        Self.writeOut(notice.sequence)
    }

    /// Writes bytes to the terminal past curses (which has flushed its own by then: `doupdate` and
    /// `endwin` write everything before they return).
    static func writeOut(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if n > 0 { offset += n } else if errno != EINTR && errno != EAGAIN { break }
        }
    }

    public func suspend(_ body: () -> Void) {
        Self.writeOut(Self.mouseOff)
        def_prog_mode()
        endwin()
        // endwin's last bytes (leaving the alternate screen) must be out before the process stops.
        fflush(stdout)
        body()
        reset_prog_mode()
        Self.writeOut(Self.mouseOn)
        lastDrawn = nil
        wrefresh(window)
    }

    public func shutdown() {
        Self.writeOut(Self.mouseOff)
        endwin()
        delscreen(screen)
        FatalSignals.endIfTerminated()
    }
}
