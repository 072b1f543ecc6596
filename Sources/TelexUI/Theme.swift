import TelexScreen

/// The styles views use, by role. Without colour (`NO_COLOR`, or the setting) only attributes remain.
public struct Theme: Hashable, Sendable {
    public var title: Style
    public var paneHeader: Style
    public var paneHeaderFocused: Style
    public var selection: Style
    public var selectionUnfocused: Style
    public var unread: Style
    public var read: Style
    public var count: Style
    public var error: Style
    public var status: Style
    /// The status line saying why a feed fails.
    public var statusError: Style
    public var dim: Style
    public var link: Style
    public var border: Style

    public static func make(color: Bool) -> Theme {
        var t = Theme(
            title: Style(foreground: .white, background: .blue, attributes: [.bold]),
            paneHeader: Style(foreground: .gray, attributes: [.bold]),
            paneHeaderFocused: Style(foreground: .cyan, attributes: [.bold, .underline]),
            selection: Style(attributes: [.reverse]),
            selectionUnfocused: Style(foreground: .default, background: .indexed(236)),
            unread: Style(attributes: [.bold]),
            read: Style(foreground: .gray),
            count: Style(foreground: .yellow),
            error: Style(foreground: .red, attributes: [.bold]),
            status: Style(foreground: .black, background: .white),
            statusError: Style(foreground: .red, background: .white, attributes: [.bold]),
            dim: Style(foreground: .gray, attributes: [.dim]),
            link: Style(foreground: .cyan, attributes: [.underline]),
            border: Style(foreground: .gray))
        if !color {
            t = Theme(title: .attrs([.reverse, .bold]), paneHeader: .attrs([.bold]), paneHeaderFocused: .attrs([.bold, .underline]),
                      selection: .attrs([.reverse]), selectionUnfocused: .attrs([.underline]), unread: .attrs([.bold]),
                      read: .plain, count: .plain, error: .attrs([.bold]), status: .attrs([.reverse]), statusError: .attrs([.reverse, .bold]), dim: .attrs([.dim]),
                      link: .attrs([.underline]), border: .plain)
        }
        return t
    }
}
