import Foundation

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) through JSONSerialization.
enum JSONFeedReader {
    static func parse(_ utf8: [UInt8], documentURL: String?) throws(FeedParseError) -> ParsedFeed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(utf8), options: [.fragmentsAllowed])
        } catch {
            throw FeedParseError(.malformed, "invalid JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else { throw FeedParseError(.notAFeed, "JSON document is not an object") }
        let version = string(root["version"]) ?? ""
        guard version.contains("jsonfeed.org") || root["items"] is [Any] else {
            throw FeedParseError(.notAFeed, "JSON document is not a JSON Feed (no version, no items)")
        }
        var feed = ParsedFeed(format: version.hasSuffix("/1.1") ? .jsonFeed11 : .jsonFeed10)
        if !version.contains("jsonfeed.org") { feed.warnings.append("JSON Feed without a version: read as 1.0") }
        let base = string(root["feed_url"]) ?? documentURL
        feed.title = string(root["title"]).map(HTMLText.collapseWhitespace)
        feed.link = string(root["home_page_url"]).map { URLResolver.resolve($0, against: base) }
        feed.description = string(root["description"]).map(HTMLText.collapseWhitespace)
        feed.language = string(root["language"])
        feed.image = (string(root["icon"]) ?? string(root["favicon"])).map { URLResolver.resolve($0, against: base) }
        let feedAuthors = authors(root)
        for (index, entry) in ((root["items"] as? [Any]) ?? []).enumerated() {
            guard let object = entry as? [String: Any] else {
                feed.warnings.append("item \(index) is not an object"); continue
            }
            var draft = ItemDraft()
            if let url = string(object["url"]) { draft.link = URLResolver.resolve(url, against: base) }
            else if let external = string(object["external_url"]) { draft.link = URLResolver.resolve(external, against: base) }
            if let id = object["id"] { draft.guid = string(id) ?? (id as? NSNumber)?.stringValue }
            draft.guidIsPermaLink = false
            draft.title = string(object["title"]).map(HTMLText.plainText)
            if let html = string(object["content_html"]) { draft.content = html }
            else if let text = string(object["content_text"]) { draft.content = HTMLText.escape(text) }
            draft.summary = string(object["summary"]).map(HTMLText.escape)
            if let text = string(object["date_published"]) {
                draft.published = FeedDate.parse(text); draft.publishedText = text
            }
            if let text = string(object["date_modified"]) { draft.updated = FeedDate.parse(text) }
            let itemAuthors = authors(object)
            for name in itemAuthors.isEmpty ? feedAuthors : itemAuthors { draft.addAuthor(name) }
            draft.categories = (object["tags"] as? [Any] ?? []).compactMap(string)
            draft.language = string(object["language"])
            if let image = string(object["image"]) ?? string(object["banner_image"]) { draft.image = URLResolver.resolve(image, against: base) }
            for attachment in object["attachments"] as? [Any] ?? [] {
                guard let a = attachment as? [String: Any], let url = string(a["url"]) else { continue }
                let size = (a["size_in_bytes"] as? NSNumber)?.int64Value
                draft.enclosures.append(Enclosure(url: URLResolver.resolve(url, against: base), type: string(a["mime_type"]), length: size))
            }
            feed.items.append(draft.build())
            if feed.items.count >= FeedBuilder.maxItems { feed.warnings.append("too many items: the rest ignored"); break }
        }
        return feed
    }

    private static func authors(_ object: [String: Any]) -> [String] {
        var names: [String] = []
        for author in (object["authors"] as? [Any] ?? []) + [object["author"] as Any] {
            guard let a = author as? [String: Any], let name = string(a["name"]) ?? string(a["url"]) else { continue }
            names.append(name)
        }
        return names
    }

    private static func string(_ value: Any?) -> String? {
        guard let s = value as? String else { return nil }
        let trimmed = s.trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
