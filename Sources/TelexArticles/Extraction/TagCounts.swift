/// Per-node counts of the elements conditional cleaning looks at, computed bottom-up in one pass
/// (a walk per candidate would be quadratic on deep pages). 32-bit counts: nine arrays per node.
struct TagCounts {
    var paragraphs: [Int32], images: [Int32], listItems: [Int32], inputs: [Int32], embeds: [Int32], figures: [Int32], headings: [Int32]
    /// Text length inside <li> elements.
    var listText: [Int32]
    /// Inside <code> or <pre>.
    var insideCode: [Bool]

    init(_ tree: HTMLTree, stats: TextStatistics) {
        let n = tree.count
        paragraphs = [Int32](repeating: 0, count: n); images = paragraphs; listItems = paragraphs; inputs = paragraphs
        embeds = paragraphs; figures = paragraphs; headings = paragraphs; listText = paragraphs
        insideCode = Array(repeating: false, count: n)
        for i in 1..<max(n, 1) {
            let p = tree[i].parent
            if p >= 0 { insideCode[i] = insideCode[p] || tree[p].tag == .code || tree[p].tag == .pre }
        }
        for i in stride(from: n - 1, through: 1, by: -1) {
            let node = tree[i]
            if node.removed || node.isText { continue }
            switch node.tag {
            case .p, .pre, .blockquote: paragraphs[i] += 1
            case .img: images[i] += 1
            case .li: listItems[i] += 1; listText[i] = Int32(stats.text[i])
            case .input, .select, .textarea, .button: inputs[i] += 1
            case .iframe, .object, .embed, .video: embeds[i] += 1
            case .figure, .picture: figures[i] += 1
            case .h1, .h2, .h3, .h4, .h5, .h6: headings[i] += 1
            default: break
            }
            let p = node.parent
            if p > 0 {
                paragraphs[p] += paragraphs[i]; images[p] += images[i]; listItems[p] += listItems[i]; inputs[p] += inputs[i]
                embeds[p] += embeds[i]; figures[p] += figures[i]; headings[p] += headings[i]
                // Nested lists: count the outermost item's text once.
                listText[p] += node.tag == .li ? Int32(stats.text[i]) : listText[i]
            }
        }
    }
}
