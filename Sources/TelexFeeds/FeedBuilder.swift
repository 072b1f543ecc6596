import Foundation

/// How the text of a captured element becomes a value.
enum TextMode {
    /// Identifiers, links, dates: text only, child tags ignored.
    case plain
    /// RSS descriptions and escaped Atom HTML: the text is HTML source; child tags are re-serialized.
    case html
    /// Atom xhtml and xhtml:body: child tags re-serialized, text escaped.
    case xhtml
    /// Atom `type="text"`: plain text, escaped when it becomes HTML.
    case text
    /// Content we do not read (out-of-line `src`, binary types).
    case ignored
}

/// The streaming state machine: element events in, a `ParsedFeed` out. Knows feed vocabularies,
/// nothing of libxml2. Depth is an explicit stack, never recursion.
final class FeedBuilder {
    enum Role { case root, channel, item, image, person, group, skip, capture }

    struct Frame {
        var role: Role
        var base: String?
        var name: String = ""
        var voidElement = false
        var wrapper = false
    }

    enum Field {
        case feedTitle, feedLink, feedID, feedDescription(Int), feedLanguage, feedUpdated, feedImage(Int), ttl, updatePeriod, updateFrequency
        case title(Int), link, guid, id, summary(Int), content(Int), published(Int), updated, created, author, category, tagList, comments
        case personName, personEmail, personURI
    }

    struct Capture {
        var field: Field
        var depth: Int
        var mode: TextMode
        var base: String?
        /// Atom `mode="base64"` (0.3) or a type that is neither text nor XML (1.0): the text is decoded
        /// when the element ends.
        var base64 = false
        /// The type is a binary media type (image/png): content that decodes to bytes that are not text is
        /// dropped. Otherwise (a made-up type such as "custom") text that is not base64 is kept as text.
        var binaryType = false
        /// Child elements were re-serialized into the text (`<title>Entry<BR /></title>`): the text is HTML
        /// even when it has no end tag or reference to show it.
        var childElements = false
    }

    struct PersonDraft { var name: String?; var email: String?; var uri: String?; var forItem: Bool }

    static let maxFieldBytes = 4 << 20
    static let maxItems = 100_000

    var feed = ParsedFeed()
    /// Where finished items go when the caller streams them (`FeedParser.parse(_:eachItem:)`); nil keeps
    /// them in `feed.items`.
    var eachItem: ((ParsedItem) -> Void)?
    /// Items finished so far, kept or streamed.
    private(set) var itemCount = 0
    private(set) var stack: [Frame] = []
    private var capture: Capture?
    /// The open capture's bytes: one buffer reused for every field (captures never nest), so a field
    /// costs no allocation of its own.
    private var captureBuffer: [UInt8] = []
    private var item: ItemDraft?
    private var person: PersonDraft?
    private let documentURL: String?
    private var feedLinkPriority = 0
    private var feedImagePriority = 0
    private var feedDescriptionPriority = 0
    private var updatePeriodMinutes: Int?
    private var updateFrequency: Int?
    private var dateWarnings = 0
    private var truncatedFields = 0
    var stopped = false
    var notAFeedReason: String?
    /// The document was UTF-8: double-encoded text and C1 controls are repaired (`TextRepair`).
    var repairsText = false

    init(documentURL: String?) {
        // A script or data URL is no base for links (feedparser ignores such a Content-Location too).
        let scheme = documentURL?.prefix(while: { $0 != ":" }).lowercased()
        self.documentURL = scheme == "javascript" || scheme == "data" || scheme == "vbscript" ? nil : documentURL
    }

    var isAtom: Bool { feed.format == .atom10 || feed.format == .atom03 }

    // MARK: Events

    /// `netscape090`: the element is in Netscape's RSS 0.90 namespace (which marks that format).
    func start(kind: ElementKind, namespace: Namespace, netscape090: Bool, local: UnsafePointer<UInt8>, attributes: Attributes) {
        let parentBase = stack.last?.base ?? documentURL
        var base = parentBase
        if let xmlBase = attributes.xmlBase { base = URLResolver.resolve(xmlBase, against: parentBase) }

        if capture != nil {
            startInsideCapture(local: local, attributes: attributes, base: base)
            return
        }
        guard let parent = stack.last else {
            startRoot(kind: kind, namespace: namespace, local: local, attributes: attributes, base: base)
            return
        }
        switch parent.role {
        case .skip, .capture:
            stack.append(Frame(role: .skip, base: base))
        case .root:
            switch kind {
            case .channel: stack.append(Frame(role: .channel, base: base))
            case .item, .entry: startItem(attributes: attributes, base: base)
            case .image: stack.append(Frame(role: .image, base: base))
            default: stack.append(Frame(role: .skip, base: base))
            }
            if kind == .channel, netscape090 { feed.format = .rss090 }
        case .channel:
            startInChannel(kind: kind, namespace: namespace, attributes: attributes, base: base)
        case .item, .group:
            if item != nil { startInItem(kind: kind, namespace: namespace, attributes: attributes, base: base) }
            else { startInChannel(kind: kind, namespace: namespace, attributes: attributes, base: base) }
        case .image:
            if kind == .url, feedImagePriority < 3 { beginCapture(.feedImage(3), mode: .plain, base: base) }
            else { stack.append(Frame(role: .skip, base: base)) }
        case .person:
            switch kind {
            case .name: beginCapture(.personName, mode: .plain, base: base)
            case .email: beginCapture(.personEmail, mode: .plain, base: base)
            case .uri, .url: beginCapture(.personURI, mode: .plain, base: base)
            default: stack.append(Frame(role: .skip, base: base))
            }
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard capture != nil else { return }
        if captureBuffer.count + bytes.count > Self.maxFieldBytes { truncatedFields += 1; return }
        switch capture!.mode {
        case .ignored: return
        case .xhtml: HTMLEscaping.appendEscaped(bytes, to: &captureBuffer)
        default: captureBuffer.append(contentsOf: bytes)
        }
    }

    func end() {
        guard let frame = stack.popLast() else { return }
        if let current = capture {
            if stack.count == current.depth {
                capture = nil
                finish(current)
            } else if frame.role == .capture, !frame.voidElement, !frame.wrapper,
                      current.mode == .html || current.mode == .xhtml {
                captureBuffer.append(contentsOf: Array("</\(frame.name)>".utf8))
            }
            return
        }
        switch frame.role {
        case .item: finishItem()
        case .person: finishPerson()
        default: break
        }
    }

    /// Closes whatever a truncated document left open, keeping every item that has content.
    func finishDocument() {
        if stack.contains(where: { $0.role == .item }), item?.hasAnything == true {
            feed.warnings.append("document ends inside an item: kept what was read")
        }
        while !stack.isEmpty { end() }
        if let minutes = updatePeriodMinutes, feed.ttlMinutes == nil {
            feed.ttlMinutes = max(1, minutes / max(1, updateFrequency ?? 1))
        }
        if truncatedFields > 0 { feed.warnings.append("\(truncatedFields) oversized fields truncated") }
    }

    // MARK: Structure

    private func startRoot(kind: ElementKind, namespace: Namespace, local: UnsafePointer<UInt8>, attributes: Attributes, base: String?) {
        switch kind {
        case .rss:
            let version = attributes.value("version")?.trimmingASCIIWhitespace() ?? ""
            switch version {
            case "0.90": feed.format = .rss090
            case "0.91": feed.format = .rss091
            case "0.92": feed.format = .rss092
            case "0.93": feed.format = .rss093
            case "0.94": feed.format = .rss094
            case "1.0": feed.format = .rss10
            default: feed.format = .rss20
            }
            stack.append(Frame(role: .root, base: base))
        case .rdfRoot:
            feed.format = .rss10
            stack.append(Frame(role: .root, base: base))
        case .feed:
            feed.format = namespace == .atom03 || attributes.value("version") == "0.3" ? .atom03 : .atom10
            if let lang = attributes.xmlLang, !lang.isEmpty { feed.language = Self.languageTag(lang) }
            stack.append(Frame(role: .channel, base: base))
        case .entry:
            // An Atom entry document (RFC 4287 §4.1.2): a feed of one item.
            feed.format = namespace == .atom03 || attributes.value("version") == "0.3" ? .atom03 : .atom10
            if let lang = attributes.xmlLang, !lang.isEmpty { feed.language = Self.languageTag(lang) }
            startItem(attributes: attributes, base: base)
        case .channel:
            feed.format = .rss20
            // CDF (<CHANNEL HREF= LASTMOD=>) carries its link and date as attributes.
            if let href = attributes.value("href") { offerFeedLink(URLResolver.resolve(href, against: base), priority: 1) }
            if let lastmod = attributes.value("lastmod") { feed.updated = date(lastmod) }
            stack.append(Frame(role: .channel, base: base))
        default:
            let name = String(cString: local).lowercased()
            notAFeedReason = name == "html" ? "an HTML page, not a feed" : "root element <\(name)> is not RSS, RDF or Atom"
            stack.append(Frame(role: .skip, base: base))
            stopped = true
        }
    }

    private func startItem(attributes: Attributes, base: String?) {
        if item != nil { finishItem() }   // an unclosed item before this one (recovered markup)
        var draft = ItemDraft()
        if attributes.count > 0 {
            if let about = attributes.value("about") { draft.rdfAbout = URLResolver.resolve(about, against: base) }
            // CDF items: <ITEM HREF= LASTMOD=>.
            if let href = attributes.value("href") { draft.offerLink(URLResolver.resolve(href, against: base), priority: 1) }
            if let lastmod = attributes.value("lastmod"), let d = date(lastmod) { draft.updated = d }
            if let lang = attributes.xmlLang, !lang.isEmpty { draft.language = Self.languageTag(lang) }
        }
        item = draft
        stack.append(Frame(role: .item, base: base))
    }

    private func finishItem() {
        guard let draft = item.take() else { return }
        // Every item element counts, even an empty one (feedparser keeps them too); ids fall back to a hash.
        if itemCount >= Self.maxItems {
            if !stopped { feed.warnings.append("more than \(Self.maxItems) items: the rest ignored") }
            stopped = true
            return
        }
        itemCount += 1
        if let eachItem { eachItem(draft.build()) } else { feed.items.append(draft.build()) }
    }

    private func finishPerson() {
        guard let p = person else { return }
        person = nil
        let name = p.name ?? p.email ?? p.uri
        if let name, !name.isEmpty, p.forItem { item?.addAuthor(name) }
    }

    // MARK: Channel and item fields

    private func startInChannel(kind: ElementKind, namespace: Namespace, attributes: Attributes, base: String?) {
        switch kind {
        case .item, .entry: startItem(attributes: attributes, base: base)
        case .image:
            if let href = attributes.value("href") {
                offerFeedImage(URLResolver.resolve(href, against: base), priority: 2)
                stack.append(Frame(role: .skip, base: base))
            } else {
                stack.append(Frame(role: .image, base: base))
            }
        case .title: beginTextCapture(.feedTitle, namespace: namespace, attributes: attributes, base: base)
        case .link:
            if let href = attributes.value("href") {
                let rel = attributes.value("rel") ?? "alternate"
                if rel == "alternate" {
                    let type = attributes.value("type")
                    offerFeedLink(URLResolver.resolve(href, against: base), priority: type == nil || type!.contains("html") ? 3 : 2)
                }
                stack.append(Frame(role: .skip, base: base))
            } else {
                beginCapture(.feedLink, mode: .plain, base: base)
            }
        case .description, .subtitle:
            beginTextCapture(.feedDescription(2), namespace: namespace, attributes: attributes, base: base)
        case .itunesSummary, .itunesSubtitle:
            // A podcast's channel description when it has no other (feedparser reads them as subtitle).
            beginCapture(.feedDescription(1), mode: .text, base: base)
        case .language: beginCapture(.feedLanguage, mode: .plain, base: base)
        case .id: beginCapture(.feedID, mode: .plain, base: base)
        case .lastBuildDate, .updated, .pubDate, .dcDate, .published: beginCapture(.feedUpdated, mode: .plain, base: base)
        case .logo: beginCapture(.feedImage(3), mode: .plain, base: base)
        case .icon: beginCapture(.feedImage(1), mode: .plain, base: base)
        case .itunesImage:
            if let href = attributes.value("href") ?? attributes.value("url") { offerFeedImage(URLResolver.resolve(href, against: base), priority: 2) }
            stack.append(Frame(role: .skip, base: base))
        case .itunesLink:
            // Early podcast feeds: <itunes:link rel="image" href=...>.
            if attributes.value("rel") == "image", let href = attributes.value("href") { offerFeedImage(URLResolver.resolve(href, against: base), priority: 2) }
            stack.append(Frame(role: .skip, base: base))
        case .ttl: beginCapture(.ttl, mode: .plain, base: base)
        case .updatePeriod: beginCapture(.updatePeriod, mode: .plain, base: base)
        case .updateFrequency: beginCapture(.updateFrequency, mode: .plain, base: base)
        default: stack.append(Frame(role: .skip, base: base))
        }
    }

    private func startInItem(kind: ElementKind, namespace: Namespace, attributes: Attributes, base: String?) {
        let atomish = namespace.isAtom || (isAtom && namespace == .none)
        switch kind {
        case .title:
            beginTextCapture(.title(namespace == .dc ? 1 : 2), namespace: namespace, attributes: attributes, base: base)
        case .link:
            guard let href = attributes.value("href") else { beginCapture(.link, mode: .plain, base: base); return }
            let url = URLResolver.resolve(href, against: base)
            let type = attributes.value("type")
            switch attributes.value("rel") ?? "alternate" {
            case "alternate":
                item?.offerLink(url, priority: type == nil || type!.contains("html") ? 3 : 2)
            case "enclosure":
                item?.enclosures.append(Enclosure(url: url, type: type, length: attributes.value("length").flatMap { Int64($0.trimmingASCIIWhitespace()) }))
            case "replies":
                if type == nil || type!.contains("html"), item?.comments == nil { item?.comments = url }
            default:
                break
            }
            stack.append(Frame(role: .skip, base: base))
        case .guid:
            if attributes.value("ispermalink")?.lowercased() == "false" { item?.guidIsPermaLink = false }
            beginCapture(.guid, mode: .plain, base: base)
        case .id: beginCapture(.id, mode: .plain, base: base)
        case .description:
            beginTextCapture(.summary(namespace == .dc ? 2 : 3), namespace: namespace, attributes: attributes, base: base)
        case .summary: beginTextCapture(.summary(3), namespace: namespace, attributes: attributes, base: base)
        case .itunesSummary: beginCapture(.summary(1), mode: .text, base: base)
        case .mediaTitle: beginCapture(.title(1), mode: attributes.value("type") == "html" ? .html : .text, base: base)
        case .mediaDescription:
            let mode: TextMode = attributes.value("type") == "html" ? .html : .text
            beginCapture(.summary(1), mode: mode, base: base)
        case .content:
            if let src = attributes.value("src") {
                item?.offerLink(URLResolver.resolve(src, against: base), priority: 1)
                stack.append(Frame(role: .skip, base: base))
            } else {
                beginTextCapture(.content(2), namespace: namespace, attributes: attributes, base: base)
            }
        case .contentEncoded: beginCapture(.content(3), mode: .html, base: base)
        case .xhtmlBody: beginCapture(.content(1), mode: .xhtml, base: base)
        case .pubDate, .published: beginCapture(.published(3), mode: .plain, base: base)
        case .dcDate: beginCapture(.published(2), mode: .plain, base: base)
        case .updated: beginCapture(.updated, mode: .plain, base: base)
        case .created: beginCapture(.created, mode: .plain, base: base)
        case .author:
            if atomish {
                person = PersonDraft(forItem: true)
                stack.append(Frame(role: .person, base: base))
            } else {
                beginCapture(.author, mode: .plain, base: base)
            }
        case .dcCreator, .itunesAuthor: beginCapture(.author, mode: .plain, base: base)
        case .category:
            if atomish || namespace.isAtom, let term = attributes.value("term") ?? attributes.value("label") {
                let clean = HTMLText.collapseWhitespace(term)
                if !clean.isEmpty { item?.categories.append(clean) }
                stack.append(Frame(role: .skip, base: base))
            } else {
                beginCapture(.category, mode: .plain, base: base)
            }
        case .dcSubject, .mediaCategory: beginCapture(.category, mode: .plain, base: base)
        case .comments: beginCapture(.comments, mode: .plain, base: base)
        case .enclosure:
            if let url = attributes.value("url"), !url.trimmingASCIIWhitespace().isEmpty {
                let length = attributes.value("length").flatMap { Int64($0.trimmingASCIIWhitespace()) }
                item?.enclosures.append(Enclosure(url: URLResolver.resolve(url, against: base), type: attributes.value("type"), length: length))
            }
            stack.append(Frame(role: .skip, base: base))
        case .mediaThumbnail:
            if let url = attributes.value("url") { item?.offerImage(URLResolver.resolve(url, against: base), priority: 4) }
            stack.append(Frame(role: .group, base: base))
        case .mediaContent:
            if let url = attributes.value("url") {
                let type = attributes.value("type") ?? ""
                let medium = attributes.value("medium") ?? ""
                if medium == "image" || type.hasPrefix("image/") || (type.isEmpty && medium.isEmpty && Self.looksLikeImage(url)) {
                    item?.offerImage(URLResolver.resolve(url, against: base), priority: 3)
                }
            }
            stack.append(Frame(role: .group, base: base))
        case .itunesImage:
            if let href = attributes.value("href") ?? attributes.value("url") { item?.offerImage(URLResolver.resolve(href, against: base), priority: 1) }
            stack.append(Frame(role: .skip, base: base))
        case .itunesLink:
            if attributes.value("rel") == "image", let href = attributes.value("href") { item?.offerImage(URLResolver.resolve(href, against: base), priority: 1) }
            stack.append(Frame(role: .skip, base: base))
        case .tagList: beginCapture(.tagList, mode: .plain, base: base)
        case .itunesCategory:
            // Nested itunes:category elements are subcategories: each becomes a category.
            if let text = attributes.value("text").map(HTMLText.collapseWhitespace), !text.isEmpty, item?.categories.contains(text) == false {
                item?.categories.append(text)
            }
            stack.append(Frame(role: .group, base: base))
        case .mediaGroup: stack.append(Frame(role: .group, base: base))
        default: stack.append(Frame(role: .skip, base: base))
        }
    }

    /// Atom text constructs (RFC 4287 §3.1, and Atom 0.3's MIME types and `mode`); other vocabularies read as HTML.
    /// Base64 text (Atom 0.3 `mode="base64"`, or a type that is neither text nor XML in Atom 1.0, §4.1.3.3)
    /// is decoded at the end; decoded text of a binary type is read like an RSS description.
    private func textMode(namespace: Namespace, attributes: Attributes) -> (TextMode, base64: Bool, binaryType: Bool) {
        guard namespace.isAtom || (isAtom && namespace == .none) else { return (.html, false, false) }
        let type = attributes.value("type")?.trimmingASCIIWhitespace().lowercased() ?? "text"
        let base64 = attributes.value("mode")?.lowercased() == "base64"
        let escaped = attributes.value("mode")?.lowercased() == "escaped"
        switch type {
        case "text", "text/plain", "": return (.text, base64, false)
        case "html", "text/html": return (.html, base64, false)
        case "xhtml", "application/xhtml+xml": return (base64 || escaped ? .html : .xhtml, base64, false)
        default:
            if type.hasPrefix("text/") { return (.text, base64, false) }
            if type.hasSuffix("+xml") || type.hasSuffix("/xml") { return (base64 ? .html : .xhtml, base64, false) }
            // Other media types are base64 (RFC 4287 §4.1.3.3), and what they decode to is text, not
            // HTML (as feedparser reads it); a made-up type ("custom") that is not base64 is text too.
            return (.text, true, type.contains("/"))
        }
    }

    private func beginTextCapture(_ field: Field, namespace: Namespace, attributes: Attributes, base: String?) {
        let (mode, base64, binaryType) = textMode(namespace: namespace, attributes: attributes)
        beginCapture(field, mode: mode, base: base)
        capture!.base64 = base64
        capture!.binaryType = binaryType
    }

    private static func looksLikeImage(_ url: String) -> Bool {
        let lower = url.lowercased()
        return [".jpg", ".jpeg", ".png", ".gif", ".webp"].contains { lower.hasSuffix($0) || lower.contains($0 + "?") }
    }

    // MARK: Captures

    private func beginCapture(_ field: Field, mode: TextMode, base: String?) {
        captureBuffer.removeAll(keepingCapacity: true)
        capture = Capture(field: field, depth: stack.count, mode: mode, base: base)
        stack.append(Frame(role: .capture, base: base))
    }

    private func startInsideCapture(local: UnsafePointer<UInt8>, attributes: Attributes, base: String?) {
        let mode = capture!.mode
        guard mode == .html || mode == .xhtml else {
            stack.append(Frame(role: .capture, base: base))
            return
        }
        let name = String(cString: local)
        var frame = Frame(role: .capture, base: base, name: name)
        // Atom xhtml content comes wrapped in one <div> that is not part of the content (RFC 4287 §3.1.1.3).
        if mode == .xhtml, stack.count == capture!.depth + 1, name == "div", captureBuffer.allSatisfy(HTMLText.isSpace),
           case .content = capture!.field {
            frame.wrapper = true
        } else if mode == .xhtml, stack.count == capture!.depth + 1, name == "div", captureBuffer.allSatisfy(HTMLText.isSpace) {
            frame.wrapper = true
        } else {
            var tag = "<" + name
            for (attrName, value) in attributes.all {
                let resolved = (attrName == "href" || attrName == "src") ? URLResolver.resolve(value, against: base) : value
                tag += " \(attrName)=\"\(HTMLText.escape(resolved))\""
            }
            frame.voidElement = HTMLEscaping.voidElements.contains(name.lowercased())
            tag += ">"
            captureBuffer.append(contentsOf: Array(tag.utf8))
            capture!.childElements = true
        }
        stack.append(frame)
    }

    private func finish(_ c: Capture) {
        var bytes = captureBuffer   // shared, not copied; emptied (in place) when the next capture begins
        var c = c
        if c.base64 {
            switch Base64Text.decode(bytes) {
            case .text(let decoded): bytes = decoded
            case .binary where c.binaryType: return   // an image is not readable content: dropped
            case .binary, .notBase64: c.mode = .text  // a made-up type over plain text (as feedparser reads it)
            }
        }
        if repairsText, let repaired = TextRepair.repair(bytes) { bytes = repaired }
        if c.mode == .html, let base = c.base, let resolved = RelativeURLs.resolve(in: bytes, against: base) { bytes = resolved }
        let raw = String(decoding: bytes, as: UTF8.self)
        switch c.field {
        case .feedTitle:
            if feed.title == nil { feed.title = titleText(raw, capture: c) }
        case .feedLink:
            let value = raw.trimmingASCIIWhitespace()
            if !value.isEmpty { offerFeedLink(URLResolver.resolve(value, against: c.base), priority: 4) }
        case .feedID:
            // A feed without a link: its id, when that is a web URL (resolved like a link), as for items.
            let value = URLResolver.resolve(raw.trimmingASCIIWhitespace(), against: c.base)
            if ItemDraft.isWebURL(value) { offerFeedLink(value, priority: 1) }
        case .feedDescription(let priority):
            // Kept when present even if it has no text (an image only): "" is not "none".
            if priority > feedDescriptionPriority {
                feed.description = HTMLText.plainText(html(raw, mode: c.mode)); feedDescriptionPriority = priority
            }
        case .feedLanguage:
            if let value = nonEmpty(raw.trimmingASCIIWhitespace()) { feed.language = Self.languageTag(value) }
        case .feedUpdated:
            if feed.updated == nil { feed.updated = date(raw) }
        case .feedImage(let priority):
            if let value = nonEmpty(raw.trimmingASCIIWhitespace()) { offerFeedImage(URLResolver.resolve(value, against: c.base), priority: priority) }
        case .ttl:
            if let minutes = Int(raw.trimmingASCIIWhitespace()), minutes > 0 { feed.ttlMinutes = min(minutes, 60 * 24 * 365) }
        case .updatePeriod:
            switch raw.trimmingASCIIWhitespace().lowercased() {
            case "hourly": updatePeriodMinutes = 60
            case "daily": updatePeriodMinutes = 60 * 24
            case "weekly": updatePeriodMinutes = 60 * 24 * 7
            case "monthly": updatePeriodMinutes = 60 * 24 * 30
            case "yearly": updatePeriodMinutes = 60 * 24 * 365
            default: break
            }
        case .updateFrequency:
            if let n = Int(raw.trimmingASCIIWhitespace()), n > 0 {
                updateFrequency = n
                if updatePeriodMinutes == nil { updatePeriodMinutes = 60 * 24 }
            }
        case .title(let priority):
            if priority > (item?.titlePriority ?? 0) {
                item?.title = titleText(raw, capture: c); item?.titlePriority = priority
            }
        case .link:
            if let value = nonEmpty(raw.trimmingASCIIWhitespace()) { item?.offerLink(URLResolver.resolve(value, against: c.base), priority: 4) }
        case .guid:
            // A relative id is resolved against xml:base and the document URL, as links are (feedparser
            // does too), except a guid that says it is not a permalink.
            if item?.guid == nil, let value = nonEmpty(raw.trimmingASCIIWhitespace()) {
                let permalink = item?.guidIsPermaLink ?? true
                item?.guid = permalink ? URLResolver.resolve(value, against: c.base) : value
            }
        case .id:
            if item?.atomID == nil, let value = nonEmpty(raw.trimmingASCIIWhitespace()) { item?.atomID = URLResolver.resolve(value, against: c.base) }
        case .summary(let priority):
            guard let value = nonEmpty(html(raw, mode: c.mode)) else { break }
            if (item?.summaryPriority ?? 0) > 0, !isAtom, (item?.contentPriority ?? 0) == 0 {
                // An RSS item with two descriptions (`description` and `summary`, `itunes:summary` or
                // `media:description`): the second is the body, as feedparser reads them.
                item?.content = value; item?.contentPriority = 1
            } else if priority > (item?.summaryPriority ?? 0) {
                item?.summary = value; item?.summaryPriority = priority
            }
        case .content(let priority):
            if priority > (item?.contentPriority ?? 0), let value = nonEmpty(html(raw, mode: c.mode)) {
                item?.content = value; item?.contentPriority = priority
            }
        case .published(let priority):
            // At equal rank the later element wins (feedparser overwrites: `issued` then `published`).
            if priority >= (item?.publishedPriority ?? 0), let d = date(raw) {
                item?.published = d; item?.publishedPriority = priority; item?.publishedText = raw.trimmingASCIIWhitespace()
                // dc:date is "the" date of the resource: it stands for the update date too when there is none.
                if priority == 2, item?.updated == nil { item?.updated = d }
            }
        case .updated:
            if let d = date(raw) {
                item?.updated = d   // the last <updated> wins, as in feedparser
                if item?.publishedText == nil { item?.publishedText = raw.trimmingASCIIWhitespace() }
            }
        case .created:
            // Atom 0.3's and Dublin Core's creation date: the date of an item that has no other.
            if item?.created == nil, let d = date(raw) { item?.created = d }
        case .author:
            if let name = Self.authorName(raw) { item?.addAuthor(name) }
        case .category:
            let value = HTMLText.collapseWhitespace(raw)
            if !value.isEmpty, item?.categories.contains(value) == false { item?.categories.append(value) }
        case .tagList:
            // A made-up but common <tags>one, two</tags>: comma-separated categories (feedparser splits them too).
            for part in raw.split(separator: ",") {
                let value = HTMLText.collapseWhitespace(String(part))
                if !value.isEmpty, item?.categories.contains(value) == false { item?.categories.append(value) }
            }
        case .comments:
            if item?.comments == nil, let value = nonEmpty(raw.trimmingASCIIWhitespace()) { item?.comments = URLResolver.resolve(value, against: c.base) }
        case .personName: person?.name = nonEmpty(HTMLText.collapseWhitespace(raw))
        case .personEmail: person?.email = nonEmpty(raw.trimmingASCIIWhitespace())
        case .personURI: person?.uri = nonEmpty(raw.trimmingASCIIWhitespace())
        }
    }

    private func offerFeedLink(_ value: String, priority: Int) {
        if priority > feedLinkPriority, !value.isEmpty { feed.link = value; feedLinkPriority = priority }
    }

    private func offerFeedImage(_ value: String, priority: Int) {
        if priority > feedImagePriority, !value.isEmpty { feed.image = value; feedImagePriority = priority }
    }

    private func titleText(_ raw: String, capture c: Capture) -> String {
        switch c.mode {
        case .text, .plain, .ignored: return HTMLText.collapseWhitespace(raw)
        case .xhtml: return HTMLText.plainText(raw)
        case .html:
            return c.childElements || HTMLText.looksLikeHTML(raw) || isAtom ? HTMLText.plainText(raw) : HTMLText.collapseWhitespace(raw)
        }
    }

    private func html(_ raw: String, mode: TextMode) -> String {
        switch mode {
        case .html, .xhtml: return raw.trimmingASCIIWhitespace()
        case .text, .plain: return HTMLText.escape(raw.trimmingASCIIWhitespace())
        case .ignored: return ""
        }
    }

    private func date(_ raw: String) -> Date? {
        let text = raw.trimmingASCIIWhitespace()
        if text.isEmpty { return nil }
        if let d = FeedDate.parse(text) { return d }
        dateWarnings += 1
        if dateWarnings <= 3 { feed.warnings.append("unreadable date \"\(text.prefix(60))\"") }
        return nil
    }

    private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
