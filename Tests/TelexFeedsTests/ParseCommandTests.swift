import Foundation
import Testing
import TelexTestSupport

/// `telex parse --json` on the encoding and shape fixtures shows the right text (the debug binary that
/// `make test` builds; its absence fails the test).
@Suite struct ParseCommandTests {
    static let telex = Fixtures.telexBinary.path

    struct Case: CustomStringConvertible, Sendable {
        let fixture: String
        var arguments: [String] = []
        let title: String
        let encoding: String
        var description: String { fixture + " " + arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(fixture: "enc-undeclared-gb2312.xml", title: "不归移民漫画", encoding: "gb18030"),
        Case(fixture: "enc-undeclared-shift_jis.xml", title: "東京で桜が開花、平年より五日早く", encoding: "shift_jis"),
        Case(fixture: "enc-undeclared-koi8-r.xml", title: "В Москве открылась новая станция метро", encoding: "koi8-r"),
        Case(fixture: "enc-iso-2022-jp.xml", title: "東京で桜が開花、平年より五日早く", encoding: "iso-2022-jp"),
        Case(fixture: "enc-big5.xml", title: "台北市立圖書館延長開放時間", encoding: "big5"),
        Case(fixture: "enc-euc-kr.xml", title: "서울 도심에 첫 벚꽃 개화", encoding: "euc-kr"),
        Case(fixture: "enc-windows-1255.xml", title: "פסטיבל האביב נפתח בירושלים", encoding: "windows-1255"),
        Case(fixture: "enc-tis-620.xml", title: "กรุงเทพฯ เตรียมจัดงานเทศกาลสงกรานต์", encoding: "windows-874"),
        Case(fixture: "enc-latin1-label-c1.xml", title: "“Quoted” – it’s here…", encoding: "windows-1252"),
        Case(fixture: "enc-mislabelled-eucjp-is-sjis.xml", title: "東京で桜が開花、平年より五日早く", encoding: "shift_jis"),
        Case(fixture: "enc-bom-utf8-declared-latin1.xml", title: "Café ✓ 日本", encoding: "utf-8"),
        Case(fixture: "enc-http-charset-vs-declaration.xml", arguments: ["--charset", "windows-1251"],
             title: "В Москве открылась новая станция метро", encoding: "windows-1251"),
        Case(fixture: "enc-http-charset-vs-declaration.xml", arguments: ["--content-type", "text/xml; charset=windows-1251"],
             title: "В Москве открылась новая станция метро", encoding: "windows-1251"),
        Case(fixture: "enc-http-utf8-vs-declaration.xml", arguments: ["--charset", "utf-8"], title: "Prix : 5 € ou 4,50 £", encoding: "iso-8859-15"),
        Case(fixture: "shape-entry-document.xml", title: "A single entry", encoding: "utf-8"),
        Case(fixture: "shape-hex-charref.xml", title: "Price €5 — été", encoding: "utf-8"),
        Case(fixture: "shape-title-types.xml", title: "A custom title", encoding: "utf-8"),
        Case(fixture: "shape-double-encoded.xml", title: "Café crème", encoding: "utf-8"),
    ]

    @Test(arguments: cases)
    func jsonShowsTheRightText(_ c: Case) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.telex), "\(Self.telex) not built (make test builds it)")
        let path = Fixtures.url("feeds/" + c.fixture).path
        let result = runTool(Self.telex, ["parse", "--json"] + c.arguments + [path])
        #expect(result.status == 0, "\(result.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.first?["title"] as? String == c.title)
        #expect(json["encoding"] as? String == c.encoding)
    }

    @Test func relativeLinksResolveAgainstTheURLOption() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.telex))
        let path = Fixtures.url("feeds/shape-rss-relative.xml").path
        let result = runTool(Self.telex, ["parse", "--json", "--url", "http://news.example.com/feeds/rss.xml", path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.map { $0["link"] as? String } == ["http://news.example.com/stories/1.html", "http://other.example.net/a/b.html",
                                                        "http://news.example.com/stories/3.html"])
    }

    @Test func theListingNamesTheEncoding() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.telex))
        let result = runTool(Self.telex, ["parse", "-"], stdin: Array("<rss><channel><title>T</title><item><title>I</title></item></channel></rss>".utf8))
        #expect(result.status == 0)
        #expect(result.output.contains("1 items, read as utf-8 (fallback)"))
    }

    /// Items are written as they are read, before the feed's own fields (here the title after the items).
    @Test func itemsComeFirstAndTheFeedFieldsAfterThem() throws {
        let document = "<rss><channel><item><title>One</title></item><item><title>Two</title></item><title>Late title</title></channel></rss>"
        let result = try Fixtures.run(Fixtures.telexBinary, ["parse", "--json", "-"], stdin: Data(document.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("{\n  \"items\": [\n{"), "\(result.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["items"] as? [[String: Any]])?.map { $0["title"] as? String } == ["One", "Two"])
        #expect(json["title"] as? String == "Late title")
    }

    /// A document refused before its first item writes nothing to standard output; one stopped after some
    /// items (the entity expansion limit reached mid-document) is closed with an error, still valid JSON.
    @Test func aRefusedDocumentLeavesValidJSONOrNothing() throws {
        let html = try Fixtures.run(Fixtures.telexBinary, ["parse", "--json", "-"], stdin: Data("<html><body>page</body></html>".utf8))
        #expect(html.status == 1)
        #expect(html.stdout.isEmpty, "\(html.stdout)")
        #expect(html.stderr.contains("not a feed"), "\(html.stderr)")

        let big = String(repeating: "x", count: 60_000)
        let items = (1...40).map { "<item><title>Item \($0)</title><description>&big;</description></item>" }.joined()
        let document = "<?xml version=\"1.0\"?><!DOCTYPE rss [ <!ENTITY big \"\(big)\"> ]><rss version=\"2.0\"><channel><title>T</title>\(items)</channel></rss>"
        let stopped = try Fixtures.run(Fixtures.telexBinary, ["parse", "--json", "-"], stdin: Data(document.utf8))
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("entity expansion limit"), "\(stopped.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stopped.stdout.utf8)) as? [String: Any])
        let written = try #require(json["items"] as? [[String: Any]])
        #expect(written.count > 0 && written.count < 40, "\(written.count) items")
        #expect(written.first?["title"] as? String == "Item 1")
        #expect((json["error"] as? String)?.contains("entity expansion limit") == true)
    }

    /// A file over the parser's limit is refused after reading one byte more than the limit, not whole; a
    /// directory or a missing file is named with the reason.
    @Test func oversizedAndUnreadableInputsAreRefusedWithTheReason() throws {
        let dir = try Fixtures.temporaryDirectory("telex-parse")
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.xml")
        FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 200 << 20)  // 200 MiB of zeros, sparse
        try handle.close()
        let result = try Fixtures.run(Fixtures.telexBinary, ["parse", big.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("larger than the 33554432-byte limit (33554433 bytes read)"), "\(result.stderr)")
        let directory = try Fixtures.run(Fixtures.telexBinary, ["parse", dir.path])
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("cannot read \(dir.path): is a directory"), "\(directory.stderr)")
        let missing = try Fixtures.run(Fixtures.telexBinary, ["parse", dir.path + "/none.xml"])
        #expect(missing.stderr.contains("No such file or directory"), "\(missing.stderr)")
    }
}
