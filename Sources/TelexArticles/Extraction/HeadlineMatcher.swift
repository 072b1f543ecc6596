import Foundation

/// Finds the link of a page that a headline names: "READ  Headline" lines often carry no link of
/// their own, while the same story is linked elsewhere on the page (a widget, a sidebar, a list),
/// its text the same headline, a truncated one ("…"), a slightly edited one, or only its URL's slug
/// ("/2022/09/boris-johnson-fait-face-a-de-nouveaux-appels/").
struct HeadlineMatcher {
    private struct Candidate {
        let url: String
        let text: [Substring]
        let key: String
        let slug: [Substring]
    }
    private let candidates: [Candidate]

    /// The page's http(s) links below `scope` (removed or not: a widget already set aside still links the story).
    init(_ tree: HTMLTree, scope: Int, resolver: URLResolver) {
        var list: [Candidate] = []
        var seen: Set<String> = []
        for a in tree.descendants(of: scope, tag: .a, includeRemoved: true) {
            guard let href = tree.attribute(a, .href), let url = resolver.link(href), url.hasPrefix("http") else { continue }
            let texts = [tree.textContent(a, limit: 400), tree.attribute(a, .title) ?? ""]
            for text in texts where !text.isEmpty {
                let key = Self.key(text)
                guard !key.isEmpty, seen.insert(url + "\t" + key).inserted else { continue }
                list.append(Candidate(url: url, text: key.split(separator: " "), key: key, slug: Self.slugWords(url)))
            }
            if texts.allSatisfy(\.isEmpty), seen.insert(url).inserted {
                list.append(Candidate(url: url, text: [], key: "", slug: Self.slugWords(url)))
            }
        }
        candidates = list
    }

    /// The URL of the link that best fits `headline`, or nil when none fits; URLs in `excluding` are skipped.
    func url(for headline: String, excluding: Set<String>) -> String? {
        let key = Self.key(headline)
        let words = key.split(separator: " ")
        guard words.count >= 2 || key.count >= 4 else { return nil }
        var best: (score: Double, url: String)?
        for c in candidates where !excluding.contains(c.url) {
            let score = Self.score(key: key, words: words, candidate: c)
            if score > 0, score > (best?.score ?? 0) { best = (score, c.url) }
        }
        return best?.url
    }

    private static func score(key: String, words: [Substring], candidate c: Candidate) -> Double {
        if !c.key.isEmpty {
            if c.key == key { return 4 }
            // A truncated headline ("Boris Johnson fait face à de nouveaux…") or one with a suffix.
            let (short, long) = c.key.count < key.count ? (c.key, key) : (key, c.key)
            if short.count >= 20, short.split(separator: " ").count >= 4, long.hasPrefix(short), Double(short.count) >= 0.25 * Double(long.count) {
                return 3 + Double(short.count) / Double(long.count)
            }
            // Close: most words shared.
            let dice = Self.dice(words, c.text)
            if dice >= 0.8 { return 2 + dice - 1 }
        }
        // The URL's slug spells the headline.
        if c.slug.count >= 3 {
            let headlineWords = Set(words)
            let inHeadline = c.slug.filter { headlineWords.contains($0) }.count
            if Double(inHeadline) >= 0.8 * Double(c.slug.count), inHeadline >= 5 || Double(inHeadline) >= 0.4 * Double(words.count) {
                return 1 + Double(inHeadline) / Double(max(words.count, c.slug.count))
            }
        }
        return 0
    }

    private static func dice(_ a: [Substring], _ b: [Substring]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var counts: [Substring: Int] = [:]
        for w in a { counts[w, default: 0] += 1 }
        var common = 0
        for w in b where (counts[w] ?? 0) > 0 { counts[w]! -= 1; common += 1 }
        return 2 * Double(common) / Double(a.count + b.count)
    }

    /// Lowercased, accents folded, letters and digits only, words separated by single spaces.
    static func key(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        var space = false
        for s in folded.unicodeScalars {
            if s.properties.isAlphabetic || s.properties.numericType != nil {
                if space, !out.isEmpty { out.append(" ") }
                space = false
                out.append(s)
            } else {
                space = true
            }
        }
        return String(out)
    }

    /// The words of the URL path's most telling segment (the longest of the last two), folded like `key`.
    static func slugWords(_ url: String) -> [Substring] {
        guard let path = URL(string: url)?.path else { return [] }
        let segments = path.split(separator: "/").suffix(2).map { segment in
            // "boris-johnson-fait-face.html" → without the extension.
            segment.split(separator: ".").first.map(String.init) ?? String(segment)
        }
        guard let slug = segments.max(by: { $0.count < $1.count }) else { return [] }
        let words = key(slug.removingPercentEncoding ?? slug).split(separator: " ")
        // Numbers alone (ids, dates) say nothing of the headline.
        return words.filter { !$0.allSatisfy(\.isNumber) }
    }
}
