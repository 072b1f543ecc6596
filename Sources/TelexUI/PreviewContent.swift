import Foundation
import TelexArticles
import TelexModel
import TelexScreen

/// What the preview pane shows for one item: its detail and the start of its story as plain paragraphs.
public struct PreviewContent: Hashable, Sendable {
    /// At most this many paragraphs are kept: the preview shows the start of the article.
    public static let maxParagraphs = 12
    /// Feed HTML beyond this many bytes is not read for the preview (it is rebuilt on every move).
    public static let maxInput = 64 * 1024
    public var detail: ItemDetail
    public var paragraphs: [String]

    /// The story is the one the reading view would open (the cached article when trustworthy, else the
    /// feed's HTML through TelexArticles' cleaner), so the preview and the reader never disagree.
    public init(detail: ItemDetail) {
        self.detail = detail
        var start = detail
        start.contentHTML = detail.contentHTML.map { Self.start(of: $0) }
        start.summaryHTML = detail.summaryHTML.map { Self.start(of: $0) }
        paragraphs = Self.paragraphs(of: ReaderPage.item(start).document)
    }

    /// The first `maxInput` bytes, cut back to a character boundary (a cut inside a multi-byte
    /// character once emptied the whole preview).
    static func start(of html: String) -> String {
        let utf8 = html.utf8
        guard utf8.count > maxInput else { return html }
        var end = utf8.index(utf8.startIndex, offsetBy: maxInput)
        while end > utf8.startIndex && utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return String(String.UnicodeScalarView(html.unicodeScalars[..<end]))
    }

    /// One line of terminal-safe text per paragraph, list item or table row, whitespace collapsed.
    static func paragraphs(of document: ArticleDocument) -> [String] {
        var result: [String] = []
        for paragraph in document.plainParagraphs {
            for line in paragraph.split(separator: "\n") {
                let text = TerminalSafe.clean(String(line)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if text.isEmpty { continue }
                result.append(text)
                if result.count == maxParagraphs { return result }
            }
        }
        return result
    }
}
