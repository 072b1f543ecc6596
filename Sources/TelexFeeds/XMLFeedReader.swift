import CLibXML2
import Foundation

/// Drives libxml2's SAX2 push parser over repaired UTF-8 and feeds a `FeedBuilder`.
///
/// Safety: no NOENT/DTDLOAD/HUGE, NONET; document-declared entities are accepted only as plain text
/// (a declaration that refers to another entity, the "billion laughs" shape, aborts the parse), and
/// their total expansion is bounded. libxml2 bounds nesting depth (256) itself.
final class XMLFeedReader {
    static let maxEntityExpansion = 1 << 20

    let builder: FeedBuilder
    private var context: xmlParserCtxtPtr?
    private var kinds: [ElementKey: Kind] = [:]
    private static let cacheSlots = 128
    private var cacheLocal = [UnsafeRawPointer?](repeating: nil, count: cacheSlots)
    private var cacheURI = [UnsafeRawPointer?](repeating: nil, count: cacheSlots)
    private var cachePrefix = [UnsafeRawPointer?](repeating: nil, count: cacheSlots)
    private var cacheKind = [Kind](repeating: Kind(kind: .other, namespace: .other, netscape090: false), count: cacheSlots)

    struct Kind {
        let kind: ElementKind
        let namespace: Namespace
        let netscape090: Bool
    }
    private var declaredEntities: [String: xmlEntityPtr] = [:]
    private var expandedBytes = 0
    private var feedNamespace: String?
    private static let rootNames: Set<String> = ["feed", "rss", "channel", "rdf"]
    private(set) var fatal: FeedParseError?
    private var errorCount = 0

    struct ElementKey: Hashable {
        let local: UnsafeRawPointer
        let prefix: UnsafeRawPointer?
        let uri: UnsafeRawPointer?
    }

    init(documentURL: String?) {
        builder = FeedBuilder(documentURL: documentURL)
    }

    deinit {
        for entity in declaredEntities.values { SAXEntity.free(entity) }
    }

    func parse(_ utf8: [UInt8], from start: Int = 0) -> FeedParseError? {
        xmlInitParser()
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(truncatingIfNeeded: XML_SAX2_MAGIC)
        sax.startElementNs = { ctx, local, prefix, uri, _, _, attributeCount, _, attributes in
            guard let ctx, let local else { return }
            XMLFeedReader.from(ctx).startElement(local: local, prefix: prefix, uri: uri,
                                                 attributes: Attributes(pointer: attributes, count: Int(attributeCount)))
        }
        sax.endElementNs = { ctx, _, _, _ in
            guard let ctx else { return }
            XMLFeedReader.from(ctx).builder.end()
        }
        sax.characters = { ctx, bytes, length in
            guard let ctx, let bytes, length > 0 else { return }
            XMLFeedReader.from(ctx).builder.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        sax.cdataBlock = sax.characters
        sax.ignorableWhitespace = sax.characters
        sax.getEntity = { ctx, name in
            guard let ctx, let name else { return nil }
            return XMLFeedReader.from(ctx).entity(named: name)
        }
        sax.entityDecl = { ctx, name, type, _, systemID, content in
            guard let ctx, let name else { return }
            XMLFeedReader.from(ctx).declareEntity(name: name, type: type, systemID: systemID, content: content)
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            XMLFeedReader.from(ctx).record(error.pointee)
        }
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let ctxt = xmlCreatePushParserCtxt(&sax, me, nil, 0, nil) else {
            return FeedParseError(.malformed, "libxml2 could not create a parser")
        }
        context = ctxt
        defer {
            context = nil
            // In SAX mode libxml2 builds a document with a fake DTD to hold declared entities ("for
            // expat compatibility"), and xmlFreeParserCtxt does not free it: every feed with an
            // internal subset leaked ~13 KB (found by LeakSanitizer over the fuzz corpus).
            if let document = ctxt.pointee.myDoc {
                xmlFreeDoc(document)
                ctxt.pointee.myDoc = nil
            }
            xmlFreeParserCtxt(ctxt)
        }
        let options = XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue
        xmlCtxtUseOptions(ctxt, Int32(options))
        // Feed in chunks so a stop (entity abuse, non-feed root) takes effect promptly.
        let chunk = 1 << 18
        var offset = start
        utf8.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            while offset < buffer.count, fatal == nil, !builder.stopped {
                let length = min(chunk, buffer.count - offset)
                let last = offset + length >= buffer.count
                let status = xmlParseChunk(ctxt, base + offset, Int32(length), last ? 1 : 0)
                offset += length
                if status != 0, ctxt.pointee.instate == XML_PARSER_EOF { break }
            }
            if fatal == nil, !builder.stopped, offset >= buffer.count, ctxt.pointee.instate != XML_PARSER_EOF {
                xmlParseChunk(ctxt, nil, 0, 1)
            }
        }
        builder.finishDocument()
        if errorCount > 5 { builder.feed.warnings.append("\(errorCount - 5) more markup errors") }
        return fatal
    }

    private static func from(_ ctx: UnsafeMutableRawPointer) -> XMLFeedReader {
        Unmanaged<XMLFeedReader>.fromOpaque(ctx).takeUnretainedValue()
    }

    private func startElement(local: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?, attributes: Attributes) {
        // libxml2 interns names in its dictionary: the pointers identify the element. A direct-mapped
        // cache in front of the dictionary: hashing every element's key was 2% of parse time.
        let localKey = UnsafeRawPointer(local), uriKey = uri.map(UnsafeRawPointer.init), prefixKey = prefix.map(UnsafeRawPointer.init)
        let slot = ((Int(bitPattern: localKey) >> 4) ^ (Int(bitPattern: uriKey) >> 6)) & (Self.cacheSlots - 1)
        let entry: Kind
        if cacheLocal[slot] == localKey, cacheURI[slot] == uriKey, cachePrefix[slot] == prefixKey {
            entry = cacheKind[slot]
        } else {
            let key = ElementKey(local: localKey, prefix: prefixKey, uri: uriKey)
            if let known = kinds[key] {
                entry = known
            } else {
                let uriString = uri.map { String(cString: $0) }
                var namespace = Namespace(uri: uriString)
                // A root in an unknown namespace (pre-standard Atom drafts: purl.org/pie, example.com/necho)
                // makes that namespace the feed vocabulary, as feedparser reads those documents.
                if builder.stack.isEmpty, namespace == .other, Self.rootNames.contains(String(cString: local).lowercased()) {
                    feedNamespace = uriString
                }
                if namespace == .other, uriString == feedNamespace { namespace = .none }
                // Other unknown namespaces, as feedparser reads them: a known vocabulary misspelt (case,
                // a missing slash) by its usual prefix (dc:, content:, media:...), and an element without
                // a prefix (a default namespace nobody knows) as the feed's own vocabulary.
                if namespace == .other {
                    namespace = Namespace(lenientURI: uriString, prefix: prefix.map { String(cString: $0) })
                }
                entry = Kind(kind: ElementKind(namespace: namespace, local: String(cString: local)), namespace: namespace,
                             netscape090: uriString == "http://my.netscape.com/rdf/simple/0.9/")
                kinds[key] = entry
            }
            cacheLocal[slot] = localKey; cacheURI[slot] = uriKey; cachePrefix[slot] = prefixKey; cacheKind[slot] = entry
        }
        builder.start(kind: entry.kind, namespace: entry.namespace, netscape090: entry.netscape090, local: local, attributes: attributes)
        if builder.stopped, let context { xmlStopParser(context) }
    }

    private func entity(named name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        if !declaredEntities.isEmpty, let declared = declaredEntities[String(cString: name)] {
            expandedBytes += Int(declared.pointee.length)
            if expandedBytes > Self.maxEntityExpansion {
                stop(FeedParseError(.entityExpansion, "entity expansion limit exceeded (\(Self.maxEntityExpansion) bytes): refusing to expand further"))
                return nil
            }
            return declared
        }
        // Inside the DTD, libxml2 asks for the entity it has just declared in order to hand it the
        // declaration's raw text: never give it one of the HTML records every parse shares.
        if let context, context.pointee.inSubset != 0 { return nil }
        return HTMLEntities.saxEntity(name)
    }

    private func declareEntity(name: UnsafePointer<xmlChar>, type: Int32, systemID: UnsafePointer<xmlChar>?, content: UnsafeMutablePointer<xmlChar>?) {
        let key = String(cString: name)
        guard type == Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue) else {
            if systemID != nil, type == Int32(XML_EXTERNAL_GENERAL_PARSED_ENTITY.rawValue) {
                builder.feed.warnings.append("external entity \"\(key)\" ignored")
            }
            return
        }
        let value = content.map { Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)))) } ?? []
        if value.contains(UInt8(ascii: "&")) || value.contains(UInt8(ascii: "%")) || value.contains(UInt8(ascii: "<")) {
            stop(FeedParseError(.entityExpansion,
                "entity \"\(key)\" refers to other entities or markup: nested entity expansion (\"billion laughs\") refused"))
            return
        }
        if declaredEntities.count >= 1000 || value.count > 1 << 16 {
            stop(FeedParseError(.entityExpansion, "too many or too large entity declarations"))
            return
        }
        if declaredEntities[key] == nil { declaredEntities[key] = SAXEntity.make(name: key, content: value) }
    }

    private func stop(_ error: FeedParseError) {
        if fatal == nil { fatal = error }
        if let context { xmlStopParser(context) }
    }

    private func record(_ error: xmlError) {
        guard error.level != XML_ERR_WARNING else { return }
        errorCount += 1
        guard errorCount <= 5 else { return }
        let message = error.message.map { String(cString: $0).trimmingASCIIWhitespace() } ?? "error \(error.code)"
        builder.feed.warnings.append("line \(error.line): \(message)")
    }
}
