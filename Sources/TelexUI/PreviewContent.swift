import Foundation
import TelexArticles
import TelexModel
import TelexScreen

/// What the preview pane shows for one item: the document the reading view would open (resolved
/// off the terminal thread by `DocumentResolver`), and the start of its story as plain paragraphs.
public struct PreviewContent: Hashable, Sendable {
    /// At most this many paragraphs are kept: the preview shows the start of the article.
    public static let maxParagraphs = 12
    /// The resolved item: Enter opens the reader on it as it is.
    public var item: ResolvedItem
    public var paragraphs: [String]

    public var detail: ItemDetail {
        get { item.detail }
        set { item.detail = newValue }
    }

    /// The document's language, for hyphenation.
    public var language: String? { item.document.metadata.language }

    /// The preview and the reader show the same document, so they never disagree.
    public init(item: ResolvedItem) {
        self.item = item
        paragraphs = Self.paragraphs(of: item.document)
    }

    /// One line of terminal-safe text per paragraph, list item or table row, whitespace collapsed
    /// except the no-break spaces (U+00A0, U+202F, U+2007), which the line breaker keeps; soft
    /// hyphens are kept for it too.
    static func paragraphs(of document: ArticleDocument) -> [String] {
        var result: [String] = []
        // Only the start is flattened: this runs in the reducer, and a story can have thousands of paragraphs.
        for paragraph in document.plainParagraphs(keepingSoftHyphens: true, limit: maxParagraphs) {
            for line in paragraph.split(separator: "\n") {
                let text = TerminalSafe.clean(String(line)).split(whereSeparator: isCollapsibleSpace).joined(separator: " ")
                if text.isEmpty { continue }
                result.append(text)
                if result.count == maxParagraphs { return result }
            }
        }
        return result
    }

    private static func isCollapsibleSpace(_ c: Character) -> Bool {
        c.isWhitespace && c != "\u{A0}" && c != "\u{202F}" && c != "\u{2007}"
    }
}
