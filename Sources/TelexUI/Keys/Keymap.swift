import TelexScreen

/// One binding: in `context`, the key sequence `keys` runs `command`.
public struct KeyBinding: Hashable, Sendable {
    public var context: KeyContext
    public var keys: [Key]
    public var command: Command
    public init(_ context: KeyContext, _ keys: [Key], _ command: Command) {
        self.context = context; self.keys = keys; self.command = command
    }
}

/// The keymap: the one table the reducer dispatches on and the help overlay (and docs/keys.md)
/// renders. A binding of the current context wins over one of `everywhere` for the same keys.
/// Digits are not bound: they type a count (`5j`) or, in the reading view, a link number.
public struct Keymap: Hashable, Sendable {
    public private(set) var bindings: [KeyBinding]
    /// Bindings by context and key sequence, for dispatch.
    private var table: [KeyContext: [[Key]: Command]] = [:]
    /// Every proper prefix of a bound sequence, by context (a key that starts a sequence waits).
    private var prefixes: [KeyContext: Set<[Key]>] = [:]

    public init(_ bindings: [KeyBinding]) {
        self.bindings = bindings
        for b in bindings {
            table[b.context, default: [:]][b.keys] = b.command
            for n in 1..<max(1, b.keys.count) { prefixes[b.context, default: []].insert(Array(b.keys.prefix(n))) }
        }
    }

    /// What `keys` (typed so far) mean in `context`.
    public enum Resolution: Hashable, Sendable {
        case command(Command)
        /// The start of a longer sequence: wait for the next key.
        case prefix
        case unbound
    }

    public func resolve(_ keys: [Key], in context: KeyContext) -> Resolution {
        for c in [context, .everywhere] {
            if let command = table[c]?[keys] { return .command(command) }
        }
        if prefixes[context]?.contains(keys) == true || prefixes[.everywhere]?.contains(keys) == true { return .prefix }
        return .unbound
    }

    /// The bindings of `context` (with those of `everywhere` that it does not override), in table order.
    public func bindings(for context: KeyContext) -> [KeyBinding] {
        let own = bindings.filter { $0.context == context }
        let ownKeys = Set(own.map(\.keys))
        return own + bindings.filter { $0.context == .everywhere && !ownKeys.contains($0.keys) }
    }

    /// The commands bound in `context`, each with its key sequences, grouped for the help, in order.
    public func help(for context: KeyContext) -> [(group: Command.Group, rows: [(keys: [[Key]], command: Command)])] {
        var order: [Command] = []
        var keys: [Command: [[Key]]] = [:]
        for b in bindings(for: context) {
            if keys[b.command] == nil { order.append(b.command) }
            keys[b.command, default: []].append(b.keys)
        }
        return Command.Group.allCases.compactMap { group in
            let rows = order.filter { $0.group == group }.map { (keys: keys[$0]!, command: $0) }
            return rows.isEmpty ? nil : (group, rows)
        }
    }

    /// "j, ↓" for a command's sequences.
    public static func label(_ sequences: [[Key]]) -> String {
        sequences.map { $0.map(\.label).joined(separator: " ") }.joined(separator: ", ")
    }
}

extension Keymap {
    /// The bindings telex ships with (docs/keys.md lists them).
    public static let standard = Keymap(
        moves(.lists) + [
            KeyBinding(.lists, [.character("h")], .paneLeft), KeyBinding(.lists, [.left], .paneLeft),
            KeyBinding(.lists, [.character("l")], .paneRight), KeyBinding(.lists, [.right], .paneRight),
            KeyBinding(.lists, [.tab], .nextPane), KeyBinding(.lists, [.backTab], .previousPane),
            KeyBinding(.lists, [.character("+")], .expand), KeyBinding(.lists, [.character("-")], .collapse),
            KeyBinding(.lists, [.enter], .open),
            KeyBinding(.lists, [.character("n")], .nextUnread), KeyBinding(.lists, [.character("N")], .previousUnread),
            KeyBinding(.lists, [.character("m")], .toggleRead), KeyBinding(.lists, [.character("s")], .toggleSaved),
            KeyBinding(.lists, [.character("A")], .markAllRead), KeyBinding(.lists, [.character("u")], .undo),
            KeyBinding(.lists, [.character("o")], .openInBrowser), KeyBinding(.lists, [.character("/")], .search),
            KeyBinding(.lists, [.character("r")], .refresh),
            KeyBinding(.lists, [.character("a")], .addFeed), KeyBinding(.lists, [.character("F")], .feedList),
            KeyBinding(.lists, [.character("q")], .back),
        ]
        + [
            KeyBinding(.reader, [.tab], .nextLink), KeyBinding(.reader, [.backTab], .previousLink),
            KeyBinding(.reader, [.character("#")], .linkNumbers), KeyBinding(.reader, [.enter], .follow),
            KeyBinding(.reader, [.character("L")], .linkList),
            KeyBinding(.reader, [.backspace], .historyBack), KeyBinding(.reader, [.character("h")], .historyBack),
            KeyBinding(.reader, [.left], .historyBack),
            KeyBinding(.reader, [.character("l")], .historyForward), KeyBinding(.reader, [.right], .historyForward),
            KeyBinding(.reader, [.character("H")], .history),
        ]
        + moves(.reader) + [
            KeyBinding(.reader, [.character("}")], .nextParagraph), KeyBinding(.reader, [.character("{")], .previousParagraph),
            KeyBinding(.reader, [.character("]")], .nextHeading), KeyBinding(.reader, [.character("[")], .previousHeading),
            KeyBinding(.reader, [.character("'")], .jumpBack),
            KeyBinding(.reader, [.character("n")], .next), KeyBinding(.reader, [.character("N")], .previousMatch),
            KeyBinding(.reader, [.character("p")], .previousArticle),
            KeyBinding(.reader, [.character("/")], .find),
            KeyBinding(.reader, [.character("o")], .openInBrowser), KeyBinding(.reader, [.character("y")], .copyURL),
            KeyBinding(.reader, [.character("s")], .toggleSaved), KeyBinding(.reader, [.character("m")], .toggleRead),
            KeyBinding(.reader, [.escape], .cancel), KeyBinding(.reader, [.character("I")], .togglePictures),
            KeyBinding(.reader, [.character("q")], .back),
        ]
        + [
            KeyBinding(.everywhere, [.character("?")], .help),
            KeyBinding(.everywhere, [.ctrl("z")], .suspend),
            KeyBinding(.everywhere, [.character("Q")], .quit),
        ])

    /// The moves the lists and the reading view share.
    static func moves(_ c: KeyContext) -> [KeyBinding] {
        [
            KeyBinding(c, [.character("j")], .down), KeyBinding(c, [.down], .down),
            KeyBinding(c, [.character("k")], .up), KeyBinding(c, [.up], .up),
            KeyBinding(c, [.character(" ")], .pageDown), KeyBinding(c, [.pageDown], .pageDown), KeyBinding(c, [.ctrl("f")], .pageDown),
            KeyBinding(c, [.character("b")], .pageUp), KeyBinding(c, [.pageUp], .pageUp), KeyBinding(c, [.ctrl("b")], .pageUp),
            KeyBinding(c, [.ctrl("d")], .halfPageDown), KeyBinding(c, [.ctrl("u")], .halfPageUp),
            KeyBinding(c, [.character("g")], .top), KeyBinding(c, [.home], .top),
            KeyBinding(c, [.character("G")], .bottom), KeyBinding(c, [.end], .bottom),
        ]
    }
}

extension Key {
    /// How the help and docs/keys.md name the key (and how the configuration will spell it).
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .ctrl(let c): "Ctrl-" + String(c).uppercased()
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .delete: "Delete"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        case .mouse: "mouse"
        case .resize: "resize"
        }
    }
}

extension Keymap {
    /// The bindings as Markdown tables, one per context (docs/keys.md carries this text between its
    /// `keymap` markers; a test keeps the two equal).
    public func markdown() -> String {
        var out = ""
        let titles: [(KeyContext, String)] = [(.everywhere, "Everywhere"), (.lists, "Lists"), (.reader, "Reading view")]
        for (context, title) in titles {
            out += "### \(title)\n\n| Keys | Command | What it does |\n| --- | --- | --- |\n"
            var order: [Command] = []
            var keys: [Command: [[Key]]] = [:]
            for b in bindings where b.context == context {
                if keys[b.command] == nil { order.append(b.command) }
                keys[b.command, default: []].append(b.keys)
            }
            for command in order {
                let label = keys[command]!.map { "`" + $0.map(\.label).joined(separator: " ") + "`" }.joined(separator: ", ")
                out += "| \(label.replacingOccurrences(of: "|", with: "\\|")) | `\(command.rawValue)` | \(command.summary(in: context)) |\n"
            }
            out += "\n"
        }
        return out
    }
}
