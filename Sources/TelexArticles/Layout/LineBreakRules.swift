/// Where a line may break: the pair rules of UAX #14 (Unicode Line Breaking Algorithm), applied
/// to grapheme clusters.
///
/// The classes come from `LineBreakTable` (generated from the UCD, rule LB1 applied there). Rules
/// follow Unicode 15.0, plus LB15a and LB15b of Unicode 15.1 (no break after an opening quote
/// such as « and its spaces, nor before a closing one such as »), which French needs when a page
/// uses ordinary spaces inside its guillemets. Layout works on grapheme clusters, which already
/// hold what LB9 attaches (combining marks, ZWJ sequences) and keep regional-indicator pairs
/// together (LB30a), so a cluster takes the class of its first scalar.
enum LineBreakRules {
    /// The class of one scalar (binary search over the generated runs; ASCII from a small table).
    static func lineBreakClass(of scalar: Unicode.Scalar) -> LineBreakClass {
        let v = scalar.value
        if v < 0x80 { return ascii[Int(v)] }
        var lo = 0, hi = LineBreakTable.starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if LineBreakTable.starts[mid] <= v { lo = mid } else { hi = mid - 1 }
        }
        return LineBreakClass(rawValue: LineBreakTable.classes[lo]) ?? .AL
    }

    /// Classes of the ASCII bytes (`asciiClasses[byte]`).
    static let asciiClasses: [LineBreakClass] = ascii

    private static let ascii: [LineBreakClass] = (0..<0x80).map { v in
        var lo = 0
        while lo + 1 < LineBreakTable.starts.count && LineBreakTable.starts[lo + 1] <= UInt32(v) { lo += 1 }
        return LineBreakClass(rawValue: LineBreakTable.classes[lo]) ?? .AL
    }

    /// The classes of a run of cells (a paragraph between forced breaks), indexed from 0.
    struct Classes {
        let cells: [Paragraph.Cell]
        let base: Int
        let count: Int
        init(_ cells: [Paragraph.Cell], _ range: Range<Int>) { self.cells = cells; base = range.lowerBound; count = range.count }
        init(_ classes: [LineBreakClass]) {
            cells = classes.map { Paragraph.Cell(end: 0, width: 1, breakClass: $0, flags: 0, style: 0) }
            base = 0; count = classes.count
        }
        @inline(__always) subscript(i: Int) -> LineBreakClass { cells[base + i].breakClass }
        @inline(__always) func joinsNext(_ i: Int) -> Bool { cells[base + i].joinsNextCell }
    }

    /// Whether a line may break before cluster `i` (0 < i < count) of `c`. Most pairs are answered
    /// by the pair table; the others (after spaces, quotes, hyphens, a ZWJ) by the rules.
    @inline(__always)
    static func mayBreak(before i: Int, in c: Classes, pairs: [UInt8]) -> Bool {
        let a = c[i - 1], b = c[i]
        let joins = c.joinsNext(i - 1)
        if !joins {
            let known = pairs[Int(a.rawValue) &* classCount &+ Int(b.rawValue)]
            if known != contextual { return known == 1 }
        }
        if b == .SP || b == .ZW { return false }  // LB7, before looking back over spaces
        var beforeSpaces = i - 1
        while beforeSpaces >= 0 && c[beforeSpaces] == .SP { beforeSpaces -= 1 }
        return mayBreak(c, i, beforeSpaces: beforeSpaces, joinsPrevious: joins)
    }

    /// The pair table (see `pairTable`), for callers to hold while they ask `mayBreak` many times.
    static var pairs: [UInt8] { pairTable }

    private static let classCount = Int(LineBreakClass.CPWide.rawValue) + 1
    private static let contextual: UInt8 = 2

    /// The rules' answer for each pair (a, b) of adjacent classes when it depends on nothing else
    /// (0 no, 1 yes), or `contextual` where spaces before, the cluster after, or the one two back
    /// matter (a space or a ZWJ before, an opening quote, a hyphen after a Hebrew letter, a closing
    /// quote): UAX #14's pair table, computed from the rules themselves so the two cannot disagree.
    private static let pairTable: [UInt8] = {
        var table = [UInt8](repeating: contextual, count: classCount * classCount)
        for a in 0..<classCount {
            for b in 0..<classCount {
                guard let ca = LineBreakClass(rawValue: UInt8(a)), let cb = LineBreakClass(rawValue: UInt8(b)) else { continue }
                if ca == .SP || ca == .QUPi || ca == .HY || ca == .BA || cb == .QUPf { continue }
                table[a * classCount + b] = mayBreak(Classes([ca, cb]), 1, beforeSpaces: 0, joinsPrevious: false) ? 1 : 0
            }
        }
        return table
    }()

    private static func mayBreak(_ c: Classes, _ i: Int, beforeSpaces: Int, joinsPrevious: Bool) -> Bool {
        let a = c[i - 1], b = c[i]
        // LB4-LB6: mandatory breaks (the layout passes forced breaks separately; kept for completeness).
        if a == .BK || a == .LF || a == .NL || (a == .CR && b != .LF) { return true }
        if b == .BK || b == .CR || b == .LF || b == .NL { return false }
        // LB7: no break before spaces or ZW. LB8: break after ZW and its spaces.
        if b == .SP || b == .ZW { return false }
        let x: LineBreakClass? = beforeSpaces >= 0 ? c[beforeSpaces] : nil
        if x == .ZW { return true }
        // LB8a: nothing breaks after a ZWJ.
        if joinsPrevious { return false }
        // LB11: word joiner. LB12, LB12a: glue (NBSP, NNBSP, figure space).
        if a == .WJ || b == .WJ { return false }
        if a == .GL { return false }
        if b == .GL && a != .SP && a != .BA && a != .HY { return false }
        // LB13: no break before closing punctuation, ! ? , . : ; /
        if b == .CL || isCP(b) || b == .EX || b == .IS || b == .SY { return false }
        // LB14: none after an opening bracket and its spaces.
        if isOP(x) { return false }
        // LB15: a quote, spaces, then an opening bracket.
        if isQU(x) && isOP(b) { return false }
        // LB15a (15.1): an opening quote at the start of a phrase holds to what follows.
        if x == .QUPi {
            let p = beforeSpaces - 1
            if p < 0 { return false }
            switch c[p] {
            case .BK, .CR, .LF, .NL, .OP, .OPWide, .QU, .QUPi, .QUPf, .GL, .SP, .ZW: return false
            default: break
            }
        }
        // LB15b (15.1): a closing quote holds to what precedes it when a phrase ends after it.
        if b == .QUPf {
            guard i + 1 < c.count else { return false }
            switch c[i + 1] {
            case .SP, .GL, .WJ, .CL, .QU, .QUPi, .QUPf, .CP, .CPWide, .EX, .IS, .SY, .BK, .CR, .LF, .NL, .ZW: return false
            default: break
            }
        }
        // LB16, LB17.
        if (x == .CL || isCP(x)) && b == .NS { return false }
        if x == .B2 && b == .B2 { return false }
        // LB18: break after spaces.
        if a == .SP { return true }
        // LB19: quotes hold on both sides.
        if isQU(a) || isQU(b) { return false }
        // LB20: contingent breaks.
        if a == .CB || b == .CB { return true }
        // LB21: no break before hyphens, small kana and other non-starters, nor after BB.
        if b == .BA || b == .HY || b == .NS || a == .BB { return false }
        // LB21a: Hebrew letter and hyphen. LB21b: solidus before a Hebrew letter.
        if (a == .HY || a == .BA) && i >= 2 && c[i - 2] == .HL { return false }
        if a == .SY && b == .HL { return false }
        // LB22: inseparable characters (…).
        if b == .IN { return false }
        // LB23, LB23a, LB24: letters, numbers, prefixes and postfixes.
        if (isAlphabetic(a) && b == .NU) || (a == .NU && isAlphabetic(b)) { return false }
        if (a == .PR && isIdeographic(b)) || (isIdeographic(a) && b == .PO) { return false }
        if ((a == .PR || a == .PO) && isAlphabetic(b)) || (isAlphabetic(a) && (b == .PR || b == .PO)) { return false }
        // LB25: numbers, in the pair form UAX #14 gives.
        if (a == .CL || isCP(a) || a == .NU) && (b == .PO || b == .PR) { return false }
        if (a == .PO || a == .PR) && (isOP(b) || b == .NU) { return false }
        if (a == .HY || a == .IS || a == .NU || a == .SY) && b == .NU { return false }
        // LB26, LB27: Korean syllables.
        if a == .JL && (b == .JL || b == .JV || b == .H2 || b == .H3) { return false }
        if (a == .JV || a == .H2) && (b == .JV || b == .JT) { return false }
        if (a == .JT || a == .H3) && b == .JT { return false }
        if (isHangul(a) && b == .PO) || (a == .PR && isHangul(b)) { return false }
        // LB28, LB29: letters hold together, and to a preceding . or ,.
        if isAlphabetic(a) && isAlphabetic(b) { return false }
        if a == .IS && isAlphabetic(b) { return false }
        // LB30: brackets that are not East Asian hold to letters and numbers.
        if (isAlphabetic(a) || a == .NU) && b == .OP { return false }
        if a == .CP && (isAlphabetic(b) || b == .NU) { return false }
        // LB30b: emoji base and modifier.
        if a == .EB && b == .EM { return false }
        // LB31: break everywhere else.
        return true
    }

    private static func isOP(_ c: LineBreakClass?) -> Bool { c == .OP || c == .OPWide }
    private static func isCP(_ c: LineBreakClass?) -> Bool { c == .CP || c == .CPWide }
    private static func isQU(_ c: LineBreakClass?) -> Bool { c == .QU || c == .QUPi || c == .QUPf }
    private static func isAlphabetic(_ c: LineBreakClass) -> Bool { c == .AL || c == .HL }
    private static func isIdeographic(_ c: LineBreakClass) -> Bool { c == .ID || c == .EB || c == .EM }
    private static func isHangul(_ c: LineBreakClass) -> Bool { c == .JL || c == .JV || c == .JT || c == .H2 || c == .H3 }
}
