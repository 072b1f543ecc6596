import CHyphen
import Foundation

/// Where words may be hyphenated, by language: libhyphen (the library LibreOffice uses) with the
/// pattern dictionaries of Debian's hyphen-* packages (`/usr/share/hyphen/hyph_de_DE.dic`, …).
///
/// A dictionary is loaded once per process and kept: either the first time a word of its language
/// needs hyphenating, or ahead of time off the terminal thread (`LineBreaker.preparation(for:)`:
/// German's 78,000 patterns take libhyphen about 3 s of CPU, French's and English's a few
/// milliseconds). While a dictionary is being loaded elsewhere, layout does not wait for it: it
/// goes without, as for languages that have none (the line breaker then splits an over-long word
/// where it must, with a visible hyphen).
enum Hyphenator {
    /// Folders searched for `hyph_*.dic`, in order.
    static let directories = ["/usr/share/hyphen", "/usr/local/share/hyphen"]

    /// Offsets into `clusters` (1..<count) before which the word may break with a hyphen.
    /// `clusters` are the grapheme clusters of one run of letters.
    static func points(_ clusters: [Substring], language: String?) -> [Int] {
        guard clusters.count >= 4, let key = DictionaryKey(language), let dictionary = Dictionaries.shared.dictionary(for: key) else { return [] }
        return dictionary.points(clusters)
    }

    /// Whether a dictionary exists for `language` on this machine.
    static func hasDictionary(for language: String?) -> Bool {
        guard let key = DictionaryKey(language) else { return false }
        return Dictionaries.shared.dictionary(for: key) != nil
    }
}

/// A language tag reduced to what names a dictionary: "fr-FR" → (fr, FR), "de" → (de, nil).
/// Tags come from untrusted pages: only letters go into file names.
struct DictionaryKey: Hashable {
    var language: String
    var region: String?

    init?(_ tag: String?) {
        guard let tag, !tag.isEmpty, tag.utf8.count <= 35 else { return nil }
        let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        language = first.lowercased()
        // The region is the first two-letter subtag after the language (a script such as Latn is skipped).
        region = parts.dropFirst().first { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isLetter } }?.uppercased()
    }

    /// File names to try, most specific first.
    var candidates: [String] {
        var names: [String] = []
        if let region { names.append("hyph_\(language)_\(region).dic") }
        names.append("hyph_\(language).dic")
        return names
    }
}

/// The loaded dictionaries, each loaded at most once (a failed lookup is remembered too).
final class Dictionaries: @unchecked Sendable {
    static let shared = Dictionaries()
    private let condition = NSCondition()
    private enum State {
        /// Claimed by a `LayoutPreparation`, to be loaded off the terminal thread: layout goes without meanwhile.
        case claimed
        /// Being loaded by a layout that needed it: other layouts wait for it rather than load it again.
        case loading
        case done(HyphenDictionary?)
    }
    private var states: [DictionaryKey: State] = [:]

    /// The dictionary for `key`: loaded now when nobody asked for it before (or waited for when
    /// another layout is loading it); nil while a preparation has it to load, or when there is none.
    func dictionary(for key: DictionaryKey) -> HyphenDictionary? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            switch states[key] {
            case .done(let dictionary)?: return dictionary
            case .claimed?: return nil
            case .loading?: condition.wait()
            case nil:
                states[key] = .loading
                condition.unlock()
                let dictionary = Self.path(for: key).flatMap(HyphenDictionary.init(path:))
                condition.lock()
                states[key] = .done(dictionary)
                condition.broadcast()
                return dictionary
            }
        }
    }

    /// Marks `key` as claimed by the caller, who then calls `load`; false when it is loaded or
    /// being loaded already.
    func claim(_ key: DictionaryKey) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard states[key] == nil else { return false }
        states[key] = .claimed
        return true
    }

    /// Loads the dictionary of a claimed key (outside the lock: German's takes seconds).
    func load(_ key: DictionaryKey) {
        condition.lock()
        guard case .claimed? = states[key] else { condition.unlock(); return }
        condition.unlock()
        let dictionary = Self.path(for: key).flatMap(HyphenDictionary.init(path:))
        condition.lock()
        states[key] = .done(dictionary)
        condition.broadcast()
        condition.unlock()
    }

    private static func path(for key: DictionaryKey) -> String? {
        let files = FileManager.default
        for directory in Hyphenator.directories {
            for name in key.candidates where files.fileExists(atPath: directory + "/" + name) { return directory + "/" + name }
            // Any regional dictionary of the language (hyph_it_IT.dic for "it").
            let prefix = "hyph_\(key.language)_"
            if let any = (try? files.contentsOfDirectory(atPath: directory))?.filter({ $0.hasPrefix(prefix) && $0.hasSuffix(".dic") }).sorted().first {
                return directory + "/" + any
            }
        }
        return nil
    }
}

/// One libhyphen dictionary. libhyphen only reads a dictionary while hyphenating, so one loaded
/// dictionary serves every thread; it is never freed (a handful per process at most).
final class HyphenDictionary: @unchecked Sendable {
    private let dict: UnsafeMutablePointer<HyphenDict>
    /// UTF-8 dictionaries take UTF-8 words; the others (German's is ISO-8859-1) take one byte per letter.
    private let isUTF8: Bool
    /// Longer words are not looked up (libhyphen works on short words; none is that long).
    static let maximumScalars = 120

    init?(path: String) {
        guard let dict = hnj_hyphen_load(path) else { return nil }
        self.dict = dict
        isUTF8 = dict.pointee.utf8 != 0
    }

    /// Hyphenation points as cluster offsets: libhyphen numbers them by character (scalar), so the
    /// word is lowercased cluster by cluster and each cluster's first scalar offset recorded.
    func points(_ clusters: [Substring]) -> [Int] {
        var bytes: [CChar] = []
        var scalarOffsets: [Int] = []  // scalar offset at which each cluster starts
        var scalars = 0
        for cluster in clusters {
            scalarOffsets.append(scalars)
            let lower = cluster.lowercased().precomposedStringWithCanonicalMapping
            for scalar in lower.unicodeScalars {
                if isUTF8 {
                    for byte in String(scalar).utf8 { bytes.append(CChar(bitPattern: byte)) }
                } else {
                    guard scalar.value <= 0xFF else { return [] }
                    bytes.append(CChar(bitPattern: UInt8(scalar.value)))
                }
                scalars += 1
            }
        }
        guard scalars <= Self.maximumScalars else { return [] }
        let size = Int32(bytes.count)
        bytes.append(0)
        var hyphens = [CChar](repeating: 0, count: bytes.count + 5)
        var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var pos: UnsafeMutablePointer<Int32>?
        var cut: UnsafeMutablePointer<Int32>?
        let status = hnj_hyphen_hyphenate2(dict, bytes, size, &hyphens, nil, &rep, &pos, &cut)
        defer { telex_hyphen_free_nonstandard(rep, pos, cut, size) }
        guard status == 0 else { return [] }
        // hyphens[k] odd: a break after scalar k. Only breaks between clusters count, and never
        // where libhyphen wants a non-standard change of spelling (old German "Schiffahrt").
        var result: [Int] = []
        for (index, start) in scalarOffsets.enumerated() where index > 0 {
            let k = start - 1
            guard k >= 0, k < hyphens.count, hyphens[k] & 1 == 1 else { continue }
            if let rep, rep[k] != nil { continue }
            result.append(index)
        }
        return result
    }
}
