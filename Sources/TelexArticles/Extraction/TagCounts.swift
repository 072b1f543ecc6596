/// Per-node counts of the elements conditional cleaning looks at, computed bottom-up in one pass
/// (a walk per candidate would be quadratic on deep pages). 32-bit counts: ten arrays per node.
struct TagCounts {
    var paragraphs: [Int32], images: [Int32], listItems: [Int32], inputs: [Int32], embeds: [Int32], figures: [Int32], headings: [Int32]
    /// <div>s holding 80 characters or more of text and no block element or image: paragraphs by
    /// another name (shorter ones are labels: a price, a product name, a button's text).
    var divParagraphs: [Int32]
    /// Text length inside <li> elements.
    var listText: [Int32]
    /// Inside <code> or <pre>.
    var insideCode: [Bool]

    init(_ tree: HTMLTree, stats: TextStatistics) {
        let n = tree.count
        paragraphs = [Int32](repeating: 0, count: n); images = paragraphs; listItems = paragraphs; inputs = paragraphs
        embeds = paragraphs; figures = paragraphs; headings = paragraphs; listText = paragraphs; divParagraphs = paragraphs
        insideCode = Array(repeating: false, count: n)
        for i in 1..<max(n, 1) {
            let p = tree[i].parent
            if p >= 0 { insideCode[i] = insideCode[p] || tree[p].tag == .code || tree[p].tag == .pre }
        }
        // Whether a block element (or an image) lies below: a <div> with none and a sentence's worth
        // of text is a paragraph, as Readability turns such divs into <p> before it counts them.
        var blockBelow = [Bool](repeating: false, count: n)
        for i in stride(from: n - 1, through: 1, by: -1) {
            let node = tree[i]
            if node.removed || node.isText { continue }
            let p = node.parent
            if p > 0, blockBelow[i] || Self.blocks.contains(node.tag) { blockBelow[p] = true }
            switch node.tag {
            case .div where !blockBelow[i] && stats.text[i] >= 80: divParagraphs[i] += 1
            case .p, .pre, .blockquote: paragraphs[i] += 1
            case .img: images[i] += 1
            case .li: listItems[i] += 1; listText[i] = Int32(stats.text[i])
            case .input, .select, .textarea, .button: inputs[i] += 1
            case .iframe, .object, .embed, .video: embeds[i] += 1
            case .figure, .picture: figures[i] += 1
            case .h1, .h2, .h3, .h4, .h5, .h6: headings[i] += 1
            default: break
            }
            if p > 0 {
                paragraphs[p] += paragraphs[i]; divParagraphs[p] += divParagraphs[i]; images[p] += images[i]; listItems[p] += listItems[i]; inputs[p] += inputs[i]
                embeds[p] += embeds[i]; figures[p] += figures[i]; headings[p] += headings[i]
                // Nested lists: count the outermost item's text once.
                listText[p] += node.tag == .li ? Int32(stats.text[i]) : listText[i]
            }
        }
    }

    static let blocks: TagSet = [.blockquote, .dl, .div, .img, .ol, .p, .pre, .table, .ul]
}
