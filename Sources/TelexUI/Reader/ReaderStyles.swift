import TelexArticles
import TelexScreen

/// The reading view's styles by text role, from the theme (its `heading`, `link`, `code`, `meta` and
/// `match` elements); the rest are attributes, which show without colour too.
struct ReaderStyles {
    let theme: Theme

    func style(for role: TextRole) -> Style {
        switch role {
        case .title: return theme[.articleTitle]
        case .meta: return theme[.meta]
        case .heading: return theme[.heading]
        case .quote: return .attrs([.dim])
        case .caption: return .attrs([.italic, .dim])
        case .code: return theme[.code]
        case .emphasis: return .attrs([.italic])
        case .strong: return .attrs([.bold])
        case .link: return theme.link
        case .linkNumber: return .attrs([.dim])
        case .listMarker, .rule, .tableBorder: return theme.border
        case .note: return Style(foreground: theme[.code].foreground, attributes: [.italic])
        case .body: return .plain
        }
    }

    /// The link under the cursor: reversed, so it shows without colour too.
    var cursorLink: Style { .attrs([.reverse, .underline]) }
    var match: Style { theme[.match] }
    var currentMatch: Style { var s = theme[.match]; s.attributes.formUnion([.bold, .underline]); return s }
}
