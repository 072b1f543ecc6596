import TelexScreen

/// The styles views use, by element: a built-in theme (`ThemeName`) with the user's overrides
/// (feeds.json `colors`, docs/feeds-json.md). Without colour (`NO_COLOR`, or the setting) the
/// monochrome theme is used and overrides keep only their attributes.
public struct Theme: Hashable, Sendable {
    /// What can be styled, as feeds.json names it.
    public enum Element: String, Hashable, Sendable, CaseIterable {
        case title, paneHeader = "pane_header", paneHeaderFocused = "pane_header_focused", selection,
             selectionUnfocused = "selection_unfocused", unread, read, count, error, status, statusError = "status_error",
             dim, link, border, articleTitle = "article_title", heading, code, match, meta
    }

    public private(set) var styles: [Element: Style]

    public subscript(_ element: Element) -> Style {
        get { styles[element] ?? .plain }
        set { styles[element] = newValue }
    }

    public var title: Style { self[.title] }
    public var paneHeader: Style { self[.paneHeader] }
    public var paneHeaderFocused: Style { self[.paneHeaderFocused] }
    public var selection: Style { self[.selection] }
    public var selectionUnfocused: Style { self[.selectionUnfocused] }
    public var unread: Style { self[.unread] }
    public var read: Style { self[.read] }
    public var count: Style { self[.count] }
    public var error: Style { self[.error] }
    public var status: Style { self[.status] }
    /// The status line saying why a feed fails.
    public var statusError: Style { self[.statusError] }
    public var dim: Style { self[.dim] }
    public var link: Style { self[.link] }
    public var border: Style { self[.border] }

    init(_ styles: [Element: Style]) { self.styles = styles }

    /// The theme `choice` names with its overrides; without colour, monochrome with the overrides' attributes.
    public static func resolve(_ choice: ThemeChoice, color: Bool) -> Theme {
        var theme = named(color ? choice.name : .monochrome)
        for (element, style) in choice.overrides {
            if color { theme[element] = style } else if !style.attributes.isEmpty { theme[element] = style.withoutColors }
        }
        return theme
    }

    /// Kept for callers that only know colour on or off: the default theme, or monochrome.
    public static func make(color: Bool) -> Theme { resolve(ThemeChoice(), color: color) }

    public static func named(_ name: ThemeName) -> Theme {
        switch name {
        case .default:
            return Theme([
                .title: Style(foreground: .white, background: .blue, attributes: [.bold]),
                .paneHeader: Style(foreground: .gray, attributes: [.bold]),
                .paneHeaderFocused: Style(foreground: .cyan, attributes: [.bold, .underline]),
                .selection: .attrs([.reverse]),
                .selectionUnfocused: Style(foreground: .default, background: .indexed(236)),
                .unread: .attrs([.bold]),
                .read: Style(foreground: .gray),
                .count: Style(foreground: .yellow),
                .error: Style(foreground: .red, attributes: [.bold]),
                .status: Style(foreground: .black, background: .white),
                .statusError: Style(foreground: .red, background: .white, attributes: [.bold]),
                .dim: Style(foreground: .gray, attributes: [.dim]),
                .link: Style(foreground: .cyan, attributes: [.underline]),
                .border: Style(foreground: .gray),
                .articleTitle: Style(foreground: .white, attributes: [.bold]),
                .heading: Style(foreground: .cyan, attributes: [.bold]),
                .code: Style(foreground: .yellow),
                .match: Style(foreground: .black, background: .yellow),
                .meta: Style(foreground: .gray),
            ])
        case .light:
            // For dark text on a light background: no yellow or cyan text, a light grey selection.
            return Theme([
                .title: Style(foreground: .indexed(15), background: .indexed(25), attributes: [.bold]),
                .paneHeader: Style(foreground: .indexed(240), attributes: [.bold]),
                .paneHeaderFocused: Style(foreground: .indexed(25), attributes: [.bold, .underline]),
                .selection: .attrs([.reverse]),
                .selectionUnfocused: Style(foreground: .default, background: .indexed(253)),
                .unread: .attrs([.bold]),
                .read: Style(foreground: .indexed(242)),
                .count: Style(foreground: .indexed(130)),
                .error: Style(foreground: .indexed(160), attributes: [.bold]),
                .status: Style(foreground: .indexed(15), background: .indexed(238)),
                .statusError: Style(foreground: .indexed(15), background: .indexed(160), attributes: [.bold]),
                .dim: Style(foreground: .indexed(244)),
                .link: Style(foreground: .indexed(25), attributes: [.underline]),
                .border: Style(foreground: .indexed(244)),
                .articleTitle: Style(foreground: .indexed(16), attributes: [.bold]),
                .heading: Style(foreground: .indexed(25), attributes: [.bold]),
                .code: Style(foreground: .indexed(94)),
                .match: Style(foreground: .black, background: .indexed(221)),
                .meta: Style(foreground: .indexed(242)),
            ])
        case .highContrast:
            // Bright colours only, nothing dimmed.
            return Theme([
                .title: Style(foreground: .indexed(16), background: .indexed(15), attributes: [.bold]),
                .paneHeader: Style(foreground: .indexed(15), attributes: [.bold]),
                .paneHeaderFocused: Style(foreground: .indexed(11), attributes: [.bold, .underline]),
                .selection: Style(foreground: .indexed(16), background: .indexed(11), attributes: [.bold]),
                .selectionUnfocused: .attrs([.reverse]),
                .unread: Style(foreground: .indexed(15), attributes: [.bold]),
                .read: Style(foreground: .indexed(252)),
                .count: Style(foreground: .indexed(11), attributes: [.bold]),
                .error: Style(foreground: .indexed(9), attributes: [.bold]),
                .status: Style(foreground: .indexed(16), background: .indexed(15)),
                .statusError: Style(foreground: .indexed(15), background: .indexed(9), attributes: [.bold]),
                .dim: Style(foreground: .indexed(252)),
                .link: Style(foreground: .indexed(14), attributes: [.bold, .underline]),
                .border: Style(foreground: .indexed(15)),
                .articleTitle: Style(foreground: .indexed(15), attributes: [.bold]),
                .heading: Style(foreground: .indexed(15), attributes: [.bold, .underline]),
                .code: Style(foreground: .indexed(11)),
                .match: Style(foreground: .indexed(16), background: .indexed(11), attributes: [.bold]),
                .meta: Style(foreground: .indexed(252)),
            ])
        case .monochrome:
            return Theme([
                .title: .attrs([.reverse, .bold]), .paneHeader: .attrs([.bold]), .paneHeaderFocused: .attrs([.bold, .underline]),
                .selection: .attrs([.reverse]), .selectionUnfocused: .attrs([.underline]), .unread: .attrs([.bold]),
                .read: .plain, .count: .plain, .error: .attrs([.bold]), .status: .attrs([.reverse]),
                .statusError: .attrs([.reverse, .bold]), .dim: .attrs([.dim]), .link: .attrs([.underline]), .border: .plain,
                .articleTitle: .attrs([.bold]), .heading: .attrs([.bold]), .code: .plain, .match: .attrs([.reverse]), .meta: .attrs([.dim]),
            ])
        }
    }
}

/// The built-in themes.
public enum ThemeName: String, Hashable, Sendable, CaseIterable {
    case `default`, light, highContrast = "high-contrast", monochrome
}

/// A theme and the user's per-element overrides (feeds.json `colors`).
public struct ThemeChoice: Hashable, Sendable {
    public var name: ThemeName
    public var overrides: [Theme.Element: Style]
    public init(name: ThemeName = .default, overrides: [Theme.Element: Style] = [:]) { self.name = name; self.overrides = overrides }
}

extension Style {
    /// A style as feeds.json writes it: attributes, a foreground, and `on` a background, in any order
    /// of attributes first: `"bold yellow"`, `"black on #ffcc00"`, `"underline 208 on 236"`, `"reverse"`.
    /// Colours are a name (`red`, `bright-red`, `gray`, `default`), a palette number 0–255, or `#rrggbb`.
    public init(parsing text: String) throws(StyleSyntaxError) {
        var style = Style()
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        if words.isEmpty { throw StyleSyntaxError(message: "expected a style such as \"bold yellow\" or \"black on #ffcc00\"") }
        var i = 0
        var foregroundSet = false
        while i < words.count {
            let w = words[i]
            if let a = Self.attributeNames[w] {
                style.attributes.insert(a)
            } else if w == "plain" || w == "none" {
                // No attribute: a style of colours only reads better with it ("plain on blue").
            } else if w == "on" {
                guard i + 1 < words.count else { throw StyleSyntaxError(message: "\"on\" needs a background colour after it") }
                style.background = try Self.color(words[i + 1])
                i += 1
            } else {
                if foregroundSet { throw StyleSyntaxError(message: "two foreground colours (\"\(w)\"): write \"on\" before a background") }
                style.foreground = try Self.color(w)
                foregroundSet = true
            }
            i += 1
        }
        self = style
    }

    static let attributeNames: [String: Attributes] = [
        "bold": .bold, "dim": .dim, "underline": .underline, "reverse": .reverse, "italic": .italic,
    ]
    static let colorNames: [String: Color] = {
        var names: [String: Color] = ["default": .default, "grey": .gray]
        for (i, n) in ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"].enumerated() {
            names[n] = .indexed(UInt8(i))
            names["bright-" + n] = .indexed(UInt8(8 + i))
        }
        names["gray"] = .gray
        return names
    }()

    static func color(_ word: String) throws(StyleSyntaxError) -> Color {
        if let c = colorNames[word] { return c }
        if let n = Int(word) {
            guard (0...255).contains(n) else { throw StyleSyntaxError(message: "colour \(n) is not in 0–255") }
            return .indexed(UInt8(n))
        }
        if word.hasPrefix("#"), word.count == 7, let v = UInt32(word.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        throw StyleSyntaxError(message: "unknown colour or attribute \"\(word)\" (colours: a name such as red or bright-red, 0–255, or #rrggbb; attributes: bold, dim, underline, reverse, italic)")
    }
}

public struct StyleSyntaxError: Error, Hashable, Sendable {
    public var message: String
}
