/// One entry of feeds.json `keys`: in `context`, the key sequence `keys` runs `command`, or is
/// unbound (`null`). Only the shape is checked here; what the names mean is the reader's
/// (`Keymap.applying`), whose problems keep this entry's line and path.
public struct KeyConfig: Sendable, Hashable {
    public var context: String
    public var keys: String
    public var command: String?
    public var line: Int
    /// `keys.reader.g g`
    public var path: String
    public init(context: String, keys: String, command: String?, line: Int, path: String) {
        self.context = context; self.keys = keys; self.command = command; self.line = line; self.path = path
    }
}

/// One entry of feeds.json `colors`: the theme (`"theme": "light"`) or an element's style
/// (`"unread": "bold yellow"`), checked by the reader's `Theme` with this entry's line and path.
public struct ColorConfig: Sendable, Hashable {
    public var element: String
    public var value: String
    public var line: Int
    public var path: String
    public init(element: String, value: String, line: Int, path: String) {
        self.element = element; self.value = value; self.line = line; self.path = path
    }
}
