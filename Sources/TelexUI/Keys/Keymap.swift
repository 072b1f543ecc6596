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

    /// The first key sequence that runs `command` in `context`, as the help writes it ("?" for help).
    public func firstLabel(of command: Command, in context: KeyContext) -> String? {
        bindings(for: context).first { $0.command == command }.map { Keymap.label([$0.keys]) }
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
            KeyBinding(.lists, [.character("o")], .openInBrowser), KeyBinding(.lists, [.character("c")], .coverage),
            KeyBinding(.lists, [.character("/")], .search),
            KeyBinding(.lists, [.character("r")], .refresh),
            KeyBinding(.lists, [.character("a")], .addFeed), KeyBinding(.lists, [.character("F")], .feedList),
            KeyBinding(.lists, [.character("v")], .toggleSplit), KeyBinding(.lists, [.character("B")], .toggleSections),
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

extension Key {
    /// A key as the configuration spells it: the help's labels (`Space`, `Ctrl-D`, `Enter`, `Esc`, `Tab`,
    /// `Shift-Tab`, `PgDn`, `F5`, `↓`), with a few synonyms (`Down`, `PageDown`, `C-d`, `^D`, `Return`);
    /// any other single character is itself. Nil for anything else.
    public init?(label text: String) {
        if text.count == 1, let c = text.first {
            if c == " " { self = .character(" "); return }
            if let special = Self.labelled[text], !c.isLetter { self = special; return }
            self = .character(c)
            return
        }
        let lower = text.lowercased()
        if let k = Self.labelled[lower] { self = k; return }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) && lower.count == prefix.count + 1 {
            let c = lower.last!
            guard c.isASCII, c.isLetter || "@[\\]^_".contains(c) else { return nil }
            self = .ctrl(c)
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { self = .function(n); return }
        return nil
    }

    private static let labelled: [String: Key] = [
        "space": .character(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
        "backspace": .backspace, "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "delete": .delete, "del": .delete,
        "up": .up, "↑": .up, "down": .down, "↓": .down, "left": .left, "←": .left, "right": .right, "→": .right,
        "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
    ]
}

/// One change to the keymap from the configuration (feeds.json `keys`): in `context`, the keys
/// `keys` (space-separated for a sequence: `"g g"`) run `command`, or nothing when it is nil.
public struct KeymapEdit: Hashable, Sendable {
    public var context: String
    public var keys: String
    public var command: String?
    public init(context: String, keys: String, command: String?) { self.context = context; self.keys = keys; self.command = command }
}

extension Keymap {
    /// The keymap with `edits` applied in order, and what was wrong with any of them (by index).
    /// A binding replaces what the same keys did in its context; one in `everywhere` replaces them in
    /// every context, and `null` there unbinds them everywhere. A sequence may not start with keys that
    /// are bound alone in the same place (`g g` needs `"g": null` first): the first key would never wait.
    public func applying(_ edits: [KeymapEdit]) -> (keymap: Keymap, problems: [(index: Int, message: String)]) {
        var bindings = self.bindings
        var problems: [(index: Int, message: String)] = []
        var added: [(index: Int, binding: KeyBinding)] = []
        for (index, edit) in edits.enumerated() {
            guard let context = KeyContext(rawValue: edit.context) else {
                problems.append((index, "unknown context \"\(edit.context)\"; allowed: \(KeyContext.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            let keys: [Key]
            switch Self.parseSequence(edit.keys) {
            case .success(let k): keys = k
            case .failure(let message): problems.append((index, message)); continue
            }
            var command: Command?
            if let name = edit.command {
                guard let c = Command(rawValue: name) else {
                    let hint = Command.allCases.map(\.rawValue).min { distance($0, name) < distance($1, name) }
                        .flatMap { distance($0, name) <= 3 ? " (did you mean \"\($0)\"?)" : nil } ?? ""
                    problems.append((index, "unknown command \"\(name)\"\(hint); docs/keys.md lists the commands"))
                    continue
                }
                guard Self.standard.handles(c, in: context) else {
                    problems.append((index, "\"\(name)\" does nothing in \(context.rawValue); it works in \(Self.standard.contexts(of: c))"))
                    continue
                }
                command = c
            }
            let replaced = bindings.firstIndex { $0.keys == keys && ($0.context == context || context == .everywhere) }
            bindings.removeAll { $0.keys == keys && ($0.context == context || context == .everywhere) }
            added.removeAll { $0.binding.keys == keys && ($0.binding.context == context || context == .everywhere) }
            if let command {
                let binding = KeyBinding(context, keys, command)
                bindings.insert(binding, at: min(replaced ?? bindings.count, bindings.count))
                added.append((index, binding))
            }
        }
        // Sequences against single keys, either way round, where both would apply.
        for (index, b) in added {
            for other in bindings where other != b && (other.context == b.context || other.context == .everywhere || b.context == .everywhere) {
                if other.keys.count < b.keys.count, Array(b.keys.prefix(other.keys.count)) == other.keys {
                    let prefix = Keymap.label([other.keys])
                    problems.append((index, "\"\(prefix)\" already runs \(other.command.rawValue) in \(other.context.rawValue), so \"\(Keymap.label([b.keys]))\" could never be typed: unbind it first (\"\(prefix)\": null)"))
                } else if b.keys.count < other.keys.count, Array(other.keys.prefix(b.keys.count)) == b.keys {
                    problems.append((index, "\"\(Keymap.label([b.keys]))\" starts the sequence \"\(Keymap.label([other.keys]))\" (\(other.command.rawValue)); unbind one of them"))
                }
            }
        }
        return (Keymap(bindings), problems)
    }

    enum Parsed { case success([Key]), failure(String) }

    static func parseSequence(_ text: String) -> Parsed {
        // A lone space is the space bar; otherwise spaces separate the keys of a sequence.
        let words = text == " " ? [" "] : text.split(separator: " ").map(String.init)
        guard !words.isEmpty else { return .failure("empty key: name a key such as \"j\", \"Ctrl-D\" or \"g g\"") }
        guard words.count <= 4 else { return .failure("a sequence of more than 4 keys") }
        var keys: [Key] = []
        for w in words {
            guard let k = Key(label: w) else {
                return .failure("unknown key \"\(w)\" (keys: a character, Space, Enter, Esc, Tab, Shift-Tab, Backspace, Delete, Up, Down, Left, Right, Home, End, PgUp, PgDn, F1–F12, Ctrl-X)")
            }
            if keys.isEmpty, case .character(let c) = k, c.isASCII, c.isNumber {
                return .failure("digits cannot start a binding: they type a count (5j) and link numbers")
            }
            keys.append(k)
        }
        return .success(keys)
    }

    /// Whether `command` has a meaning in `context` (as the shipped keymap binds it there, or in both contexts).
    func handles(_ command: Command, in context: KeyContext) -> Bool {
        let places = Set(bindings.filter { $0.command == command }.map(\.context))
        if places.contains(.everywhere) { return true }
        switch context {
        case .everywhere: return places.contains(.lists) && places.contains(.reader)
        case .lists, .reader: return places.contains(context)
        }
    }

    func contexts(of command: Command) -> String {
        KeyContext.allCases.filter { handles(command, in: $0) }.map(\.rawValue).joined(separator: " and ")
    }

    private func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count { current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) }
            previous = current
        }
        return previous[b.count]
    }
}
