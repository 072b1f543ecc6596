/// Turns xterm mouse reports, which reach the program as ordinary keys (Escape, `[`, ...), into
/// `Key.mouse` events: the one place that reads the terminal's mouse encoding.
///
/// The reader asks for SGR reports (mode 1006: `CSI < Cb ; Cx ; Cy M` for a press, `m` for a
/// release, coordinates in decimal from 1), which work at any column; the X10 form (`CSI M` and three
/// characters of value + 32) is still read, for terminals that ignore mode 1006, up to the columns
/// it can express. ncurses' own decoding is not used: it picks the encoding from terminfo (`XM`,
/// `kmous`), which for `screen` and `tmux` types is X10, and X10 cannot say a column past 223.
///
/// A report cut between two reads is held (`isWaiting`) until the rest arrives or `flush` gives
/// its keys back as typed.
public struct MouseReportDecoder: Sendable {
    private var pending: [Key] = []

    public init() {}

    /// A report has begun but not ended: read again soon, or `flush`.
    public var isWaiting: Bool { !pending.isEmpty }

    /// The keys with every complete report replaced by its event (reports of other buttons or of
    /// motion are dropped); the start of a report at the end is held back.
    public mutating func decode(_ keys: [Key]) -> [Key] {
        let input = pending + keys
        pending = []
        var out: [Key] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            guard input[i] == .escape else { out.append(input[i]); i += 1; continue }
            switch Self.parse(input, from: i) {
            case .report(let event, let end):
                if let event { out.append(.mouse(event)) }
                i = end
            case .incomplete:
                pending = Array(input[i...])
                return out
            case .notAReport:
                out.append(input[i]); i += 1
            }
        }
        return out
    }

    /// Gives up on a held report: its keys, as typed.
    public mutating func flush() -> [Key] {
        defer { pending = [] }
        return pending
    }

    private enum Parse { case report(MouseEvent?, end: Int), incomplete, notAReport }

    private static func parse(_ keys: [Key], from start: Int) -> Parse {
        var i = start + 1
        func next() -> Character? {
            guard i < keys.count else { return nil }
            guard case .character(let c) = keys[i] else { return "\u{0}" }
            i += 1
            return c
        }
        // Escape last: the keyboard layer has already waited for what would follow it (ncurses'
        // ESCDELAY), so it is the Escape key, not a report's start.
        guard let bracket = next() else { return .notAReport }
        guard bracket == "[" else { return .notAReport }
        guard let kind = next() else { return .incomplete }
        switch kind {
        case "<":
            // CSI < Cb ; Cx ; Cy (M|m): three decimal numbers of at most 5 digits.
            var numbers: [Int] = []
            var value = 0, digits = 0
            while true {
                guard let c = next() else { return .incomplete }
                if let d = c.wholeNumberValue, c.isASCII {
                    digits += 1
                    guard digits <= 5 else { return .notAReport }
                    value = value * 10 + d
                } else if c == ";" || c == "M" || c == "m" {
                    guard digits > 0 else { return .notAReport }
                    numbers.append(value); value = 0; digits = 0
                    if c == ";" { guard numbers.count < 3 else { return .notAReport }; continue }
                    guard numbers.count == 3 else { return .notAReport }
                    return .report(event(button: numbers[0], x: numbers[1] - 1, y: numbers[2] - 1, released: c == "m"), end: i)
                } else {
                    return .notAReport
                }
            }
        case "M":
            // X10: three characters, each a value + 32; button 3 is a release of any button.
            var values: [Int] = []
            while values.count < 3 {
                guard let c = next() else { return .incomplete }
                guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1, scalar.value >= 32 else { return .notAReport }
                values.append(Int(scalar.value) - 32)
            }
            let released = values[0] & 0b11 == 3 && values[0] & 64 == 0
            return .report(event(button: released ? 0 : values[0], x: values[1] - 1, y: values[2] - 1, released: released), end: i)
        default:
            return .notAReport
        }
    }

    /// Button 1 presses and releases and the wheel; motion and other buttons are no event.
    /// Modifier bits (4 Shift, 8 Meta, 16 Control) are ignored.
    static func event(button: Int, x: Int, y: Int, released: Bool) -> MouseEvent? {
        guard x >= 0, y >= 0, button & 32 == 0 else { return nil }
        let kind: MouseEvent.Kind
        switch (button & ~0b11100, released) {
        case (0, false): kind = .click
        case (0, true): kind = .release
        case (64, false): kind = .wheelUp
        case (65, false): kind = .wheelDown
        default: return nil
        }
        return MouseEvent(kind: kind, x: x, y: y)
    }
}
