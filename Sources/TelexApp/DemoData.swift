import Foundation
import TelexModel

/// A small multilingual fixture cache: the reader runs on it with the hidden `--demo-data` flag
/// (end-to-end tests, trying the front end before the cache is wired in).
public enum DemoData {
    static let feeds: [(section: String, feeds: [(id: Int64, title: String)])] = [
        ("World", [(1, "Le Monde: International"), (2, "NHK 国際ニュース")]),
        ("Wirtschaft", [(3, "Börse & Märkte")]),
        ("Tech", [(4, "Kernel Weekly"), (5, "Emoji Times 🎉")]),
        ("Culture", [(6, "Revue des Arts")]),
    ]

    static let titles: [(feed: Int64, title: String, author: String?)] = [
        (1, "Élections européennes : les résultats région par région", "Anaïs Dubois"),
        (2, "東京で国際会議が開幕、各国首脳が集まる", nil),
        (3, "Große Übernahme: Münchner Konzern kauft Zulieferer", "Jürgen Weiß"),
        (4, "A new scheduler lands in the kernel after years of debate", "Ada Byte"),
        (5, "Flags 🇫🇷🇯🇵 and families 👨‍👩‍👧 render at last", nil),
        (6, "Exposition : la naïveté retrouvée des peintres du café", "Zoé Lefèvre"),
        (1, "Sommet du G20 : ce qu’il faut retenir", nil),
        (2, "北海道で記録的な大雪、交通に乱れ", nil),
        (3, "Zinsentscheidung: Die Notenbank hält still", "Käthe Schröder"),
        (4, "Why your terminal draws emoji two columns wide", "Ada Byte"),
        (6, "Théâtre : « Cyrano » revient à l’Odéon", nil),
        (5, "Combining marks: e\u{0301}, a\u{0308} and n\u{0303} line up", nil),
    ]

    /// The demo cache, with ages relative to `now`. About sixty items: enough to page and scroll.
    public static func cache(now: Date = Date()) -> InMemoryCache {
        var sections: [SectionSummary] = []
        for (i, s) in feeds.enumerated() {
            sections.append(SectionSummary(id: SectionID(Int64(i + 1)), name: s.section, feeds: s.feeds.map {
                FeedSummary(id: FeedID($0.id), url: "https://example.org/feed/\($0.id)", title: $0.title)
            }))
        }
        let sourceName = Dictionary(uniqueKeysWithValues: feeds.flatMap(\.feeds).map { ($0.id, $0.title) })
        var items: [ItemDetail] = []
        var id: Int64 = 0
        for round in 0..<5 {
            for (j, t) in titles.enumerated() {
                id += 1
                let age = Double(round * titles.count + j) * 2_700 + 120
                let title = round == 0 ? t.title : "\(t.title) (\(round + 1))"
                let headline = Headline(id: ItemID(id), feedID: FeedID(t.feed), title: title,
                                        source: sourceName[t.feed] ?? "", link: "https://example.org/article/\(id)",
                                        sortTime: now.addingTimeInterval(-age), isRead: round >= 3, isSaved: false)
                items.append(ItemDetail(headline: headline, author: t.author, published: headline.sortTime,
                                        summaryHTML: "<p>\(title).</p><p>Second paragraph of article \(id), with <b>bold</b> words &amp; an entity.</p>",
                                        articleURL: headline.link))
            }
        }
        return InMemoryCache(sections: sections, items: items)
    }
}
