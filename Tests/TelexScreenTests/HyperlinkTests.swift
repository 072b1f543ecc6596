import Testing
@testable import TelexScreen

/// Which URLs may go into an OSC 8 sequence, and how a buffer records links.
@Suite struct HyperlinkTests {
    @Test(arguments: ["https://example.org/a?b=1&c=2#d", "http://127.0.0.1:8080/x", "mailto:ann@example.org", "HTTPS://EXAMPLE.ORG/"])
    func webAndMailURLsOfPrintableASCIIAreSafe(_ url: String) {
        #expect(Hyperlink.isSafe(url))
    }

    /// Anything that could end the sequence early (ESC, BEL, ST as C1), start another, or reach the
    /// terminal as a control; URLs not for the web; too long; not ASCII (a terminal may take bytes
    /// of UTF-8 for C1 controls).
    @Test(arguments: [
        "https://example.org/\u{1B}]8;;https://evil.example/\u{1B}\\", "https://example.org/\u{07}x", "https://example.org/\u{9C}x",
        "https://example.org/\u{9D}8;;x", "https://example.org/a b", "https://example.org/\u{7F}", "https://example.org/\n",
        "https://example.org/é", "https://example.org/\u{202E}gnp", "javascript:alert(1)", "file:///etc/passwd", "data:text/html,x",
        "", "https://example.org/" + String(repeating: "a", count: 2048),
    ])
    func hostileURLsAreNotSafe(_ url: String) {
        #expect(!Hyperlink.isSafe(url))
    }

    @Test func aBufferKeepsSafeLinksClippedAndJoinsPiecesOfOne() {
        var buffer = ScreenBuffer(width: 20, height: 3)
        buffer.addHyperlink("https://a.example/", x: 2, y: 1, maxX: 6)
        buffer.addHyperlink("https://a.example/", x: 6, y: 1, maxX: 9)
        buffer.addHyperlink("https://b.example/", x: 15, y: 1, maxX: 40)
        buffer.addHyperlink("https://evil.example/\u{1B}\\", x: 0, y: 2, maxX: 5)
        buffer.addHyperlink("https://c.example/", x: 0, y: 3, maxX: 5)
        #expect(buffer.hyperlinks == [Hyperlink(x: 2, y: 1, width: 7, url: "https://a.example/"),
                                      Hyperlink(x: 15, y: 1, width: 5, url: "https://b.example/")])
    }
}
