/// A terminal colour: the terminal's default, one of the 256 indexed colours, or a 24-bit colour
/// (drawn as such where the terminal has direct colour, else as the nearest indexed one).
public enum Color: Hashable, Sendable {
    case `default`
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.indexed(0), red = Color.indexed(1), green = Color.indexed(2)
    public static let yellow = Color.indexed(3), blue = Color.indexed(4), magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6), white = Color.indexed(7), gray = Color.indexed(8)

    /// The xterm 256-colour palette entry nearest to a 24-bit colour: the 6x6x6 cube (16–231) or the
    /// grey ramp (232–255), whichever is closer (the first 16 vary by terminal and are never picked).
    public static func nearestIndexed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let levels = [0, 95, 135, 175, 215, 255]
        func cube(_ v: UInt8) -> Int { levels.indices.min { abs(levels[$0] - Int(v)) < abs(levels[$1] - Int(v)) }! }
        let (ci, cj, ck) = (cube(r), cube(g), cube(b))
        let cubeColor = (levels[ci], levels[cj], levels[ck])
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = min(23, max(0, (average - 8 + 5) / 10))
        let grey = 8 + 10 * greyStep
        func distance(_ c: (Int, Int, Int)) -> Int {
            let dr = c.0 - Int(r), dg = c.1 - Int(g), db = c.2 - Int(b)
            return dr * dr + dg * dg + db * db
        }
        return distance((grey, grey, grey)) < distance(cubeColor) ? UInt8(232 + greyStep) : UInt8(16 + 36 * ci + 6 * cj + ck)
    }

    /// The colour xterm shows for palette entry `i` (for terminals that take only 24-bit colours beyond the first 8).
    public static func rgbOfIndexed(_ i: UInt8) -> (UInt8, UInt8, UInt8) {
        let basic: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if i < 16 { return basic[Int(i)] }
        if i >= 232 { let v = UInt8(8 + 10 * (Int(i) - 232)); return (v, v, v) }
        let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
        let n = Int(i) - 16
        return (levels[n / 36], levels[n / 6 % 6], levels[n % 6])
    }
}


/// Text attributes, combinable.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let underline = Attributes(rawValue: 1 << 2)
    public static let reverse = Attributes(rawValue: 1 << 3)
    public static let italic = Attributes(rawValue: 1 << 4)
}

/// How a cell looks.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }

    public static let plain = Style()
    public static func attrs(_ a: Attributes) -> Style { Style(attributes: a) }

    /// The same style with colours dropped (for `NO_COLOR`), attributes kept.
    public var withoutColors: Style { Style(attributes: attributes) }
}
