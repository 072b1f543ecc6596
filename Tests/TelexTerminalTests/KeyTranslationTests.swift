import Testing
import TelexScreen
@testable import TelexTerminal

/// What ncursesw hands the backend, as numbers (ncurses 6 ABI: the values of
/// <ncursesw/curses.h> on Debian 12), to the `Key`s the reducer sees. No terminal needed.
@Suite struct KeyTranslationTests {
    @Test(arguments: [
        (10, Key.enter), (13, .enter), (27, .escape), (9, .tab), (8, .backspace), (127, .backspace),
        (1, .ctrl("a")), (3, .ctrl("c")), (6, .ctrl("f")), (21, .ctrl("u")), (26, .ctrl("z")),
        (0, .ctrl("@")), (28, .ctrl("\\")), (29, .ctrl("]")), (30, .ctrl("^")), (31, .ctrl("_")),
        (0x20, .character(" ")), (0x6A, .character("j")), (0x47, .character("G")), (0x2F, .character("/")),
        (0xE9, .character("é")), (0x6771, .character("東")), (0x1F600, .character("😀")),
        (0x9B, .character("\u{9B}")),
        // Not a Unicode scalar (a lone surrogate, beyond U+10FFFF): the replacement character, never a crash.
        (0xD800, .character("\u{FFFD}")), (0x110000, .character("\u{FFFD}")),
    ] as [(UInt32, Key)])
    func charactersBecomeKeys(code: UInt32, key: Key) {
        #expect(CursesBackend.translate(character: code) == key)
    }

    @Test(arguments: [
        (259, Key.up), (258, .down), (260, .left), (261, .right), (262, .home), (360, .end),
        (339, .pageUp), (338, .pageDown), (263, .backspace), (330, .delete), (353, .backTab), (343, .enter),
        (410, .resize), (265, .function(1)), (270, .function(6)), (276, .function(12)),
    ] as [(Int32, Key)])
    func functionKeysBecomeKeys(code: Int32, key: Key) {
        #expect(CursesBackend.translate(function: code) == key)
    }

    /// Keys telex has no use for are dropped: KEY_F(0), F13, Insert, KEY_MOUSE (never
    /// returned: `kmous` is undefined, reports come as characters to `MouseReportDecoder`).
    @Test(arguments: [264, 277, 331, 409, 0] as [Int32])
    func otherFunctionKeysAreDropped(code: Int32) {
        #expect(CursesBackend.translate(function: code) == nil)
    }
}
