// libFuzzer entry for article extraction and layout (built by scripts/fuzz-articles.sh with the
// TelexArticles and TelexScreen sources). The first byte picks a width (12...267), the rest is a page.
// Beyond crashes, it traps when the layout breaks its promises: a line wider than the width, or a
// control character (C0, C1, bidi override) reaching a display line.
import TelexScreen

@_cdecl("LLVMFuzzerTestOneInput")
public func articlesFuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let width = 12 + Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let result = ArticleExtractor.extract(html: bytes, pageURL: "https://fuzz.example/dir/page.html", contentType: nil, budget: .standard)
    check(ArticleLayout.layout(result.document, width: width, showLinkNumbers: true), width: width)
    // The same bytes as feed content (content:encoded).
    let fragment = HTMLCleaner.document(fromFragment: String(decoding: bytes, as: UTF8.self), baseURL: "https://fuzz.example/feed")
    check(ArticleLayout.layout(fragment, width: width, showLinkNumbers: false), width: width)
    return 0
}

private func check(_ laid: LaidOutArticle, width: Int) {
    for line in laid.lines {
        let text = line.text
        if drawnWidth(text) > width { fatalError("line wider than \(width): \(text.debugDescription)") }
        for s in text.unicodeScalars where s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value) {
            fatalError("control U+\(String(s.value, radix: 16)) in a display line: \(text.debugDescription)")
        }
    }
    for link in laid.links {
        for p in link.positions where p.line >= laid.lines.count || p.startColumn > p.endColumn || p.endColumn > width {
            fatalError("link position out of the page: \(p)")
        }
    }
}

/// Columns the terminal advances for a display line: each cluster's glyph width, a cluster made only
/// of zero-width scalars (the mark the layout draws on a no-break space, re-read as its own cluster)
/// taking none.
private func drawnWidth(_ text: String) -> Int {
    var total = 0
    for cluster in text where !cluster.unicodeScalars.allSatisfy({ DisplayWidth.of($0) == 0 }) { total += DisplayWidth.of(cluster) }
    return total
}
