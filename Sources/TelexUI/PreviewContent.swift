import Foundation
import TelexModel

/// What the preview pane shows for one item: its detail and the body as plain paragraphs.
public struct PreviewContent: Hashable, Sendable {
    /// At most this many paragraphs are kept: the preview shows the start of the article.
    public static let maxParagraphs = 12
    public var detail: ItemDetail
    public var paragraphs: [String]

    public init(detail: ItemDetail) {
        self.detail = detail
        let html = detail.contentHTML ?? detail.summaryHTML ?? ""
        paragraphs = Array(PlainText.paragraphs(fromHTML: html).prefix(Self.maxParagraphs))
    }
}
