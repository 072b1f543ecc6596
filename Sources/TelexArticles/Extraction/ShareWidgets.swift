/// Share, follow and reaction widgets are chrome in any language ("共有 • Facebook • X", "Partager :",
/// "Teilen", "👍 12 ❤️ 3"). They are recognised by their structure, not by their words: a group of
/// short links most of which go to social networks or to share intents (or are named after them, or
/// are bare icons), with little text besides a label; or a group of short reaction counters. Tag
/// lists (links marked `rel=tag` or into a site's tag or category pages, and nothing else) go too.
enum ShareWidgets {
    /// Marks such widgets below `scope` removed (with their label when it sits in the same container).
    static func remove(in tree: inout HTMLTree, scope: Int) {
        let stats = TextStatistics(tree)
        let n = tree.count
        // Per node, bottom-up: links, share-like links and icon-only links below it.
        var links = [Int32](repeating: 0, count: n), share = links, bare = links, tags = links
        for i in stride(from: n - 1, through: max(scope, 1), by: -1) {
            let node = tree[i]
            if node.removed { continue }
            if node.tag == .a {
                links[i] += 1
                let text = stats.text[i]
                // The address, lowercased once for both tests.
                let href = tree.attribute(i, .href).map { ArraySlice($0.utf8.prefix(300).map(HTMLTree.asciiLowercased)) }
                if isShareLink(tree, i, href: href, textLength: text) { share[i] += 1 } else if text == 0 { bare[i] += 1 }
                if isTagLink(tree, i, href: href) { tags[i] += 1 }
            }
            let p = node.parent
            if p >= scope, p > 0 { links[p] += links[i]; share[p] += share[i]; bare[p] += bare[i]; tags[p] += tags[i] }
        }
        // Top-down: the outermost element that is such a widget goes whole.
        var i = scope + 1
        let stop = tree.end(scope)
        while i < stop {
            let node = tree[i]
            if node.removed || node.isText { i = tree.end(i); continue }
            let nonLinkText = stats.text[i] - stats.link[i]
            let l = Int(links[i]), s = Int(share[i]), b = Int(bare[i])
            let isShare = s >= 2 && Double(s + b) >= 0.6 * Double(l) && nonLinkText <= 40 && stats.link[i] <= 24 * l
            let isReactions = links[i] == 0 && stats.text[i] > 0 && stats.text[i] <= 60 && mayBeReactionBar(tree, i)
                && isReactionBar(tree.textContent(i, limit: 240))
            let isTags = tags[i] >= 2 && tags[i] == links[i] && nonLinkText <= 30 && stats.link[i] <= 30 * l
            if isShare || isReactions || isTags {
                ExtractionTrace.log("widget \(isShare ? "share" : isTags ? "tags" : "reactions") \(ExtractionTrace.describe(tree, i)) text \(stats.text[i])")
                tree.remove(i)
                i = tree.end(i)
                continue
            }
            i += 1
        }
    }

    /// A link to a social network or a share intent, or named after one ("Facebook", "E-mail", "共有").
    /// `href`: the link's address, ASCII-lowercased (its first 300 bytes).
    static func isShareLink(_ tree: HTMLTree, _ a: Int, href: ArraySlice<UInt8>?, textLength: Int) -> Bool {
        // A label for screen readers can be longer ("Share this page to Facebook"): the address decides.
        guard textLength <= 48 else { return false }
        if let href {
            let lower = href.prefix(200)
            if lower.starts(with: Array("mailto:".utf8)) && FastText.contains(lower, Array("subject=".utf8)) { return true }
            if FastText.containsAny(lower, shareIntents) { return true }
            if let host = host(of: lower), FastText.containsAny(host, socialHosts) { return true }
        }
        guard textLength <= 24 else { return false }
        let name = tree.textContent(a, limit: 48).lowercased()
        return socialNames.contains(name)
    }

    private static func host(of url: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let scheme = FastText.firstIndex(of: Array("//".utf8), in: url) else { return nil }
        let rest = url[(scheme + 2)...]
        let end = rest.firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 } ?? rest.endIndex
        return rest[..<end]
    }

    /// A link to a tag or category page: `rel=tag`/`category`, or such a path.
    static func isTagLink(_ tree: HTMLTree, _ a: Int, href: ArraySlice<UInt8>?) -> Bool {
        if let rel = tree.attribute(a, .rel)?.lowercased(), rel.contains("tag") || rel.contains("category") { return true }
        guard let href else { return false }
        return FastText.containsAny(href, tagPaths)
    }

    /// Whether the text below `i` could be a reaction bar, judged on its bytes before building it:
    /// no ASCII letter, and some non-ASCII scalar (every pictograph is one).
    static func mayBeReactionBar(_ tree: HTMLTree, _ i: Int) -> Bool {
        var nonASCII = false
        var k = i + 1
        let stop = tree.end(i)
        while k < stop {
            let n = tree[k]
            // The text `textContent` reads: removed and invisible subtrees left out.
            if n.removed || !n.isText && HTMLTags.invisible.contains(n.tag) { k = tree.end(k); continue }
            for b in tree.textBytes(k) {
                if b >= 0x80 { nonASCII = true } else if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { return false }
            }
            k += 1
        }
        return nonASCII
    }

    static let tagPaths = FastText.needles(["/tag/", "/tags/", "/category/", "/categories/", "/topic/", "/topics/", "/schlagwort/",
                                            "/thema/", "/themen/", "/etiqueta/", "/tema/", "/sujet/", "/label/"])

    /// Reaction counters: "👍 12 ❤️ 3", "❤️ 0": pictographs and counts, no words.
    static func isReactionBar(_ text: String) -> Bool {
        var pictographs = 0, digits = 0
        for s in text.unicodeScalars {
            if s.properties.isAlphabetic { return false }
            if s.properties.isEmojiPresentation || s.value >= 0x2600 && s.value <= 0x27BF { pictographs += 1 }
            if s.properties.numericType != nil { digits += 1 }
        }
        return pictographs >= 2 || pictographs == 1 && digits > 0
    }

    static let socialHosts = FastText.needles([
        "facebook.com", "fb.com", "fb.me", "twitter.com", "x.com", "linkedin.com", "pinterest.", "reddit.com", "tumblr.com",
        "whatsapp.com", "wa.me", "t.me", "telegram.me", "line.me", "vk.com", "ok.ru", "weibo.com", "weibo.cn", "qzone.qq.com",
        "connect.qq.com", "xing.com", "flipboard.com", "getpocket.com", "news.ycombinator.com", "b.hatena.ne.jp", "threads.net",
        "bsky.app", "instagram.com", "youtube.com", "tiktok.com", "mastodon.", "digg.com", "mix.com", "addtoany.com",
        "plus.google.com", "kakao.com", "band.us", "naver.com/share",
    ])
    static let shareIntents = FastText.needles(["/share?", "/share/", "sharer", "share.php", "intent/tweet", "intent/post",
                                                "sharearticle", "shareto", "share_to", "share-to", "addtoany", "?share=", "&share="])
    static let socialNames: Set<String> = [
        "facebook", "twitter", "x", "linkedin", "whatsapp", "pinterest", "reddit", "telegram", "line", "email", "e-mail", "mail",
        "copy link", "copy", "print", "messenger", "tumblr", "weibo", "微博", "微信", "wechat", "qq", "vk", "xing", "threads",
        "bluesky", "mastodon", "instagram", "youtube", "tiktok", "flipboard", "pocket", "hatena", "はてな", "share", "tweet",
        "共有", "シェア", "ポスト", "分享", "공유", "카카오톡", "partager", "teilen", "compartir", "condividi", "delen", "udostępnij",
        "поделиться", "paylaş", "partilhar", "compartilhar", "مشاركة", "שתף", "facebook messenger", "sms", "imprimer", "drucken",
    ]
}
