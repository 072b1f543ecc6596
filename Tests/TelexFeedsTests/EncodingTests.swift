import Foundation
import Testing
import TelexTestSupport
@testable import TelexFeeds

/// The encoding of each fixture (tests/fixtures/feeds/enc-*.xml, written by scripts/gen-encoding-fixtures.py):
/// the first item's title as it must read, the encoding it was read in, and what decided it.
@Suite struct EncodingTests {
    struct Case: CustomStringConvertible, Sendable {
        let fixture: String
        var charset: String? = nil
        let title: String
        let encoding: String
        let source: EncodingSource
        var description: String { fixture }
    }

    static let declared: [Case] = [
        Case(fixture: "enc-shift_jis.xml", title: "東京で桜が開花、平年より五日早く", encoding: "shift_jis", source: .declaration),
        Case(fixture: "enc-euc-jp.xml", title: "東京で桜が開花、平年より五日早く", encoding: "euc-jp", source: .declaration),
        Case(fixture: "enc-iso-2022-jp.xml", title: "東京で桜が開花、平年より五日早く", encoding: "iso-2022-jp", source: .declaration),
        Case(fixture: "enc-euc-kr.xml", title: "서울 도심에 첫 벚꽃 개화", encoding: "euc-kr", source: .declaration),
        Case(fixture: "enc-gb2312.xml", title: "不归移民漫画", encoding: "gbk", source: .declaration),
        Case(fixture: "enc-gbk.xml", title: "朱镕基访问上海", encoding: "gbk", source: .declaration),
        Case(fixture: "enc-gb18030.xml", title: "吉野家的𠮷字", encoding: "gb18030", source: .declaration),
        Case(fixture: "enc-big5.xml", title: "台北市立圖書館延長開放時間", encoding: "big5", source: .declaration),
        Case(fixture: "enc-koi8-u.xml", title: "Київ готується до весняного фестивалю", encoding: "koi8-u", source: .declaration),
        Case(fixture: "enc-windows-1250.xml", title: "Zażółć gęślą jaźń: nowy słownik", encoding: "windows-1250", source: .declaration),
        Case(fixture: "enc-windows-1251.xml", title: "В Москве открылась новая станция метро", encoding: "windows-1251", source: .declaration),
        Case(fixture: "enc-windows-1253.xml", title: "Νέα γραμμή μετρό στην Αθήνα", encoding: "windows-1253", source: .declaration),
        Case(fixture: "enc-windows-1254.xml", title: "İstanbul'da yeni köprü açıldı", encoding: "windows-1254", source: .declaration),
        Case(fixture: "enc-windows-1255.xml", title: "פסטיבל האביב נפתח בירושלים", encoding: "windows-1255", source: .declaration),
        Case(fixture: "enc-windows-1256.xml", title: "افتتاح معرض الكتاب في القاهرة", encoding: "windows-1256", source: .declaration),
        Case(fixture: "enc-windows-1257.xml", title: "Vilniuje atidarytas naujas tiltas", encoding: "windows-1257", source: .declaration),
        // Combining marks stay as Windows wrote them (the standard's decoder composes nothing).
        Case(fixture: "enc-windows-1258.xml", title: "Hà Nô\u{323}i", encoding: "windows-1258", source: .declaration),
        Case(fixture: "enc-iso-8859-2.xml", title: "Zażółć gęślą jaźń: nowy słownik", encoding: "iso-8859-2", source: .declaration),
        Case(fixture: "enc-iso-8859-5.xml", title: "В Москве открылась новая станция метро", encoding: "iso-8859-5", source: .declaration),
        Case(fixture: "enc-iso-8859-7.xml", title: "Νέα γραμμή μετρό στην Αθήνα", encoding: "iso-8859-7", source: .declaration),
        Case(fixture: "enc-iso-8859-8.xml", title: "פסטיבל האביב נפתח בירושלים", encoding: "iso-8859-8", source: .declaration),
        // ISO-8859-9 means windows-1254, TIS-620 windows-874 (the WHATWG labels).
        Case(fixture: "enc-iso-8859-9.xml", title: "İstanbul'da yeni köprü açıldı", encoding: "windows-1254", source: .declaration),
        Case(fixture: "enc-tis-620.xml", title: "กรุงเทพฯ เตรียมจัดงานเทศกาลสงกรานต์", encoding: "windows-874", source: .declaration),
        Case(fixture: "enc-windows-874.xml", title: "กรุงเทพฯ เตรียมจัดงานเทศกาลสงกรานต์", encoding: "windows-874", source: .declaration),
    ]

    static let undeclared: [Case] = [
        Case(fixture: "enc-undeclared-gb2312.xml", title: "不归移民漫画", encoding: "gb18030", source: .detected),
        Case(fixture: "enc-undeclared-shift_jis.xml", title: "東京で桜が開花、平年より五日早く", encoding: "shift_jis", source: .detected),
        Case(fixture: "enc-undeclared-euc-jp.xml", title: "東京で桜が開花、平年より五日早く", encoding: "euc-jp", source: .detected),
        Case(fixture: "enc-undeclared-iso-2022-jp.xml", title: "東京で桜が開花、平年より五日早く", encoding: "iso-2022-jp", source: .detected),
        Case(fixture: "enc-undeclared-euc-kr.xml", title: "서울 도심에 첫 벚꽃 개화", encoding: "euc-kr", source: .detected),
        Case(fixture: "enc-undeclared-big5.xml", title: "台北市立圖書館延長開放時間", encoding: "big5", source: .detected),
        Case(fixture: "enc-undeclared-windows-1251.xml", title: "В Москве открылась новая станция метро", encoding: "windows-1251", source: .detected),
        Case(fixture: "enc-undeclared-koi8-r.xml", title: "В Москве открылась новая станция метро", encoding: "koi8-r", source: .detected),
        Case(fixture: "enc-undeclared-windows-1255.xml", title: "פסטיבל האביב נפתח בירושלים", encoding: "windows-1255", source: .detected),
        Case(fixture: "enc-undeclared-tis-620.xml", title: "กรุงเทพฯ เตรียมจัดงานเทศกาลสงกรานต์", encoding: "windows-874", source: .detected),
        Case(fixture: "enc-undeclared-windows-1252.xml", title: "Le café de la gare rouvre ses portes", encoding: "windows-1252", source: .detected),
    ]

    static let conflicts: [Case] = [
        // "ISO-8859-1" is windows-1252: 0x93 is “, not a C1 control.
        Case(fixture: "enc-latin1-label-c1.xml", title: "“Quoted” – it’s here…", encoding: "windows-1252", source: .declaration),
        // A wrong declaration that makes the text invalid: detected instead.
        Case(fixture: "enc-mislabelled-eucjp-is-sjis.xml", title: "東京で桜が開花、平年より五日早く", encoding: "shift_jis", source: .detected),
        Case(fixture: "enc-mislabelled-utf8-is-gb2312.xml", title: "不归移民漫画", encoding: "gb18030", source: .detected),
        Case(fixture: "quirk-mislabelled-utf8.xml", title: "Café – crème", encoding: "windows-1252", source: .detected),
        // The byte order mark outranks the declaration.
        Case(fixture: "enc-bom-utf8-declared-latin1.xml", title: "Café ✓ 日本", encoding: "utf-8", source: .byteOrderMark),
        Case(fixture: "enc-bom-utf16le-declared-utf8.xml", title: "Grüße ✓ 日本", encoding: "utf-16le", source: .byteOrderMark),
        // The HTTP charset outranks the declaration...
        Case(fixture: "enc-http-charset-vs-declaration.xml", charset: "windows-1251", title: "В Москве открылась новая станция метро",
             encoding: "windows-1251", source: .transport),
        // ...unless the document is not valid in it: then the declaration decides.
        Case(fixture: "enc-http-utf8-vs-declaration.xml", charset: "utf-8", title: "Prix : 5 € ou 4,50 £", encoding: "iso-8859-15", source: .declaration),
        // ...and a server's default single-byte charset does not turn a valid UTF-8 feed that says so into mojibake.
        Case(fixture: "enc-http-latin1-vs-utf8.xml", charset: "ISO-8859-1", title: "Grüße – it’s UTF-8", encoding: "utf-8", source: .declaration),
        // An unknown HTTP charset is ignored.
        Case(fixture: "enc-windows-1251.xml", charset: "x-no-such-charset", title: "В Москве открылась новая станция метро",
             encoding: "windows-1251", source: .declaration),
        // A <meta charset> in an HTML preamble before the feed.
        Case(fixture: "enc-meta-charset.xml", title: "В Москве открылась новая станция метро", encoding: "koi8-r", source: .declaration),
    ]

    @Test(arguments: declared + undeclared + conflicts)
    func readsEachEncoding(_ c: Case) throws {
        let feed = try FeedParser.parse(try bytes(c.fixture), charset: c.charset)
        #expect(feed.items.first?.title == c.title)
        #expect(feed.encoding.name == c.encoding)
        #expect(feed.encodingSource == c.source)
    }

    @Test func aWrongDeclarationSaysSoInAWarning() throws {
        let feed = try FeedParser.parse(try bytes("enc-mislabelled-eucjp-is-sjis.xml"))
        #expect(feed.warnings.first?.hasPrefix("the document is not valid euc-jp, as the XML declaration says") == true)
        let http = try FeedParser.parse(try bytes("enc-http-utf8-vs-declaration.xml"), charset: "utf-8")
        #expect(http.warnings.first?.hasPrefix("the document is not valid utf-8, as the Content-Type says") == true)
    }

    @Test func withoutTheHTTPCharsetTheDeclarationDecides() throws {
        let feed = try FeedParser.parse(try bytes("enc-http-charset-vs-declaration.xml"))
        #expect(feed.encoding.name == "windows-1252")
        #expect(feed.items.first?.title == "Â Ìîñêâå îòêðûëàñü íîâàÿ ñòàíöèÿ ìåòðî")
    }

    @Test func theContentTypeCharsetIsTheTransportCharset() throws {
        let feed = try FeedParser.parse(try bytes("enc-http-charset-vs-declaration.xml"), contentType: "application/rss+xml; charset=\"windows-1251\"")
        #expect(feed.encodingSource == .transport)
        #expect(feed.items.first?.title == "В Москве открылась новая станция метро")
    }

    @Test(arguments: [
        ("iso-8859-1", "windows-1252"), ("latin1", "windows-1252"), ("ASCII", "windows-1252"), (" us-ascii ", "windows-1252"),
        ("gb2312", "gbk"), ("x-sjis", "shift_jis"), ("ks_c_5601-1987", "euc-kr"), ("tis-620", "windows-874"),
        ("iso-8859-9", "windows-1254"), ("utf8", "utf-8"), ("unicode-1-1-utf-8", "utf-8"), ("koi8-ru", "koi8-u"),
        ("windows_1251", "windows-1251"), ("ibm437", "ibm437"), ("cp_is", "cp861"),
    ])
    func labelsMeanWhatTheEncodingStandardSays(_ label: String, _ name: String) {
        #expect(TextEncoding(label: label)?.name == name)
    }

    @Test func unknownLabelsAreNil() {
        #expect(TextEncoding(label: "bogus") == nil)
        #expect(TextEncoding(label: "") == nil)
    }

    @Test func windows1252FollowsTheStandardIndex() {
        let bytes: [UInt8] = [0x80, 0x81, 0x85, 0x8D, 0x93, 0x94, 0x9F, 0xE9]
        let text = String(decoding: CharsetDecoder.decode(bytes[...], as: .windows1252).utf8, as: UTF8.self)
        #expect(text.unicodeScalars.map(\.value) == [0x20AC, 0x81, 0x2026, 0x8D, 0x201C, 0x201D, 0x178, 0xE9])
    }

    @Test func invalidSequencesBecomeReplacementCharactersAndAreCounted() throws {
        let shiftJIS = TextEncoding(label: "shift_jis")!
        // 0x82 0x20: a lead byte without its trail; 0x82 at the end: cut short.
        let result = CharsetDecoder.decode([0x41, 0x82, 0x20, 0x82, 0xA0, 0x42, 0x82][...], as: shiftJIS)
        #expect(String(decoding: result.utf8, as: UTF8.self) == "A\u{FFFD} あB\u{FFFD}")
        #expect(result.errors == 2)
        let utf16 = CharsetDecoder.decode([0x41, 0x00, 0x00, 0xD8, 0x42, 0x00][...], as: TextEncoding(label: "utf-16le")!)
        #expect(String(decoding: utf16.utf8, as: UTF8.self) == "A\u{FFFD}B")
        #expect(utf16.errors == 1)
    }

    @Test func mostlyUTF8WithAStrayByteStaysUTF8() throws {
        let feed = try FeedParser.parse(try bytes("quirk-invalid-utf8.xml"))
        #expect(feed.encoding == .utf8)
        #expect(feed.items.first?.title == "Valid été and stray é byte")
        #expect(feed.warnings.contains("1 bytes not valid UTF-8 read as windows-1252"))
    }

    @Test func undeclaredUTF8NeedsNoDetection() throws {
        let feed = try FeedParser.parse(Array("<rss><channel><item><title>Grüße</title></item></channel></rss>".utf8))
        #expect(feed.encoding == .utf8)
        #expect(feed.encodingSource == .fallback)
        #expect(feed.warnings.isEmpty)
    }

    private func bytes(_ name: String) throws -> [UInt8] {
        try Fixtures.bytes("feeds/" + name)
    }
}
