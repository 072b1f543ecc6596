import Foundation

/// A character encoding a feed can arrive in, known by its WHATWG Encoding Standard name
/// ("windows-1252", "shift_jis", "gbk"...), or, for the few labels the standard does not define but
/// feeds and feedparser still use (IBM code pages, EBCDIC, Mac and Vietnamese sets), by the iconv name.
///
/// `TextEncoding(label:)` is the one label table of the project: "iso-8859-1", "latin1", "ascii" and
/// "us-ascii" are windows-1252, "gb2312" is GBK, "tis-620" is windows-874, "ks_c_5601-1987" is EUC-KR,
/// as every browser reads them.
public struct TextEncoding: Hashable, Sendable, CustomStringConvertible {
    /// The WHATWG name in lower case, or the iconv name in lower case for the others.
    public let name: String
    let decoder: Decoder

    enum Decoder: Hashable, Sendable {
        case utf8, utf16le, utf16be, utf32le, utf32be, windows1252, xUserDefined
        /// A single-byte encoding: ASCII below 0x80, a table (read from glibc iconv once, byte by byte,
        /// so no converter composes characters: glibc's CP1255 and CP1258 would) above.
        case singleByte(String)
        /// glibc iconv, trying each name in turn until one decodes the bytes without error.
        case iconv([String])
    }

    public var description: String { name }

    /// One byte, one character, every byte valid or nearly: such a label can never be proved wrong by
    /// an invalid sequence.
    var isSingleByte: Bool {
        switch decoder {
        case .windows1252, .singleByte, .xUserDefined: return true
        default: return false
        }
    }

    /// Wide encodings: a label naming one on a document that is plainly 8-bit is not believed.
    var isWide: Bool {
        switch decoder {
        case .utf16le, .utf16be, .utf32le, .utf32be: return true
        default: return false
        }
    }

    public static let utf8 = TextEncoding(name: "utf-8", decoder: .utf8)
    public static let windows1252 = TextEncoding(name: "windows-1252", decoder: .windows1252)
    static let utf16le = TextEncoding(name: "utf-16le", decoder: .utf16le)
    static let utf16be = TextEncoding(name: "utf-16be", decoder: .utf16be)
    static let utf32le = TextEncoding(name: "utf-32le", decoder: .utf32le)
    static let utf32be = TextEncoding(name: "utf-32be", decoder: .utf32be)
    static let ebcdic = TextEncoding(name: "ibm037", decoder: .iconv(["IBM037"]))

    init(name: String, decoder: Decoder) {
        self.name = name
        self.decoder = decoder
    }

    /// The encoding a label names (ASCII case and surrounding whitespace ignored), or nil when no table
    /// and no iconv converter knows it.
    public init?(label: String) {
        let key = label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !key.isEmpty, key.count < 64 else { return nil }
        if let name = Self.whatwgLabels[key] {
            self = Self.byName[name]!
            return
        }
        // Labels outside the standard, as Python (and so feedparser) reads them: "_" for "-"
        // ("windows_1251"), Python's own aliases, then whatever iconv knows ("ibm437", "ebcdic-cp-be", "viscii").
        let dashed = key.replacingOccurrences(of: "_", with: "-")
        if let name = Self.whatwgLabels[dashed] ?? Self.otherLabels[key].flatMap({ Self.whatwgLabels[$0] }) {
            self = Self.byName[name]!
            return
        }
        guard let iconvName = [Self.otherLabels[key], key, dashed].compactMap({ $0?.uppercased() }).first(where: Self.iconvKnows) else {
            return nil
        }
        self.init(name: iconvName.lowercased(), decoder: .iconv([iconvName]))
    }

    private static func iconvKnows(_ name: String) -> Bool {
        let cd = iconv_open("UTF-8", name)
        if cd == iconv_t(bitPattern: -1) { return false }
        iconv_close(cd)
        return true
    }

    // MARK: The WHATWG table (https://encoding.spec.whatwg.org/#names-and-labels)

    /// Each encoding of the standard with the iconv converters that decode it as the standard does
    /// (supersets: GBK is decoded as GB18030, Big5 as Big5-HKSCS, EUC-KR as windows-949; Shift_JIS and
    /// EUC-JP with JIS X 0208's own mappings, as the standard's index has them (〜 U+301C, − U+2212),
    /// and Microsoft's converters only for documents that use its extensions).
    private static let encodings: [(name: String, decoder: Decoder, labels: [String])] = [
        ("utf-8", .utf8, ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]),
        ("ibm866", .singleByte("IBM866"), ["866", "cp866", "csibm866", "ibm866"]),
        ("iso-8859-2", .singleByte("ISO-8859-2"), ["csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987", "l2", "latin2"]),
        ("iso-8859-3", .singleByte("ISO-8859-3"), ["csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "iso_8859-3:1988", "l3", "latin3"]),
        ("iso-8859-4", .singleByte("ISO-8859-4"), ["csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "iso_8859-4:1988", "l4", "latin4"]),
        ("iso-8859-5", .singleByte("ISO-8859-5"), ["csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5", "iso_8859-5:1988"]),
        ("iso-8859-6", .singleByte("ISO-8859-6"), ["arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6", "iso_8859-6:1987"]),
        ("iso-8859-7", .singleByte("ISO-8859-7"), ["csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"]),
        ("iso-8859-8", .singleByte("ISO-8859-8"), ["csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual"]),
        ("iso-8859-8-i", .singleByte("ISO-8859-8"), ["csiso88598i", "iso-8859-8-i", "logical"]),
        ("iso-8859-10", .singleByte("ISO-8859-10"), ["csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"]),
        ("iso-8859-13", .singleByte("ISO-8859-13"), ["iso-8859-13", "iso8859-13", "iso885913"]),
        ("iso-8859-14", .singleByte("ISO-8859-14"), ["iso-8859-14", "iso8859-14", "iso885914"]),
        ("iso-8859-15", .singleByte("ISO-8859-15"), ["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"]),
        ("iso-8859-16", .singleByte("ISO-8859-16"), ["iso-8859-16"]),
        ("koi8-r", .singleByte("KOI8-R"), ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"]),
        // The standard's KOI8-U is KOI8-RU (it adds the Belarusian letters).
        ("koi8-u", .singleByte("KOI8-RU"), ["koi8-ru", "koi8-u"]),
        ("macintosh", .singleByte("MACINTOSH"), ["csmacintosh", "mac", "macintosh", "x-mac-roman"]),
        ("windows-874", .singleByte("CP874"), ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"]),
        ("windows-1250", .singleByte("CP1250"), ["cp1250", "windows-1250", "x-cp1250"]),
        ("windows-1251", .singleByte("CP1251"), ["cp1251", "windows-1251", "x-cp1251"]),
        ("windows-1252", .windows1252, ["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252"]),
        ("windows-1253", .singleByte("CP1253"), ["cp1253", "windows-1253", "x-cp1253"]),
        ("windows-1254", .singleByte("CP1254"), ["cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"]),
        ("windows-1255", .singleByte("CP1255"), ["cp1255", "windows-1255", "x-cp1255"]),
        ("windows-1256", .singleByte("CP1256"), ["cp1256", "windows-1256", "x-cp1256"]),
        ("windows-1257", .singleByte("CP1257"), ["cp1257", "windows-1257", "x-cp1257"]),
        ("windows-1258", .singleByte("CP1258"), ["cp1258", "windows-1258", "x-cp1258"]),
        ("x-mac-cyrillic", .singleByte("MAC-CYRILLIC"), ["x-mac-cyrillic", "x-mac-ukrainian"]),
        ("gbk", .iconv(["GB18030"]), ["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58", "x-gbk"]),
        ("gb18030", .iconv(["GB18030"]), ["gb18030"]),
        ("big5", .iconv(["BIG5-HKSCS", "BIG5"]), ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"]),
        ("euc-jp", .iconv(["EUC-JP", "EUC-JP-MS"]), ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"]),
        ("iso-2022-jp", .iconv(["ISO-2022-JP-3", "ISO-2022-JP-2"]), ["csiso2022jp", "iso-2022-jp"]),
        ("shift_jis", .iconv(["SHIFT_JIS", "CP932"]), ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"]),
        ("euc-kr", .iconv(["CP949", "EUC-KR"]), ["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"]),
        // The standard maps these to its "replacement" encoding so that browsers never run script hidden
        // by them. telex runs no script and shows text only, so it decodes them as feedparser does.
        ("iso-2022-kr", .iconv(["ISO-2022-KR"]), ["csiso2022kr", "iso-2022-kr"]),
        ("iso-2022-cn", .iconv(["ISO-2022-CN-EXT", "ISO-2022-CN"]), ["iso-2022-cn", "iso-2022-cn-ext"]),
        ("hz-gb-2312", .iconv(["HZ"]), ["hz-gb-2312"]),
        ("utf-16be", .utf16be, ["unicodefffe", "utf-16be"]),
        ("utf-16le", .utf16le, ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"]),
        ("x-user-defined", .xUserDefined, ["x-user-defined"]),
        // Not in the standard (browsers do not decode UTF-32), but XML allows it and feeds use it.
        ("utf-32le", .utf32le, ["utf-32", "utf-32le", "ucs-4", "iso-10646-ucs-4", "csucs4", "ucs-4le"]),
        ("utf-32be", .utf32be, ["utf-32be", "ucs-4be"]),
    ]

    private static let byName: [String: TextEncoding] = Dictionary(
        uniqueKeysWithValues: encodings.map { ($0.name, TextEncoding(name: $0.name, decoder: $0.decoder)) })

    private static let whatwgLabels: [String: String] = {
        var table: [String: String] = [:]
        for encoding in encodings { for label in encoding.labels { table[label] = encoding.name } }
        return table
    }()

    /// Python codec aliases (which feedparser accepts) that neither the standard nor glibc knows, to a
    /// label one of them knows. (glibc has no Mac Greek or Mac Turkish converter: those stay unknown.)
    private static let otherLabels: [String: String] = [
        "cp_is": "cp861", "csibm861": "cp861", "csibm858": "cp858", "ibm039": "ibm037", "037": "ibm037",
        "macroman": "macintosh", "mac_roman": "macintosh", "maccentraleurope": "mac-centraleurope", "maclatin2": "mac-centraleurope",
        "mac_latin2": "mac-centraleurope", "mac_centeuro": "mac-centraleurope", "maciceland": "mac-is", "mac_iceland": "mac-is",
        "maccyrillic": "x-mac-cyrillic", "mac_cyrillic": "x-mac-cyrillic",
        "s_jis": "shift_jis", "shiftjis": "shift_jis", "mskanji": "shift_jis", "x_mac_japanese": "shift_jis", "932": "shift_jis",
        "u_jis": "euc-jp", "ks_c_5601": "euc-kr", "ks_x_1001": "euc-kr", "ksx1001": "euc-kr", "ms949": "euc-kr", "949": "euc-kr",
        "x_mac_korean": "euc-kr", "ms950": "big5", "950": "big5", "big5_tw": "big5", "hkscs": "big5", "x_mac_trad_chinese": "big5",
        "936": "gbk", "gb2312_1980": "gbk", "gb2312_80": "gbk", "eucgb2312_cn": "gbk", "x_mac_simp_chinese": "gbk", "gb18030_2000": "gb18030",
        "hz_gb": "hz-gb-2312", "hz_gb_2312": "hz-gb-2312", "hzgb": "hz-gb-2312", "thai": "windows-874", "tis_620_0": "windows-874",
        "uhc": "euc-kr", "cp949": "euc-kr", "u8": "utf-8", "utf": "utf-8", "cp65001": "utf-8", "u16": "utf-16le", "u32": "utf-32le",
        "1250": "windows-1250", "1251": "windows-1251", "1252": "windows-1252", "1253": "windows-1253", "1254": "windows-1254",
        "1255": "windows-1255", "1256": "windows-1256", "1257": "windows-1257", "1258": "windows-1258",
        "latin": "windows-1252", "8859": "windows-1252", "iso8859": "windows-1252", "646": "windows-1252",
    ]
}
