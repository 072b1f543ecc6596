import CLibXML2
import Foundation

/// HTML named entities (libxml2's HTML 4 table) for text and for the SAX `getEntity` hook.
enum HTMLEntities {
    /// The code point of `&name;`, or nil when HTML does not define it.
    static func codePoint(_ name: [UInt8]) -> UInt32? {
        guard !name.isEmpty, name.count < 32 else { return nil }
        if name == Array("apos".utf8) { return 0x27 }
        return name.withUnsafeBufferPointer { buffer -> UInt32? in
            var zeroTerminated = [UInt8](buffer); zeroTerminated.append(0)
            return zeroTerminated.withUnsafeBufferPointer { htmlEntityLookup($0.baseAddress)?.pointee.value }
        }
    }

    /// A predefined-type libxml2 entity for an HTML name, shared by every parse (about 250 at most, never freed).
    static func saxEntity(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        guard let desc = htmlEntityLookup(name) else {
            return strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "apos") == 0 ? xmlGetPredefinedEntity(name) : nil
        }
        return EntityCache.shared.entity(named: String(cString: name), value: desc.pointee.value)
    }
}

/// Process-wide cache of the entity records handed to libxml2; guarded by a lock because parses run on any thread.
private final class EntityCache: @unchecked Sendable {
    static let shared = EntityCache()
    private let lock = NSLock()
    private var entities: [String: xmlEntityPtr] = [:]

    func entity(named name: String, value: UInt32) -> xmlEntityPtr? {
        lock.lock(); defer { lock.unlock() }
        if let existing = entities[name] { return existing }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        let entity = SAXEntity.make(name: name, content: Array(String(Character(scalar)).utf8))
        entities[name] = entity
        return entity
    }
}

/// Builds and frees standalone `xmlEntity` records typed as predefined, so libxml2 inlines their text
/// through the `characters` callback instead of expanding anything itself.
enum SAXEntity {
    static func make(name: String, content: [UInt8]) -> xmlEntityPtr {
        let entity = UnsafeMutablePointer<xmlEntity>.allocate(capacity: 1)
        entity.initialize(to: xmlEntity())
        entity.pointee.type = XML_ENTITY_DECL
        entity.pointee.etype = XML_INTERNAL_PREDEFINED_ENTITY
        entity.pointee.name = UnsafePointer(strdup(name)).map { UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self) }
        let bytes = UnsafeMutablePointer<xmlChar>.allocate(capacity: content.count + 1)
        bytes.initialize(from: content, count: content.count)
        bytes[content.count] = 0
        entity.pointee.content = bytes
        entity.pointee.orig = nil
        entity.pointee.length = Int32(content.count)
        return entity
    }

    static func free(_ entity: xmlEntityPtr) {
        if let name = entity.pointee.name { Foundation.free(UnsafeMutableRawPointer(mutating: name)) }
        entity.pointee.content?.deallocate()
        // libxml2 hands the declaration's raw text to the entity that getEntity returns for it
        // (`cur->orig = orig` in xmlParseEntityDecl) and leaves freeing it to the entity's owner.
        if let orig = entity.pointee.orig { telex_xmlFree(orig) }
        entity.deinitialize(count: 1)
        entity.deallocate()
    }
}
