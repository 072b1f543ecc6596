import TelexArticles
import TelexScreen

/// The reading view's styles by text role. Without colour only attributes remain.
struct ReaderStyles {
    let color: Bool

    func style(for role: TextRole) -> Style {
        switch role {
        case .title: return color ? Style(foreground: .white, attributes: [.bold]) : .attrs([.bold])
        case .meta: return color ? Style(foreground: .gray) : .attrs([.dim])
        case .heading: return color ? Style(foreground: .cyan, attributes: [.bold]) : .attrs([.bold])
        case .quote: return .attrs([.dim])
        case .caption: return .attrs([.italic, .dim])
        case .code: return color ? Style(foreground: .yellow) : .plain
        case .emphasis: return .attrs([.italic])
        case .strong: return .attrs([.bold])
        case .link: return color ? Style(foreground: .cyan, attributes: [.underline]) : .attrs([.underline])
        case .linkNumber: return .attrs([.dim])
        case .listMarker, .rule, .tableBorder: return color ? Style(foreground: .gray) : .plain
        case .note: return color ? Style(foreground: .yellow, attributes: [.italic]) : .attrs([.italic])
        case .body: return .plain
        }
    }

    /// The link under the cursor: reversed, so it shows without colour too.
    var cursorLink: Style { .attrs([.reverse, .underline]) }
    var match: Style { color ? Style(foreground: .black, background: .yellow) : .attrs([.reverse]) }
    var currentMatch: Style { color ? Style(foreground: .black, background: .yellow, attributes: [.bold, .underline]) : .attrs([.reverse, .bold]) }
}
