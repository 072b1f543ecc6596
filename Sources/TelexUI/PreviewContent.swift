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
        start.contentHTML = detail.contentHTML.map { String($0.utf8.prefix(Self.maxInput)) ?? "" }
        start.summaryHTML = detail.summaryHTML.map { String($0.utf8.prefix(Self.maxInput)) ?? "" }
        paragraphs = Self.paragraphs(of: ReaderPage.item(start).document)
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
