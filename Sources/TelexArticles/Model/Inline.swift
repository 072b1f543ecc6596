/// A run of text inside a block.
public indirect enum Inline: Codable, Sendable, Hashable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case code(String)
    case lineBreak
    case link(url: String, [Inline])

    /// The visible text of a sequence of inlines; line breaks become newlines.
    public static func plainText(_ inlines: [Inline]) -> String {
        var out = ""
        append(inlines, to: &out)
        return out
    }

    private static func append(_ inlines: [Inline], to out: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let s), .code(let s): out += s
            case .emphasis(let inner), .strong(let inner), .link(_, let inner): append(inner, to: &out)
            case .lineBreak: out += "\n"
            }
        }
    }

    static func collectLinks(_ inlines: [Inline], into out: inout [DocumentLink]) {
        for inline in inlines {
            switch inline {
            case .link(let url, let inner):
                out.append(DocumentLink(text: plainText(inner), url: url))
            case .emphasis(let inner), .strong(let inner):
                collectLinks(inner, into: &out)
            default: break
            }
        }
    }
}
