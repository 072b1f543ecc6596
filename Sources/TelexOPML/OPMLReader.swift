import CLibXML2
import Foundation
import TelexConfig

/// An OPML file as telex imports it: its subscriptions in document order.
public struct OPMLDocument: Sendable, Hashable {
    /// `<head><title>`, cleaned.
    public var title: String?
    /// The `version` attribute of `<opml>` ("1.0", "2.0").
    public var version: String?
    public var entries: [SubscriptionEntry]
    /// What was read but not imported, in words ("an include outline was not followed").
    public var warnings: [String]
}

/// Why an OPML file was refused as a whole.
public struct OPMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line libxml2 was on, 0 when the whole file is at fault.
    public var line: Int
    public var message: String
    public init(line: Int, _ message: String) { self.line = line; self.message = message }
    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

/// Reads OPML 1.0 and 2.0 subscription lists, safely by construction.
///
/// libxml2's SAX2 parser, strict (no recovery), with `XML_PARSE_NONET` and never NOENT, DTDLOAD or HUGE:
/// a document type declaration (hence any entity declaration, the billion laughs and external entities)
/// stops the parse and refuses the file; an entity that is not XML's own is an error; nothing is loaded
/// from anywhere. Only `text`, `title`, `xmlUrl` and `type` of `<outline>` are read: every other attribute
/// (newsboat's `exec:` and `filter:` URLs live in attributes such readers act on) is never looked at, and
/// URLs other than http(s) are refused per entry by the import plan. Size and nesting are bounded.
///
/// libxml2 rather than a hand-written reader: it is already the project's XML parser (feeds, pages), it
/// handles encodings, and its safety switches are the ones the feed parser relies on and tests.
public enum OPMLReader {
    /// Larger files are refused before parsing (an OPML of 10,000 feeds is about 2 MiB).
    public static let maximumBytes = 8 << 20
    /// Folders nested deeper than this refuse the file.
    public static let maximumDepth = 32
    /// Outlines read at most.
    public static let maximumOutlines = 100_000
    /// Longest URL kept; longer ones are refused per entry.
    public static let maximumURLBytes = 4096

    public static func read(_ bytes: [UInt8]) throws(OPMLError) -> OPMLDocument {
        if bytes.count > maximumBytes {
            throw OPMLError(line: 0, "the file is \(bytes.count >> 20) MiB; OPML files over \(maximumBytes >> 20) MiB are refused")
        }
        guard bytes.contains(where: { $0 == UInt8(ascii: "<") }) else { throw OPMLError(line: 0, "not an OPML file (no XML in it)") }
        let reader = SAXReader()
        reader.parse(bytes)
        if let failure = reader.failure { throw failure }
        guard reader.sawRoot else { throw OPMLError(line: 0, "not an OPML file (no <opml> element)") }
        if !reader.sawBody { throw OPMLError(line: 0, "not an OPML file (no <body> element)") }
        return OPMLDocument(title: reader.title.map(SubscriptionText.clean).flatMap { $0.isEmpty ? nil : $0 },
                            version: reader.version, entries: reader.entries, warnings: reader.warnings)
    }
}

/// The SAX callbacks' state (one parse).
private final class SAXReader {
    enum Element {
        case opml, head, headTitle, body
        /// An outline that is a folder; its name may be empty (an unnamed group).
        case folder(String)
        case feed
        /// Anything else (ignored with everything inside it).
        case other
    }

    var stack: [Element] = []
    var entries: [SubscriptionEntry] = []
    var warnings: [String] = []
    var failure: OPMLError?
    var title: String?
    var version: String?
    var sawRoot = false
    var sawBody = false
    private var titleBytes: [UInt8] = []
    private var outlines = 0
    private var ignoredNested = 0
    private var context: xmlParserCtxtPtr?

    private static let initialized: Bool = {
        xmlInitParser()
        telex_silenceLibXML2()
        return true
    }()

    func parse(_ bytes: [UInt8]) {
        _ = Self.initialized
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(truncatingIfNeeded: XML_SAX2_MAGIC)
        sax.startElementNs = { ctx, local, _, _, _, _, count, _, attributes in
            guard let ctx, let local else { return }
            SAXReader.from(ctx).start(String(cString: local), attributes: attributes, count: Int(count))
        }
        sax.endElementNs = { ctx, _, _, _ in
            guard let ctx else { return }
            SAXReader.from(ctx).end()
        }
        sax.characters = { ctx, text, length in
            guard let ctx, let text, length > 0 else { return }
            SAXReader.from(ctx).characters(UnsafeBufferPointer(start: text, count: Int(length)))
        }
        sax.cdataBlock = sax.characters
        // Any document type declaration refuses the file: that is where entities (billion laughs,
        // external entities reading local files) are declared, and OPML has no use for one.
        sax.internalSubset = { ctx, name, _, _ in
            guard let ctx else { return }
            SAXReader.from(ctx).refuse("the file declares a document type (<!DOCTYPE\(name.map { " " + String(cString: $0) } ?? "")>): refused, as OPML needs none and entity declarations could expand or read local files")
        }
        sax.externalSubset = sax.internalSubset
        sax.entityDecl = { ctx, name, _, _, _, _ in
            guard let ctx else { return }
            SAXReader.from(ctx).refuse("the file declares an entity (\(name.map { String(cString: $0) } ?? "?")): refused")
        }
        // Only XML's five predefined entities exist (libxml2 answers those before asking).
        sax.getEntity = { _, _ in nil }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            SAXReader.from(ctx).record(error.pointee)
        }
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let ctxt = xmlCreatePushParserCtxt(&sax, me, nil, 0, nil) else {
            failure = OPMLError(line: 0, "libxml2 could not create a parser")
            return
        }
        context = ctxt
        defer {
            context = nil
            if let document = ctxt.pointee.myDoc { xmlFreeDoc(document); ctxt.pointee.myDoc = nil }
            xmlFreeParserCtxt(ctxt)
        }
        // Never NOENT, DTDLOAD, DTDATTR or HUGE; no recovery: a file that is not well-formed is refused
        // with libxml2's line and message rather than half read.
        xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
        // One chunk: the file is bounded, and a refusal stops the parser at once anyway.
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                _ = xmlParseChunk(ctxt, base, Int32(buffer.count), 1)
            }
        }
        if ignoredNested > 0 {
            warnings.append("\(ignoredNested) outline\(ignoredNested == 1 ? "" : "s") outside <body> ignored")
        }
    }

    private static func from(_ ctx: UnsafeMutableRawPointer) -> SAXReader {
        Unmanaged<SAXReader>.fromOpaque(ctx).takeUnretainedValue()
    }

    private func refuse(_ message: String) {
        guard failure == nil else { return }
        failure = OPMLError(line: context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0, message)
        if let context { xmlStopParser(context) }
    }

    private func record(_ error: xmlError) {
        guard error.level != XML_ERR_WARNING, failure == nil else { return }
        var message = error.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "error \(error.code)"
        if error.code == Int32(XML_ERR_ENTITYREF_SEMICOL_MISSING.rawValue) || error.code == Int32(XML_ERR_NAME_REQUIRED.rawValue) {
            // The usual breakage of hand-made exports: a URL's query written with a bare "&".
            message += " (a bare & in a URL? XML wants it written &amp;)"
        }
        failure = OPMLError(line: Int(error.line), "not well-formed XML: \(message)")
        if let context { xmlStopParser(context) }
    }

    private func start(_ name: String, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
        guard failure == nil else { return }
        if stack.count >= OPMLReader.maximumDepth + 3 {  // opml, body, then outlines
            refuse("outlines nested deeper than \(OPMLReader.maximumDepth) levels: refused")
            return
        }
        let element = name.lowercased()
        guard let parent = stack.last else {
            guard element == "opml" else {
                refuse("not an OPML file (its root element is <\(SubscriptionText.clean(name))>)")
                return
            }
            sawRoot = true
            version = attribute("version", attributes, count).map(SubscriptionText.clean)
            if let v = version, !["1.0", "1.1", "2.0"].contains(v) { warnings.append("unknown OPML version \"\(v)\": read as 2.0") }
            stack.append(.opml)
            return
        }
        switch (parent, element) {
        case (.opml, "head"): stack.append(.head)
        case (.head, "title"): stack.append(.headTitle)
        case (.opml, "body"): sawBody = true; stack.append(.body)
        case (.body, "outline"), (.folder, "outline"), (.feed, "outline"): outline(attributes, count)
        case (_, "outline"): ignoredNested += 1; stack.append(.other)
        default: stack.append(.other)
        }
    }

    private func outline(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ count: Int) {
        outlines += 1
        if outlines > OPMLReader.maximumOutlines {
            refuse("more than \(OPMLReader.maximumOutlines) outlines: refused")
            return
        }
        let text = attribute("text", attributes, count)
        let title = attribute("title", attributes, count)
        let type = attribute("type", attributes, count)?.lowercased()
        let url = attribute("xmlurl", attributes, count)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let name = SubscriptionText.clean(title ?? "").isEmpty ? SubscriptionText.clean(text ?? "") : SubscriptionText.clean(title!)
        guard !url.isEmpty else {
            if type == "include" || type == "link" {
                warnings.append("outline \"\(name)\" points to another document (type=\"\(type!)\"): not followed")
            }
            stack.append(.folder(SubscriptionText.clean(text ?? "").isEmpty ? name : SubscriptionText.clean(text!)))
            return
        }
        stack.append(.feed)
        if url.utf8.count > OPMLReader.maximumURLBytes {
            warnings.append("a feed URL of \(url.utf8.count) bytes (over \(OPMLReader.maximumURLBytes)) was not imported: \(SubscriptionText.clean(String(url.prefix(60))))…")
            return
        }
        let feedTitle = name.isEmpty || name == url || name == OPMLWriter.fallbackText(url) ? nil : name
        entries.append(SubscriptionEntry(folder: innermostFolder, url: url, title: feedTitle))
    }

    /// The innermost folder with a name, over the feed being read.
    private var innermostFolder: String? {
        for element in stack.reversed() {
            if case .folder(let name) = element, !name.isEmpty { return name }
        }
        return nil
    }

    private func end() {
        guard failure == nil, let top = stack.popLast() else { return }
        if case .headTitle = top, title == nil {
            title = String(decoding: titleBytes, as: UTF8.self)
        }
    }

    private func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard case .headTitle? = stack.last, titleBytes.count < 4096 else { return }
        titleBytes += text.prefix(4096 - titleBytes.count)
    }

    /// An attribute's value by name (ASCII case ignored), decoded. libxml2 passes (localname, prefix,
    /// URI, value, end) per attribute; without NOENT it leaves `&#38;` for each `&` it decoded.
    private func attribute(_ wanted: String, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ count: Int) -> String? {
        guard let attributes else { return nil }
        for i in 0..<count {
            guard let local = attributes[i * 5], attributes[i * 5 + 1] == nil,
                  String(cString: local).lowercased() == wanted,
                  let start = attributes[i * 5 + 3], let end = attributes[i * 5 + 4] else { continue }
            let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            return value.replacingOccurrences(of: "&#38;", with: "&")
        }
        return nil
    }
}
