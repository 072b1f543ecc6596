// libFuzzer entry for the feed parser (built by scripts/fuzz-feeds.sh with the TelexFeeds sources).
// The first byte picks the transport charset (none, or one label of a list covering every decoder
// path: UTF-8, windows-1252, single-byte tables, multi-byte iconv, stateful ISO-2022, wide, unknown),
// so encoding detection and decoding are fuzzed along with the parse.
private let transportCharsets: [String?] = [
    nil, nil, nil, nil, "utf-8", "iso-8859-1", "windows-1251", "windows-1255", "koi8-u", "shift_jis", "euc-jp",
    "iso-2022-jp", "gb2312", "gb18030", "big5", "euc-kr", "utf-16", "utf-32", "x-user-defined", "ibm037", "bogus",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func feedParserFuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let charset = transportCharsets[Int(data[0]) % transportCharsets.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if let feed = try? FeedParser.parse(bytes, documentURL: "http://fuzz.example/dir/feed.xml", charset: charset) {
        for item in feed.items {
            _ = HTMLText.plainText(item.summaryHTML ?? item.contentHTML ?? item.title)
        }
    }
    // The pieces on their own, on the same bytes.
    _ = CharsetDetector.detect(bytes)
    if let label = charset, let encoding = TextEncoding(label: label) { _ = CharsetDecoder.decode(bytes[...], as: encoding) }
    _ = FeedDate.parse(String(decoding: bytes.prefix(100), as: UTF8.self))
    return 0
}
