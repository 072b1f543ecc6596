import Testing
import TelexScreen
@testable import TelexTerminal

/// The bytes of kitty's graphics commands and the reading of a terminal's answers to the probe.
@Suite struct KittyGraphicsTests {
    static func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

    @Test func base64IsTheStandardAlphabetPadded() {
        let cases = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in cases { #expect(Self.text(Base64.encode(Array(plain.utf8))) == encoded) }
        #expect(Self.text(Base64.encode([0xFF, 0xEF, 0x1B])) == "/+8b")
    }

    /// A PNG of 5,000 bytes: 6,668 base64 characters in two chunks, the first with the keys, the last m=0;
    /// the payload carries no byte but the base64 alphabet whatever the picture's bytes (ESC, BEL, C1 controls).
    @Test func aPictureGoesOutAsBase64ChunksWithAVirtualPlacement() {
        let png = (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7 + 0x1B) }
        let out = Self.text(KittyGraphics.transmit(TerminalImage(id: 17, key: "u", columns: 30, rows: 9, data: png)))
        let commands = out.split(separator: "\u{1B}\\").map(String.init)
        #expect(commands.count == 2)
        #expect(commands[0].hasPrefix("\u{1B}_Ga=T,U=1,f=100,t=d,i=17,c=30,r=9,q=2,m=1;"))
        #expect(commands[1].hasPrefix("\u{1B}_Gq=2,m=0;"))
        let payload = commands.map { String($0.split(separator: ";", maxSplits: 1)[1]) }
        #expect(payload[0].count == 4096 && payload[1].count == 6668 - 4096)
        #expect(payload.joined() == Self.text(Base64.encode(png)))
        #expect(payload.joined().allSatisfy { $0.isLetter || $0.isNumber || "+/=".contains($0) })
    }

    @Test func tooLargeOrUnplaceableIsNotSent() {
        let big = [UInt8](repeating: 0, count: TerminalImage.maxPNGBytes + 1)
        #expect(KittyGraphics.transmit(TerminalImage(id: 16, key: "u", columns: 10, rows: 5, data: big)).isEmpty)
        #expect(KittyGraphics.transmit(TerminalImage(id: 16, key: "u", columns: 0, rows: 5, data: [1])).isEmpty)
        #expect(KittyGraphics.transmit(TerminalImage(id: 16, key: "u", columns: 10, rows: 298, data: [1])).isEmpty)
        #expect(KittyGraphics.transmit(TerminalImage(id: 16, key: "u", columns: 10, rows: 5, data: [])).isEmpty)
    }

    @Test func deleteFreesThePicturesData() {
        #expect(Self.text(KittyGraphics.delete(id: 20)) == "\u{1B}_Ga=d,d=I,i=20,q=2\u{1B}\\")
    }

    /// Under tmux each command is wrapped for its passthrough, every ESC of it doubled.
    @Test func tmuxPassthroughDoublesEscapes() {
        #expect(Self.text(KittyGraphics.delete(id: 20, tmux: true)) == "\u{1B}Ptmux;\u{1B}\u{1B}_Ga=d,d=I,i=20,q=2\u{1B}\u{1B}\\\u{1B}\\")
    }

    @Test(arguments: [
        // kitty: its graphics reply, XTVERSION, then DA1 with sixel.
        ("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}P>|kitty(0.39.1)\u{1B}\\\u{1B}[?62;4;22c", TerminalGraphics([.kitty, .sixel]), "kitty(0.39.1)", true),
        // xterm -ti vt340: sixel only.
        ("\u{1B}[?63;1;2;4;6;9;15;16;22;28c", [.sixel], nil, true),
        // A plain terminal: DA1 alone ("4" inside "64" is not attribute 4).
        ("\u{1B}[?64;1;22c", [], nil, true),
        // kitty's error (no graphics support): not kitty.
        ("\u{1B}_Gi=31;ENOTSUPPORTED:no\u{1B}\\\u{1B}[?62c", [], nil, true),
        // iTerm2 by XTVERSION.
        ("\u{1B}P>|iTerm2 3.5.0\u{1B}\\\u{1B}[?62;4c", [.iterm, .sixel], "iTerm2 3.5.0", true),
        // Nothing but half a reply yet: not complete.
        ("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[?62;", [.kitty], nil, false),
        ("", [], nil, false),
    ] as [(String, TerminalGraphics, String?, Bool)])
    func theProbeReadsTheTerminalsAnswers(reply: String, graphics: TerminalGraphics, version: String?, complete: Bool) {
        let a = TerminalGraphicsProbe.parse(Array(reply.utf8))
        #expect(a.graphics == graphics)
        #expect(a.version == version)
        #expect(a.complete == complete)
    }

    /// tmux and screen take an APC for a title: no kitty query inside them.
    @Test func noKittyQueryInsideAMultiplexer() {
        #expect(TerminalGraphicsProbe.questions(environment: ["TERM": "xterm-kitty"]) == TerminalGraphicsProbe.query)
        for env in [["TERM": "tmux-256color"], ["TERM": "xterm-256color", "TMUX": "/tmp/tmux-0/default,1,0"], ["TERM": "screen.xterm-256color"],
                    ["TERM": "xterm", "STY": "1.pts-0.host"]] {
            #expect(TerminalGraphicsProbe.questions(environment: env) == "\u{1B}[>q\u{1B}[c")
        }
    }

    @Test func iTermIsKnownByItsEnvironmentToo() {
        #expect(TerminalGraphicsProbe.parse(Array("\u{1B}[?62c".utf8), termProgram: "iTerm.app").graphics == [.iterm])
    }

    /// A version string with controls keeps none of them (it goes to the log).
    @Test func theVersionKeepsNoControls() {
        let a = TerminalGraphicsProbe.parse(Array("\u{1B}P>|evil\u{07}\u{9B}2J term\u{1B}\\\u{1B}[?1c".utf8))
        #expect(a.version == "evil2J term")
    }
}

/// Sixel and iTerm2 pictures: written at their cell between a saved and restored cursor; a sixel with any
/// byte but printable ASCII inside is not written; only where nothing covers the picture's cells.
@Suite struct PlacedGraphicsTests {
    static func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

    @Test func aSixelIsWrittenAtItsCell() {
        let sixel = Array("\u{1B}P0;1;0q\"1;1;10;10#0;2;0;0;0~~-\u{1B}\\".utf8)
        let out = Self.text(PlacedGraphics.draw(TerminalImage(kind: .sixel, key: "u", x: 21, y: 4, columns: 3, rows: 2, data: sixel)))
        #expect(out == "\u{1B}7\u{1B}[5;22H" + Self.text(sixel) + "\u{1B}8")
    }

    @Test(arguments: ["\u{1B}P0;1;0q~~\u{07}~\u{1B}\\", "\u{1B}P0;1;0q~~\u{1B}[2J\u{1B}\\", "\u{1B}P0;1;0q~~\u{9B}~\u{1B}\\", "not a sixel"])
    func aSixelCarryingControlsIsNotWritten(sixel: String) {
        #expect(PlacedGraphics.draw(TerminalImage(kind: .sixel, key: "u", x: 0, y: 0, columns: 3, rows: 2, data: Array(sixel.utf8))).isEmpty)
    }

    @Test func anITermPictureIsItsPNGInBase64SizedInCells() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x1B, 0x07]
        let out = Self.text(PlacedGraphics.draw(TerminalImage(kind: .iterm, key: "u", x: 0, y: 2, columns: 30, rows: 9, data: png)))
        #expect(out == "\u{1B}7\u{1B}[3;1H\u{1B}]1337;File=inline=1;size=6;width=30;height=9;preserveAspectRatio=1:iVBORxsH\u{07}\u{1B}8")
    }

    @Test func onlyAnUncoveredPictureIsDrawn() {
        var buffer = ScreenBuffer(width: 20, height: 6)
        let image = TerminalImage(kind: .iterm, key: "u", x: 2, y: 1, columns: 5, rows: 3, data: [1])
        #expect(PlacedGraphics.isUncovered(image, in: buffer))
        buffer.put("x", x: 6, y: 3)
        #expect(!PlacedGraphics.isUncovered(image, in: buffer))
        var overlay = ScreenBuffer(width: 20, height: 6)
        overlay.fill(Rect(x: 0, y: 2, width: 20, height: 1), style: Style(background: .indexed(4)))
        #expect(!PlacedGraphics.isUncovered(image, in: overlay))
        #expect(!PlacedGraphics.isUncovered(TerminalImage(kind: .iterm, key: "u", x: 18, y: 1, columns: 5, rows: 3, data: [1]), in: ScreenBuffer(width: 20, height: 6)))
    }
}
