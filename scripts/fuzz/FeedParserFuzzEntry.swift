// libFuzzer entry for the feed parser (built by scripts/fuzz-feeds.sh with the TelexFeeds sources).
@_cdecl("LLVMFuzzerTestOneInput")
public func feedParserFuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let feed = try? FeedParser.parse(bytes, documentURL: "http://fuzz.example/dir/feed.xml", contentType: nil) {
        for item in feed.items {
            _ = HTMLText.plainText(item.summaryHTML ?? item.contentHTML ?? item.title)
        }
    }
    return 0
}
