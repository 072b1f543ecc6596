/// Per-node text statistics computed in one bottom-up pass (children always follow their parent).
struct TextStatistics {
    var text: [Int]
    var link: [Int]
    var commas: [Int]

    init(_ tree: HTMLTree) {
        let n = tree.count
        text = Array(repeating: 0, count: n)
        link = Array(repeating: 0, count: n)
        commas = Array(repeating: 0, count: n)
        for i in stride(from: n - 1, through: 1, by: -1) {
            let node = tree[i]
            if node.removed { text[i] = 0; link[i] = 0; commas[i] = 0; continue }
            if node.isText {
                text[i] = Int(node.textLength)
                commas[i] = Int(node.commas)
            } else if HTMLTags.invisible.contains(node.tag) {
                text[i] = 0; link[i] = 0; commas[i] = 0
                continue
            } else if node.tag == .a {
                link[i] = text[i]
            }
            let p = node.parent
            if p > 0 {
                text[p] += text[i]
                link[p] += link[i]
                commas[p] += commas[i]
            }
        }
    }

    func linkDensity(_ i: Int) -> Double {
        text[i] == 0 ? 0 : Double(link[i]) / Double(text[i])
    }
}
