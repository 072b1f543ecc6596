import Foundation

/// The Article/NewsArticle/BlogPosting object of a page's JSON-LD, if any.
struct JSONLDArticle {
    var headline: String?
    var author: String?
    var datePublished: String?
    var publisher: String?
    var image: String?
    var body: String?
    var language: String?

    private static let articleTypes: Set<String> = ["article", "newsarticle", "blogposting", "reportage", "analysisnewsarticle",
                                                    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
                                                    "socialmediaposting", "techarticle", "scholarlyarticle", "report", "liveblogposting", "webpage"]

    /// Every schema.org type named in a JSON-LD text, lowercased.
    static func types(in text: String) -> Set<String> {
        guard text.utf8.count < 2 << 20,
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return [] }
        var result: Set<String> = []
        var stack: [Any] = [object]
        var visited = 0
        while let item = stack.popLast(), visited < 2000 {
            visited += 1
            if let array = item as? [Any] { stack.append(contentsOf: array); continue }
            guard let dict = item as? [String: Any] else { continue }
            result.formUnion(typeNames(dict["@type"]))
            for (key, value) in dict where key != "@context" && (value is [Any] || value is [String: Any]) { stack.append(value) }
        }
        return result
    }

    static func find(in text: String) -> JSONLDArticle? {
        guard text.utf8.count < 2 << 20,
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return nil }
        var stack: [Any] = [object]
        var fallback: JSONLDArticle?
        var visited = 0
        while let item = stack.popLast(), visited < 2000 {
            visited += 1
            if let array = item as? [Any] { stack.append(contentsOf: array.reversed()); continue }
            guard let dict = item as? [String: Any] else { continue }
            if let graph = dict["@graph"] { stack.append(graph) }
            let types = typeNames(dict["@type"])
            if types.contains(where: { articleTypes.contains($0) }) {
                let article = JSONLDArticle(dict)
                if !types.contains("webpage") { return article }
                if fallback == nil { fallback = article }
            }
            if let main = dict["mainEntity"] { stack.append(main) }
        }
        return fallback
    }

    private static func typeNames(_ value: Any?) -> [String] {
        if let s = value as? String { return [s.lowercased()] }
        if let a = value as? [Any] { return a.compactMap { ($0 as? String)?.lowercased() } }
        return []
    }

    private init(_ dict: [String: Any]) {
        headline = (dict["headline"] as? String) ?? (dict["name"] as? String)
        author = Self.names(dict["author"]) ?? Self.names(dict["creator"])
        datePublished = dict["datePublished"] as? String ?? dict["dateCreated"] as? String
        publisher = Self.names(dict["publisher"])
        image = Self.url(dict["image"])
        body = dict["articleBody"] as? String ?? dict["text"] as? String
        language = dict["inLanguage"] as? String
    }

    private static func names(_ value: Any?) -> String? {
        if let s = value as? String { return s }
        if let d = value as? [String: Any] { return d["name"] as? String }
        if let a = value as? [Any] {
            let all = a.compactMap { names($0) }
            return all.isEmpty ? nil : all.joined(separator: ", ")
        }
        return nil
    }

    private static func url(_ value: Any?) -> String? {
        if let s = value as? String { return s }
        if let d = value as? [String: Any] { return d["url"] as? String ?? d["contentUrl"] as? String }
        if let a = value as? [Any], let first = a.first { return url(first) }
        return nil
    }
}
