import Foundation
import Testing
@testable import TelexApp

@Suite("Browser and clipboard choices")
struct BrowserChoiceTests {
    @Test(arguments: [
        ("w3m", ["w3m"]),
        ("  firefox   --new-tab  ", ["firefox", "--new-tab"]),
        ("'/opt/My Browser/bin' -x", ["/opt/My Browser/bin", "-x"]),
        ("\"a \\\"b\\\" c\" d", ["a \"b\" c", "d"]),
        ("a\\ b c", ["a b", "c"]),
        ("''", [""]),
        ("it's", ["its"]),  // An unterminated quote runs to the end, as far as it goes.
        ("", []),
    ])
    func argumentsSplitLikeAShellWithoutOne(line: String, argv: [String]) {
        #expect(ArgumentSplitter.split(line) == argv)
    }

    static let url = "https://example.com/a?b=1&c=2"

    @Test func browserIsAColonSeparatedListWithPercentSSubstitutedThenXdgOpen() {
        let b = BrowserLauncher(environment: ["BROWSER": "firefox --new-tab %s:lynx -accept_all_cookies:chromium"], commandExists: { _, _ in true })
        #expect(b.plans(for: Self.url)?.map(\.argv) == [
            ["firefox", "--new-tab", Self.url],
            ["lynx", "-accept_all_cookies", Self.url],
            ["chromium", Self.url],
            ["xdg-open", Self.url],
        ])
    }

    @Test func theSettingWinsOverTheEnvironment() {
        let b = BrowserLauncher(setting: "w3m", environment: ["BROWSER": "firefox"], commandExists: { _, _ in true })
        #expect(b.choose(for: Self.url)?.argv == ["w3m", Self.url])
    }

    @Test func theFirstCommandThatExistsIsChosen() {
        let b = BrowserLauncher(environment: ["BROWSER": "nonesuch:elinks", "DISPLAY": ":0"], commandExists: { c, _ in c != "nonesuch" })
        #expect(b.choose(for: Self.url) == .init(argv: ["elinks", Self.url], isConsole: true))
        let none = BrowserLauncher(environment: [:], commandExists: { _, _ in false })
        #expect(none.choose(for: Self.url) == nil)
        #expect(none.launch(Self.url) == .refused("No browser found: set $BROWSER (or settings.browser) — " + Self.url))
    }

    @Test(arguments: ["file:///etc/passwd", "javascript:alert(1)", "mailto:a@b", "not a url", "ftp://x/y"])
    func onlyWebURLsAreOpened(url: String) {
        let b = BrowserLauncher(environment: ["BROWSER": "firefox"], commandExists: { _, _ in true })
        #expect(b.plans(for: url) == nil)
        #expect(b.launch(url) == .refused("Only http and https links open in the browser"))
    }

    @Test(arguments: [
        ("w3m", [:], true), ("/usr/bin/lynx", ["DISPLAY": ":0"], true), ("elinks", ["WAYLAND_DISPLAY": "wayland-0"], true),
        ("firefox", ["DISPLAY": ":0"], false), ("my-script", ["DISPLAY": ":0"], false), ("my-script", [:], true),
        ("xdg-open", ["WAYLAND_DISPLAY": "w"], false), ("xdg-open", [:], true), ("firefox", [:], false),
    ] as [(String, [String: String], Bool)])
    func consoleBrowsersAreRecognised(command: String, env: [String: String], console: Bool) {
        #expect(BrowserLauncher(environment: env).isConsole(command) == console)
    }

    @Test func aConsoleBrowserRunsWithTheTerminalAndItsArgvIsExact() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telex-browser-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("fakebrowser").path
        let record = dir.appendingPathComponent("argv").path
        try "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '\(record)'\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let tricky = "https://example.com/$(touch%20pwned);x='y'&z"
        var suspended = false
        let b = BrowserLauncher(environment: ["BROWSER": "\(script) --flag %s", "PATH": "/usr/bin:/bin"])
        guard case .console(let plan) = b.launch(tricky) else { Issue.record("not a console browser"); return }
        let message = BrowserLauncher.runConsole(plan, suspend: { body in suspended = true; body() })
        #expect(suspended)
        #expect(message == "Back from \(script)")
        #expect(try String(contentsOfFile: record, encoding: .utf8) == "--flag\n\(tricky)\n")
        #expect(!FileManager.default.fileExists(atPath: "pwned"))
    }

    @Test(arguments: [
        (true, ["WAYLAND_DISPLAY": "w", "DISPLAY": ":0"], Clipboard.Method.osc52),
        (false, ["WAYLAND_DISPLAY": "w"], .command(["wl-copy"])),
        (false, ["DISPLAY": ":0"], .command(["xclip", "-selection", "clipboard"])),
        (false, [:], .showOnly),
    ] as [(Bool, [String: String], Clipboard.Method)])
    func theClipboardMethodFollowsTheSettingAndTheDisplay(osc52: Bool, env: [String: String], method: Clipboard.Method) {
        #expect(Clipboard(osc52: osc52, environment: env, commandExists: { _, _ in true }).method == method)
    }

    @Test func osc52SendsOnlyBase64() {
        #expect(Clipboard.osc52Payload("https://e.example/\u{1B}]0;x\u{07}") == Data("https://e.example/\u{1B}]0;x\u{07}".utf8).base64EncodedString())
    }

    @Test func aGraphicalBrowserIsStartedDetached() {
        let b = BrowserLauncher(environment: ["BROWSER": "firefox", "DISPLAY": ":0"], commandExists: { _, _ in true })
        #expect(b.launch(Self.url) == .detached(.init(argv: ["firefox", Self.url], isConsole: false)))
    }
}

@Suite struct ClipboardToolTests {
    /// A clipboard tool that exits without reading its input (not found, broken) fails the copy; the
    /// write to its closed pipe must not kill telex with SIGPIPE (it once took the test run down).
    @Test func aToolThatExitsWithoutReadingFailsTheCopyWithoutKillingTelex() {
        #expect(ProcessSpawner.runFeeding(["false"], input: Data(count: 1 << 20)) == false)
        #expect(ProcessSpawner.runFeeding(["telex-no-such-clipboard-tool"], input: Data(count: 1 << 20)) == false)
    }
}
