/// What the loop needs from a terminal. The ncursesw implementation lives in TelexTerminal;
/// `TestBackend` records frames for tests.
public protocol ScreenBackend: AnyObject {
    /// The current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// The file descriptor that becomes readable when input is waiting (for poll).
    var inputDescriptor: Int32 { get }
    /// Reads every key that is ready without blocking. An empty array means nothing was ready;
    /// `nil` means input has ended (end of file or repeated errors). `inputReady` says whether
    /// poll reported the descriptor readable (a resize arrives as a signal, with nothing to read).
    func readKeys(inputReady: Bool) -> [Key]?
    /// Draws the difference between the last drawn buffer and `buffer`.
    func draw(_ buffer: ScreenBuffer)
    /// Gives the terminal back (for a console browser or Ctrl-Z), then takes it again.
    func suspend(_ body: () -> Void)
    /// Restores the terminal for good.
    func shutdown()
    /// Asks the terminal to put text on the clipboard (OSC 52). `base64` is the text already
    /// encoded, so no content byte reaches the terminal as is.
    func setClipboard(base64: String)
    /// Asks the terminal for a desktop notification (OSC 9 or 777), between frames.
    func notify(_ notice: TerminalNotice)
}

/// A backend that keeps the frames it is asked to draw; input comes from a script.
public final class TestBackend: ScreenBackend {
    public var size: (width: Int, height: Int)
    public private(set) var frames: [ScreenBuffer] = []
    public var pendingKeys: [Key]
    public var inputDescriptor: Int32 { -1 }

    public init(width: Int, height: Int, keys: [Key] = []) {
        size = (width, height); pendingKeys = keys
    }
    public func readKeys(inputReady: Bool) -> [Key]? {
        if pendingKeys.isEmpty { return nil }
        defer { pendingKeys.removeAll() }
        return pendingKeys
    }
    public func draw(_ buffer: ScreenBuffer) { frames.append(buffer) }
    public func suspend(_ body: () -> Void) { body() }
    public func shutdown() {}
    /// Payloads of `setClipboard`, in order.
    public private(set) var clipboardWrites: [String] = []
    public func setClipboard(base64: String) { clipboardWrites.append(base64) }
    public var lastFrame: ScreenBuffer? { frames.last }
    /// Notifications asked for, in order.
    public private(set) var notices: [TerminalNotice] = []
    public func notify(_ notice: TerminalNotice) { notices.append(notice) }
}
