import Foundation
import TelexModel

/// An item with everything the writer derives from it computed up front: bounded fields, the content
/// hash, the link key and the length of the feed's text. `FeedResult` prepares its items when it is made, so the
/// fetcher does this work in its parallel parse tasks and the single writer only runs SQL (a profile
/// of a cold pass had a fifth of its CPU here, all of it inside the write transaction).
struct PreparedItem: Sendable, Hashable {
    let stableID: String
    let title: String
    let link: String?
    let author: String?
    let summary: String?
    let content: String?
    let published: Int64?
    let updated: Int64?
    let hash: Int64
    let linkKey: String?
    /// Characters of the feed's own text (`FeedText.length`; `article: auto` fetches the page of a summary).
    let textLength: Int
    /// The title and the feed's text as the search index holds them (`Store.searchText`), converted here once (in
    /// the parse task): a writer that indexes inline (`SearchIndexing.inline`) writes them as they are.
    let searchTitle: String
    let searchBody: String
    /// The tag the feed declared, as written (kept with a hidden item), and its primary subtag.
    let declaredLanguage: String?
    let declaredLang: String?
    /// A guess from the title's and text's script when nothing is declared (`Language.guess`).
    let guessedLang: String?
    /// What clustering compares (`ClusterSignature`), and its stored form.
    let clusterSignature: ClusterSignature
    let clusterBlob: Data

    init(_ item: ItemRecord) {
        stableID = Store.bounded(item.stableID, Store.maxShort)
        title = Store.bounded(item.title, Store.maxTitle)
        link = item.link.map { Store.bounded($0, Store.maxShort) }
        author = item.author.map { Store.bounded($0, Store.maxShort) }
        summary = item.summaryHTML.map { Store.bounded($0, Store.maxHTML) }
        content = item.contentHTML.map { Store.bounded($0, Store.maxHTML) }
        published = StoreTime.milliseconds(item.published)
        updated = StoreTime.milliseconds(item.updated)
        hash = ContentHash.of([title, link, author, published.map(String.init), updated.map(String.init), summary, content])
        linkKey = link.map(URLNormalizer.normalize)
        (searchBody, textLength) = FeedText.counted(summaryHTML: summary, contentHTML: content)
        searchTitle = PlainText.fromHTML(title, limit: Store.maxTitle)
        declaredLanguage = item.language.map { Store.bounded($0, 64) }
        declaredLang = declaredLanguage.flatMap(Language.primary)
        guessedLang = declaredLang == nil ? Language.guess(searchTitle + " " + searchBody.prefix(600)) : nil
        clusterSignature = ClusterSignature(title: searchTitle, text: searchBody.prefix(ClusterSignature.textPrefix))
        clusterBlob = clusterSignature.blob
    }
}
