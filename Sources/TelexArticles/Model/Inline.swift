import Foundation

/// A run of text inside a block.
public indirect enum Inline: Sendable, Hashable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case code(String)
    case lineBreak
    case link(url: String, [Inline])

    /// The visible text of a sequence of inlines; line breaks become newlines. Soft hyphens, which
    /// only say where a word may break, are left out (search and scoring see whole words).
    public static func plainText(_ inlines: [Inline]) -> String {
        plainText(inlines, keepingSoftHyphens: false)
    }

    /// The text of a sequence of inlines, soft hyphens (U+00AD) kept when `keepingSoftHyphens`
    /// (for text that is laid out again, as the preview's paragraphs are).
    public static func plainText(_ inlines: [Inline], keepingSoftHyphens: Bool) -> String {
        var out = ""
        append(inlines, to: &out)
        // 0xAD is the soft hyphen's last UTF-8 byte: a quick test (extraction asks for plain text
        // often) before looking at scalars.
        if !keepingSoftHyphens && out.utf8.withContiguousStorageIfAvailable({ $0.isEmpty ? false : memchr($0.baseAddress!, 0xAD, $0.count) != nil }) != false
            && out.unicodeScalars.contains("\u{AD}") {
            out.unicodeScalars.removeAll { $0 == "\u{AD}" }
        }
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
