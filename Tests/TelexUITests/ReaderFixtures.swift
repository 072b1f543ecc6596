import Foundation
import TelexArticles
import TelexModel
import TelexScreen
@testable import TelexUI

/// Small documents and items for the reading view's tests.
enum ReaderFixtures {
    /// `paragraphs` paragraphs of filler; paragraph i (for i in `linkAt`) carries a link to /p<i>.
    static func document(title: String = "A story", paragraphs: Int = 30, linkAt: [Int] = [2, 10, 20],
                         related: [RelatedLink] = [RelatedLink(title: "Related one", url: "https://example.com/r1")]) -> ArticleDocument {
        var blocks: [Block] = []
        for i in 0..<paragraphs {
            if linkAt.contains(i) {
                blocks.append(.paragraph([.text("Paragraph \(i) has "), .link(url: "https://example.com/p\(i)", [.text("link \(i)")]), .text(" in it.")]))
            } else {
                blocks.append(.paragraph([.text("Paragraph \(i) is plain text.")]))
            }
        }
        return ArticleDocument(metadata: ArticleMetadata(title: title, byline: "Ann Writer", siteName: "Example News"),
                               blocks: blocks, related: related)
    }

    static func headline(id: Int64 = 1, title: String = "A story", isRead: Bool = false) -> Headline {
        Headline(id: ItemID(id), feedID: FeedID(1), title: title, source: "Example Feed", link: "https://example.com/story",
                 sortTime: Date(timeIntervalSince1970: 1_700_000_000), isRead: isRead, isSaved: false)
    }

    static func detail(id: Int64 = 1, document: ArticleDocument? = document(), summary: String? = nil, isRead: Bool = false) -> ItemDetail {
        ItemDetail(headline: headline(id: id, isRead: isRead), author: "Feed Author", summaryHTML: summary,
                   articleJSON: document.map(ArticleDocumentCodec.encode), articleURL: "https://example.com/story")
    }

    /// `detail` resolved as the runner resolves it before the reducer sees it.
    static func item(_ detail: ItemDetail = detail()) -> ResolvedItem { DocumentResolver.resolve(detail) }

    /// A state with the reader open on `detail` at the given size.
    static func state(width: Int = 80, height: Int = 12, detail: ItemDetail = detail()) -> AppState {
        var s = AppState(width: width, height: height)
        _ = reduce(&s, .openInReader(item(detail)))
        return s
    }
}

extension AppState {
    /// Sends keys one by one, collecting the effects.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for k in keys { effects += reduce(&self, .key(k)) }
        return effects
    }
}
