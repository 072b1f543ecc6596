import Foundation

/// An item being assembled while its element is open: each field remembers how good its source was,
/// so `<content:encoded>` beats `<description>` for content, `<pubDate>` beats `<dc:date>`, and so on.
struct ItemDraft {
    var guid: String?
    var guidIsPermaLink = true
    var atomID: String?
    var rdfAbout: String?
    var title: String?
    var titlePriority = 0
    var link: String?
    var linkPriority = 0
    var published: Date?
    var publishedPriority = 0
    var publishedText: String?
    var updated: Date?
    var created: Date?
    var authors: [String] = []
    var summary: String?
    var summaryPriority = 0
    var content: String?
    var contentPriority = 0
    var categories: [String] = []
    var enclosures: [Enclosure] = []
    var comments: String?
    var image: String?
    var imagePriority = 0
    var language: String?

    var hasAnything: Bool { title != nil || link != nil || guid != nil || atomID != nil || summary != nil || content != nil }

    mutating func offerLink(_ value: String, priority: Int) {
        if priority > linkPriority, !value.isEmpty { link = value; linkPriority = priority }
    }

    mutating func offerImage(_ value: String, priority: Int) {
        if priority > imagePriority, !value.isEmpty { image = value; imagePriority = priority }
    }

    mutating func addAuthor(_ name: String) {
        let clean = HTMLText.plainText(name)
        if !clean.isEmpty, !authors.contains(clean) { authors.append(clean) }
    }

    /// The finished item; the id falls back to the link, then to a hash of title and date.
    func build() -> ParsedItem {
        var link = self.link
        let guid = self.guid.flatMap { $0.isEmpty ? nil : $0 }
        // With no link, a permalink guid or an Atom id that is an http(s) URL is the link (resolved
        // against xml:base and the document URL when it was relative).
        if link == nil, let candidate = guidIsPermaLink ? guid ?? atomID : atomID, Self.isWebURL(candidate) { link = candidate }
        let id = guid ?? atomID.flatMap { $0.isEmpty ? nil : $0 } ?? rdfAbout ?? link
            ?? StableID.hash(title: title ?? "", date: publishedText ?? "", extra: summary ?? content ?? "")
        return ParsedItem(
            id: id, title: title ?? "", link: link, published: published ?? updated ?? created, updated: updated,
            authors: authors, summaryHTML: summary, contentHTML: content, categories: categories,
            enclosures: enclosures, commentsURL: comments, imageURL: image ?? enclosures.first(where: { $0.type?.hasPrefix("image/") == true })?.url,
            language: language)
    }
}

extension ItemDraft {
    static func isWebURL(_ s: String) -> Bool {
        let lower = s.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}

/// Identifiers for items that carry none: stable across refetches of the same text.
enum StableID {
    static func hash(title: String, date: String, extra: String) -> String {
        // FNV-1a, 64 bits: deterministic across runs and platforms (Hasher is seeded per process).
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in title.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h = (h ^ 0x1F) &* 0x100_0000_01b3
        for byte in date.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        if title.isEmpty && date.isEmpty {
            for byte in extra.utf8.prefix(4096) { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        let hex = String(h, radix: 16)
        return "telex:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
