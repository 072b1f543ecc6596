import Foundation

/// The top and bottom of an extracted story: the headline is shown from the metadata, so the
/// heading repeating it goes, and so does what sits above it (a kicker or category label, often
/// a link to the section: "World"), which is page chrome, not story. Rules at the edges, not
/// around the body, so an ordinary short paragraph inside the story is never touched.
enum StoryEdges {
    /// `wholePage`: the blocks are a whole page's, where a long block repeated word for word is a
    /// carousel's clone or the page's other layout (mobile and desktop) of the same text.
    static func tidy(_ blocks: [Block], title: String?, wholePage: Bool = false) -> [Block] {
        var result = blocks
        let titleKey = title.map(normalized) ?? ""
        let headline = result.prefix(4).firstIndex { block in
            if case .heading(_, let inlines) = block { return !titleKey.isEmpty && normalized(Inline.plainText(inlines)) == titleKey }
            return false
        }
        if let headline {
            result.remove(at: headline)
            // Everything short above the headline is a label.
            let above = result[..<headline].filter { !isLabel($0) }
            result.replaceSubrange(..<headline, with: above)
        } else if result.count > 1, isLabel(result[0]), isLinkOnly(result[0]), case .heading = result[1] {
            // A lone link right above another heading: a section link over the story's own headline.
            result.removeFirst()
        }
        // Consecutive rules and rules at the edges say nothing.
        var cleaned: [Block] = []
        var seen: Set<String> = []
        for b in result {
            if case .rule = b, cleaned.isEmpty || cleaned.last == .rule { continue }
            var text: [String] = []
            b.appendPlainParagraphs(to: &text)
            if wholePage, text.count == 1, text[0].utf8.count >= 60, !seen.insert(text[0]).inserted {
                ExtractionTrace.log("repeated: \(text[0].prefix(80))")
                continue
            }
            cleaned.append(b)
        }
        while cleaned.last == .rule { cleaned.removeLast() }
        return cleaned
    }

    /// A short paragraph of at most four words and no sentence: "World", "Asia-Pacific", "Politique | Europe".
    static func isLabel(_ block: Block) -> Bool {
        guard case .paragraph(let inlines) = block else { return false }
        let text = Inline.plainText(inlines).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 40, !text.contains("\n") else { return false }
        let words = text.split { $0 == " " || $0 == "|" || $0 == "/" || $0 == "·" || $0 == "›" || $0 == ">" }
        return words.count <= 4 && !(text.last.map { ".!?。！？".contains($0) } ?? false)
    }

    /// A paragraph whose visible text is all inside links (separators aside).
    static func isLinkOnly(_ block: Block) -> Bool {
        guard case .paragraph(let inlines) = block else { return false }
        var hasLink = false
        for inline in inlines {
            switch inline {
            case .link: hasLink = true
            case .text(let s) where s.allSatisfy({ $0 == " " || $0 == "|" || $0 == "/" || $0 == "·" || $0 == "›" || $0 == "," }): continue
            default: return false
            }
        }
        return hasLink
    }

    static func normalized(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}
