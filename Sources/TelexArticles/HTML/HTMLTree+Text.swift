/// Reading text out of the tree: walks over the byte buffer, building at most one string each.
extension HTMLTree {
    /// Visible text below a node, whitespace collapsed to single spaces, trimmed; stops once
    /// `limit` bytes are gathered.
    func textContent(_ start: Int, limit: Int = .max, skipping skip: ((Int) -> Bool)? = nil) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        var k = start
        let stop = end(start)
        bytes.withUnsafeBufferPointer { all in
            while k < stop {
                let n = nodes[k]
                if n.removed { k = Int(n.end); continue }
                if n.isText {
                    let text = UnsafeBufferPointer(rebasing: all[Int(n.start)..<Int(n.start + n.count)])
                    var i = 0
                    while i < text.count {
                        let space = UTF8Text.spaceLength(text, i)
                        if space > 0 { pendingSpace = true; i += space; continue }
                        if pendingSpace && !out.isEmpty { out.append(0x20) }
                        pendingSpace = false
                        out.append(text[i])
                        i += 1
                    }
                    if out.count >= limit { break }
                } else {
                    if HTMLTags.invisible.contains(n.tag) || skip?(k) == true { k = Int(n.end); continue }
                    if HTMLTags.blockLike.contains(n.tag) || n.tag == .br { pendingSpace = true }
                }
                k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first characters of the visible text below a node (cheap: stops early).
    func leadingText(_ start: Int, characters: Int) -> String {
        var out: [UInt8] = []
        var k = start
        let stop = end(start)
        while k < stop {
            let n = nodes[k]
            if n.removed { k = Int(n.end); continue }
            if n.isText {
                out.append(contentsOf: bytes[Int(n.start)..<Int(n.start + n.count)])
                if out.count >= characters * 4 { break }
            } else if HTMLTags.invisible.contains(n.tag) {
                k = Int(n.end); continue
            } else if HTMLTags.blockLike.contains(n.tag) {
                out.append(0x20)
            }
            k += 1
        }
        return InlineBuilder.collapse(String(String(decoding: out, as: UTF8.self).prefix(characters * 2)))
    }

    /// Characters after collapsing ASCII whitespace (every non-ASCII scalar counts as one), and
    /// commas in Latin, CJK and Arabic scripts: one pass, as every text node is measured.
    static func measure(_ s: UnsafeBufferPointer<UInt8>) -> (length: Int, commas: Int) {
        var count = 0, commas = 0
        var lastSpace = true
        for i in 0..<s.count {
            let b = s[i]
            if b < 0x80 {
                if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                    if !lastSpace { count += 1; lastSpace = true }
                } else {
                    count += 1; lastSpace = false
                    if b == 0x2C { commas += 1 }
                }
            } else if b & 0xC0 != 0x80 {
                count += 1; lastSpace = false
            } else if b == 0x8C || b == 0x81, i >= 2 {
                // U+FF0C (EF BC 8C), U+3001 (E3 80 81), U+060C (D8 8C)
                let p1 = s[i - 1], p2 = s[i - 2]
                if b == 0x8C && (p2 == 0xEF && p1 == 0xBC || p1 == 0xD8) || b == 0x81 && p2 == 0xE3 && p1 == 0x80 { commas += 1 }
            } else if b == 0x8C, i == 1, s[0] == 0xD8 {
                commas += 1
            }
        }
        return (count, commas)
    }
}
