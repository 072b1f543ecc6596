import Foundation
import Testing
import TelexTestSupport
@testable import TelexArticles

/// A news page around `story` (HTML), with a sidebar of `sidebar` links: enough chrome for the
/// extractor to have to find the story.
private func newsPage(lang: String, story: String, sidebar: String = "", type: String = "article") -> [UInt8] {
    Array("""
    <!DOCTYPE html><html lang="\(lang)"><head><meta charset="utf-8"><title>Page</title>
    <meta property="og:type" content="\(type)"></head><body>
    <header class="site-header"><p class="site-title"><a href="/">Site</a></p>
    <nav><ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li><li><a href="/c">Three</a></li></ul></nav></header>
    <main><article><div class="entry-content">\(story)</div></article></main>
    <aside class="sidebar"><h2>Latest</h2><ul>\(sidebar)</ul></aside>
    <footer><p>© Site. All rights reserved.</p></footer></body></html>
    """.utf8)
}

private func extract(_ page: [UInt8], url: String = "https://news.example/2026/11/story.html") -> ArticleDocument {
    ArticleExtractor.extract(html: page, pageURL: url)
}

/// Story paragraphs long enough to be a story, in each language.
private let paragraphs: [String: String] = [
    "fr": "<p>Le gouvernement a présenté mercredi un projet de loi destiné à réduire la consommation d’énergie des bâtiments publics, une mesure attendue depuis des mois par les collectivités.</p><p>Les maires, réunis en congrès à Paris, ont salué un texte « ambitieux » tout en demandant des moyens supplémentaires pour financer les travaux de rénovation.</p>",
    "de": "<p>Die Bundesregierung hat am Mittwoch einen Gesetzentwurf vorgelegt, der den Energieverbrauch öffentlicher Gebäude deutlich senken soll, eine Maßnahme, auf die Kommunen lange gewartet haben.</p><p>Die Bürgermeister begrüßten den Text als ehrgeizig, forderten aber zusätzliche Mittel für die Sanierung ihrer Schulen und Rathäuser.</p>",
    "ja": "<p>政府は水曜日、公共施設のエネルギー消費を削減するための法案を提出した。自治体が数か月前から待ち望んでいた措置で、学校や庁舎の改修を後押しする。</p><p>全国の市長は法案を歓迎する一方、改修工事の費用を賄うための追加の財源を求めた。施行は来年四月の予定だ。</p>",
    "zh": "<p>政府周三提交了一项旨在降低公共建筑能耗的法案，这是地方政府期待已久的措施，将推动学校和市政厅的节能改造。</p><p>各地市长对法案表示欢迎，但同时要求增加资金，用于支付改造工程的费用。该法案预计明年四月实施。</p>",
    "ar": "<p>قدمت الحكومة يوم الأربعاء مشروع قانون يهدف إلى خفض استهلاك الطاقة في المباني العامة، وهو إجراء انتظرته البلديات منذ أشهر طويلة.</p><p>ورحب رؤساء البلديات بالنص لكنهم طالبوا بموارد إضافية لتمويل أعمال الترميم في المدارس ومباني البلديات.</p>",
    "en": "<p>The government on Wednesday presented a bill to cut the energy use of public buildings, a measure councils have awaited for months, and which should speed up renovations.</p><p>Mayors meeting in the capital welcomed the text as ambitious but asked for more money to pay for the work on schools and town halls.</p>",
]

private func storyText(_ lang: String) -> String {
    HTMLCleaner.document(fromFragment: paragraphs[lang]!, baseURL: nil).plainText
}

@Suite struct RelatedMarkerTests {
    /// (language, marker line with a link, the related story's title)
    static let linked: [(String, String, String)] = [
        ("fr", "<p>Lire aussi : <a href=\"/r\">Le prix du beurre atteint un niveau record</a></p>", "Le prix du beurre atteint un niveau record"),
        ("de", "<p><strong>Mehr zum Thema</strong> <a href=\"/r\">Bahnstreik legt den Fernverkehr lahm</a></p>", "Bahnstreik legt den Fernverkehr lahm"),
        ("ja", "<p>関連記事：<a href=\"/r\">日銀、政策金利を据え置き</a></p>", "日銀、政策金利を据え置き"),
        ("zh", "<p>相关阅读：<a href=\"/r\">央行宣布下调存款准备金率</a></p>", "央行宣布下调存款准备金率"),
        ("ar", "<p>اقرأ أيضا: <a href=\"/r\">ارتفاع أسعار النفط في الأسواق العالمية</a></p>", "ارتفاع أسعار النفط في الأسواق العالمية"),
        ("en", "<p>Read more: <a href=\"/r\"><span class=\"kicker\">World</span> Ferry service resumes after the storm</a></p>", "Ferry service resumes after the storm"),
    ]

    @Test(arguments: linked)
    func markerLinesWithLinksBecomeRelatedStories(lang: String, line: String, title: String) {
        let story = paragraphs[lang]!
        let doc = extract(newsPage(lang: lang, story: story + line))
        #expect(doc.related.first == RelatedLink(title: title, url: "https://news.example/r"))
        #expect(doc.plainText == storyText(lang))
    }

    /// (language, marker line without a link, its headline, a sidebar link that names it)
    static let unlinked: [(String, String, String, String)] = [
        // The same headline.
        ("fr", "<p>À lire aussi : Le prix du beurre atteint un niveau record</p>", "Le prix du beurre atteint un niveau record",
         "<li><a href=\"/eco/beurre\">Le prix du beurre atteint un niveau record</a></li>"),
        // A truncated headline.
        ("de", "<p>LESEN SIE AUCH  Bahnstreik legt den Fernverkehr bundesweit lahm – Millionen Pendler betroffen</p>",
         "Bahnstreik legt den Fernverkehr bundesweit lahm – Millionen Pendler betroffen",
         "<li><a href=\"/verkehr/streik\">Bahnstreik legt den Fernverkehr bundesweit lahm…</a></li>"),
        // The same headline in Japanese, the marker without a separator.
        ("ja", "<p><b>関連記事</b> 台風28号、沖縄に接近　空の便欠航相次ぐ</p>", "台風28号、沖縄に接近 空の便欠航相次ぐ",
         "<li><a href=\"/news/typhoon\">台風28号、沖縄に接近　空の便欠航相次ぐ</a></li>"),
        ("zh", "<p>延伸阅读：中国队夺得女子接力金牌</p>", "中国队夺得女子接力金牌",
         "<li><a href=\"/sports/relay\">中国队夺得女子接力金牌</a></li>"),
        ("ar", "<p>اقرأ أيضا: ارتفاع أسعار النفط في الأسواق العالمية</p>", "ارتفاع أسعار النفط في الأسواق العالمية",
         "<li><a href=\"/economy/oil\">ارتفاع أسعار النفط في الأسواق العالمية</a></li>"),
        // Only the URL's slug names it (an image link).
        ("en", "<p>READ  Ferry service resumes after the storm closed the harbour</p>", "Ferry service resumes after the storm closed the harbour",
         "<li><a href=\"/2026/11/ferry-service-resumes-after-storm-closed-harbour/\"><img src=\"/t.jpg\" alt=\"\"></a></li>"),
    ]

    @Test(arguments: unlinked)
    func markerLinesWithoutLinksFindTheirStoryAmongThePagesLinks(lang: String, line: String, title: String, sidebar: String) throws {
        let story = paragraphs[lang]!
        let doc = extract(newsPage(lang: lang, story: story + line, sidebar: sidebar + "<li><a href=\"/other\">Something else entirely, about the weather</a></li>"))
        let href = try #require(sidebar.split(separator: "\"").dropFirst().first)
        #expect(doc.related.first == RelatedLink(title: title, url: "https://news.example" + href))
        #expect(doc.plainText == storyText(lang))
    }

    @Test(arguments: unlinked)
    func markerLinesWithoutAnyMatchingLinkAreListedWithoutAURL(lang: String, line: String, title: String, sidebar: String) {
        let doc = extract(newsPage(lang: lang, story: paragraphs[lang]! + line, sidebar: "<li><a href=\"/other\">Something else entirely, about the weather</a></li>"))
        #expect(doc.related.first == RelatedLink(title: title, url: nil))
        #expect(doc.plainText == storyText(lang))
        // Not followable: no link for it.
        #expect(!doc.links.contains { $0.isRelated && $0.text == title })
    }

    @Test(arguments: [
        "<p>Read more about the plan in the guide the council published last week.</p>",
        "<p>Lire aussi les commentaires de nos lecteurs, nombreux à réagir à cette annonce.</p>",
        "<p>Mehr zum Thema gibt es am Abend in unserer Sendung mit den Bürgermeistern.</p>",
    ])
    func sentencesThatBeginWithMarkerWordsStayInTheStory(paragraph: String) {
        let doc = extract(newsPage(lang: "en", story: paragraphs["en"]! + paragraph))
        #expect(doc.related.isEmpty)
        #expect(doc.plainText.hasSuffix(HTMLCleaner.document(fromFragment: paragraph, baseURL: nil).plainText))
    }

    @Test func theMarkersOwnHeadlineTitlesTheRelatedStory() {
        // The link wraps only a word of the headline: the marker's headline is the title.
        let doc = HTMLCleaner.document(fromFragment: "<p>Story text.</p><p>READ  Boris Johnson faces new calls to resign: <a href=\"/r\">more</a></p>",
                                       baseURL: "https://n.example/")
        #expect(doc.related == [RelatedLink(title: "Boris Johnson faces new calls to resign: more", url: "https://n.example/r")])
    }

    @Test func relatedStoriesWithoutAURLSurviveTheStoredDocument() throws {
        let doc = ArticleDocument(related: [RelatedLink(title: "Named only", url: nil), RelatedLink(title: "Linked", url: "https://r.example/")])
        let decoded = try ArticleDocumentCodec.decode(ArticleDocumentCodec.encode(doc))
        #expect(decoded == doc)
        #expect(decoded.links.map(\.url) == ["https://r.example/"])
        // Version-1 documents: related stories always had a URL, and an unlinked one (stored by the
        // build between the two) has none.
        let old = #"{"metadata":{},"blocks":[],"related":[{"title":"Old story","url":"https:\/\/old.example\/"},{"title":"Named"}],"confidence":1}"#
        #expect(try ArticleDocumentCodec.decode(Data(old.utf8)).related
                == [RelatedLink(title: "Old story", url: "https://old.example/"), RelatedLink(title: "Named", url: nil)])
    }

    @Test func relatedStoriesWithoutAURLAreListedButNotLinkedInTheLayout() {
        let doc = ArticleDocument(metadata: ArticleMetadata(title: "T"), blocks: [.paragraph([.text("Body.")])],
                                  related: [RelatedLink(title: "Named only", url: nil), RelatedLink(title: "Linked story", url: "https://r.example/")])
        let laid = ArticleLayout.layout(doc, width: 40, showLinkNumbers: true)
        #expect(laid.lines.map(\.text).suffix(2) == ["1. Named only", "2. Linked story[1]"])
        #expect(laid.links.map(\.url) == ["https://r.example/"])
    }
}

@Suite struct TheSeedPageTests {
    /// The seed's story dressed as a WordPress news site: header, navigation, share icons, a share
    /// list, reactions, an author box, similar articles, comments, a sidebar, a footer; its READ
    /// lines plain paragraphs exactly as in the seed, the stories they name linked only from the
    /// sidebar (a truncated headline, an image link).
    @Test func theSeedPageDressedAsANewsSiteReadsAsTheSeed() throws {
        let base = "articles/pages/fr-seed-dressed"
        let url = try String(contentsOf: Fixtures.url(base + ".url"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let doc = ArticleExtractor.extract(html: try Fixtures.bytes(base + ".html"), pageURL: url)
        let gold = try String(contentsOf: Fixtures.url(base + ".gold.txt"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(doc.metadata.title == "La Russie achète des millions de missiles à la Corée du Nord pour les utiliser en Ukraine")
        #expect(doc.metadata.published == ISO8601DateFormatter().date(from: "2022-09-28T08:14:07Z"))
        // Every paragraph in order, the caption in its place, nothing else.
        #expect(doc.plainText == gold)
        #expect(doc.images == [DocumentImage(url: "https://7seizh.example/wp-content/uploads/2022/09/ukraine-front.jpg",
                                             alt: "Des soldats ukrainiens près de la ligne de front",
                                             caption: "L’armée ukrainienne a opposé une résistance acharnée aux forces russes militairement supérieures (Kostiantyn Liberov/AP)")])
        #expect(doc.related == [
            RelatedLink(title: "Boris Johnson fait face à de nouveaux appels à la démission alors que les députés conservateurs disent que les explications du parti ne sont pas crédibles",
                        url: "https://7seizh.example/2022/09/28/boris-johnson-fait-face-a-de-nouveaux-appels-a-la-demission/"),
            RelatedLink(title: "Une infirmière irlandaise de trois ans décède après avoir été frappée par un Ody en argent alors qu'elle traversait la rue devant l'hôpital où elle travaille",
                        url: "https://7seizh.example/2022/09/27/une-infirmiere-irlandaise-de-trois-ans-decede-apres-avoir-ete-frappee-par-un-ody-en-argent/"),
        ])
        for chrome in ["Partager", "Facebook", "Twitter", "👍", "Laisser un commentaire", "Quelle honte", "Articles similaires",
                       "Tous droits réservés", "Accepter", "Technologie", "La rédaction", "À la une", "READ"] {
            #expect(!doc.plainText.contains(chrome), "chrome in the story: \(chrome)")
        }
        #expect(doc.confidence >= ArticleDocument.minimumConfidence)
    }
}

@Suite struct ShareWidgetTests {
    /// (language, a share, follow or reaction widget)
    static let widgets: [(String, String)] = [
        ("ja", "<div class=\"sns\"><span>共有</span><ul><li><a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">Facebook</a></li><li><a href=\"https://twitter.com/intent/tweet?url=x\">X</a></li><li><a href=\"https://b.hatena.ne.jp/entry/x\">はてな</a></li></ul></div>"),
        ("zh", "<div class=\"bdsharebuttonbox\">分享到：<a href=\"https://service.weibo.com/share/share.php?url=x\">微博</a> <a href=\"https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=x\">QQ空间</a> <a href=\"#\">微信</a></div>"),
        ("fr", "<div class=\"sd-block\"><h3>Partager :</h3><ul><li><a href=\"/story/?share=twitter\">Twitter</a></li><li><a href=\"/story/?share=facebook\">Facebook</a></li><li><a href=\"/story/?share=email\">E-mail</a></li></ul></div>"),
        // Icons only: the hosts say it.
        ("de", "<p class=\"x1\">Teilen <a href=\"https://www.facebook.com/sharer.php?u=x\"><svg></svg></a> <a href=\"https://wa.me/?text=x\"><i class=\"i-wa\"></i></a> <a href=\"https://twitter.com/share?url=x\"><svg></svg></a></p>"),
        // Names nobody listed: the hosts say it.
        ("ar", "<ul class=\"b7\"><li>شارك</li><li><a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">فيسبوك</a></li><li><a href=\"https://twitter.com/intent/tweet?url=x\">تويتر</a></li><li><a href=\"https://api.whatsapp.com/send?text=x\">واتساب</a></li></ul>"),
        ("en", "<div class=\"reactions\"><span>👍 12</span> <span>❤️ 3</span> <span>😂 1</span></div>"),
        ("en", "<div class=\"follow\">Follow us <a href=\"https://www.instagram.com/site\">Instagram</a> <a href=\"https://www.youtube.com/site\">YouTube</a> <a href=\"https://www.tiktok.com/@site\">TikTok</a></div>"),
    ]

    @Test(arguments: widgets)
    func shareFollowAndReactionWidgetsAreChrome(lang: String, widget: String) {
        let story = paragraphs[lang]!
        // Inside the story, between its paragraphs, and in a feed item.
        let doc = extract(newsPage(lang: lang, story: widget + story + widget))
        #expect(doc.plainText == storyText(lang))
        let fragment = HTMLCleaner.document(fromFragment: story + widget, baseURL: "https://news.example/")
        #expect(fragment.plainText == storyText(lang))
    }

    @Test func linksToSocialNetworksInsideSentencesStay() {
        let paragraph = "<p>The minister said in a <a href=\"https://www.facebook.com/minister/posts/1\">Facebook post</a> and on <a href=\"https://x.com/minister/status/2\">X</a> that the bill would pass before the summer.</p>"
        let doc = extract(newsPage(lang: "en", story: paragraphs["en"]! + paragraph))
        #expect(doc.plainText.hasSuffix("The minister said in a Facebook post and on X that the bill would pass before the summer."))
    }

    @Test func tagListsAreChrome() {
        let tags = "<div class=\"post-tags\"><a href=\"/tag/energy\" rel=\"tag\">Energy</a> <a href=\"/tag/cities\" rel=\"tag\">Cities</a> <a href=\"/tag/schools\">Schools</a></div>"
        #expect(extract(newsPage(lang: "en", story: paragraphs["en"]! + tags)).plainText == storyText("en"))
    }
}

@Suite struct ImageBlockTests {
    func blocks(_ html: String) -> [Block] {
        HTMLCleaner.document(fromFragment: html, baseURL: "https://news.example/a/").blocks
    }

    @Test(arguments: [
        ("fr", "Un char dans la neige près de Kharkiv"),
        ("de", "Ein ICE im Hamburger Hauptbahnhof"),
        ("ja", "東京・日本橋の日本銀行本店"),
        ("zh", "上海外滩的夜景"),
        ("ar", "مبنى البرلمان في القاهرة"),
        ("en", "A ferry leaving the harbour at dawn"),
    ])
    func imagesWithAltTextAndNoCaptionBecomeImageBlocks(lang: String, alt: String) {
        let doc = extract(newsPage(lang: lang, story: paragraphs[lang]! + "<p><img src=\"/photo.jpg\" alt=\"\(alt)\"></p>"))
        #expect(doc.blocks.last == .figure(imageURL: "https://news.example/photo.jpg", caption: [], alt: alt))
        #expect(doc.images == [DocumentImage(url: "https://news.example/photo.jpg", alt: alt, caption: "")])
        // The reading view shows the alt text; the story's text does not include it.
        let laid = ArticleLayout.layout(doc, width: 200, showLinkNumbers: false)
        let shown = laid.lines.last { $0.text.hasPrefix("[Image: ") }
        #expect(shown?.text == "[Image: \(alt)]")
        #expect(shown?.spans.allSatisfy { $0.role == .caption } == true)
        #expect(doc.plainText == storyText(lang))
    }

    @Test(arguments: [
        "<img src=\"/spacer.jpg\" alt=\"\">",                                  // marked decorative
        "<img src=\"/t.gif\" width=\"1\" height=\"1\" alt=\"tracker\">",       // a tracking pixel
        "<img src=\"/static/icons/rss.png\" alt=\"RSS\">",                     // an icon by its path
        "<img class=\"site-logo\" src=\"/l.png\" alt=\"News Example\">",       // a logo by its class
        "<img class=\"avatar\" src=\"https://secure.gravatar.com/avatar/1\" alt=\"Jo\">",
        "<img src=\"data:image/gif;base64,R0lGOD\" alt=\"Lazy\">",             // a placeholder with no image
    ])
    func decorativeImagesAreDropped(img: String) {
        #expect(blocks("<p>Text before.</p><p>\(img)</p><p>Text after.</p>") == [.paragraph([.text("Text before.")]), .paragraph([.text("Text after.")])])
    }

    @Test func emojiDrawnAsImagesStayInTheText() {
        #expect(blocks("<p>Bravo <img class=\"emoji\" src=\"/e/1f389.svg\" alt=\"🎉\"> à tous</p>") == [.paragraph([.text("Bravo 🎉 à tous")])])
    }

    @Test func figuresKeepTheirCaptionAndTheirAltText() {
        #expect(blocks("<figure><img src=\"/i.jpg\" alt=\"Rails\"><figcaption>The line (AP)</figcaption></figure>")
            == [.figure(imageURL: "https://news.example/i.jpg", caption: [.text("The line (AP)")], alt: "Rails")])
        // A figure's image is the author's choice even with an empty alt.
        #expect(blocks("<figure><img src=\"/i.jpg\" alt=\"\"><figcaption>Cap</figcaption></figure>")
            == [.figure(imageURL: "https://news.example/i.jpg", caption: [.text("Cap")], alt: nil)])
    }

    @Test func documentsStoredBeforeAltTextDecode() throws {
        let old = #"{"metadata":{},"blocks":[{"figure":{"imageURL":"https:\/\/img.example\/x.jpg","caption":[{"text":{"_0":"A caption"}}]}}],"related":[],"confidence":1}"#
        let doc = try ArticleDocumentCodec.decode(Data(old.utf8))
        #expect(doc.blocks == [.figure(imageURL: "https://img.example/x.jpg", caption: [.text("A caption")], alt: nil)])
        // Version 1 with alt (stored by the build between the two), and version 2.
        let v1Alt = #"{"metadata":{},"blocks":[{"figure":{"imageURL":"https:\/\/img.example\/x.jpg","caption":[],"alt":"Alt"}}],"related":[],"confidence":1}"#
        #expect(try ArticleDocumentCodec.decode(Data(v1Alt.utf8)).blocks == [.figure(imageURL: "https://img.example/x.jpg", caption: [], alt: "Alt")])
        let new = ArticleDocument(blocks: [.figure(imageURL: "https://img.example/x.jpg", caption: [], alt: "Alt")])
        #expect(try ArticleDocumentCodec.decode(ArticleDocumentCodec.encode(new)) == new)
    }

    @Test func theLeadImageStaysInTheMetadata() {
        var page = String(decoding: newsPage(lang: "en", story: paragraphs["en"]!), as: UTF8.self)
        page = page.replacingOccurrences(of: "<title>", with: "<meta property=\"og:image\" content=\"/lead.jpg\"><title>")
        #expect(extract(Array(page.utf8)).metadata.leadImage == "https://news.example/lead.jpg")
    }
}

@Suite struct BoundedWorkTests {
    @Test func deeplyNestedTablesAreFlattenedPastTheDepthCap() {
        let n = 60_000
        let html = "<html><body>" + String(repeating: "<table><tr><td>", count: n) + "deep text" + String(repeating: "</td></tr></table>", count: n) + "</body></html>"
        let tree = HTMLParser.parse(Array(html.utf8))
        var deepest = 0
        for i in 0..<tree.count {
            var depth = 0, p = tree[i].parent
            while p >= 0 { depth += 1; p = tree[p].parent }
            deepest = max(deepest, depth)
        }
        #expect(deepest <= TreeBuilder.maximumDepth + 1)
        let result = ArticleExtractor.extract(html: Array(html.utf8), pageURL: "https://x.example/", budget: .unlimited)
        #expect(result.outcome == .extracted)
        #expect(result.document.plainText.contains("deep text"))
    }

    @Test func aPageOverTheBudgetGivesATypedResultAndNoStory() {
        let page = newsPage(lang: "en", story: paragraphs["en"]!)
        let budget = ExtractionBudget(cpuSeconds: 0)
        let result = ArticleExtractor.extract(html: page, pageURL: "https://news.example/s", budget: budget)
        #expect(result.outcome == .overBudget(budget))
        #expect(result.document.blocks.isEmpty)
        #expect(result.document.confidence == 0)
        #expect(result.note == "The page was too complex to read (over 0 s of work); showing the feed's content.")
        let within = ArticleExtractor.extract(html: page, pageURL: "https://news.example/s", budget: .standard)
        #expect(within.outcome == .extracted)
        #expect(within.note == nil)
        #expect(within.document.plainText == storyText("en"))
    }

    @Test func nonHTMLIsItsOwnOutcome() {
        let result = ArticleExtractor.extract(html: Array("%PDF-1.7".utf8), pageURL: "https://x.example/f.pdf", budget: .standard)
        #expect(result.outcome == .notHTML)
    }
}

@Suite struct PageStructureTests {
    @Test func contentAfterTheClosingBodyTagBelongsToTheBody() {
        let page = "<html><head><title>T</title></head><body><header>Site</header></body></html><main><article>" + paragraphs["en"]! + "</article></main>"
        #expect(extract(Array(page.utf8)).plainText == storyText("en"))
    }

    @Test func attributeNamesOfScriptFrameworksDoNotLeakIntoTheText() {
        let page = "<html><body><nav @click.outside=\"open = false\" :class=\"open ? 'a' : 'b'\" x-init=\"items = [1, 2].map(i => i > 1)\"><a href=\"/\">Home</a></nav><article>" + paragraphs["en"]! + "</article></body></html>"
        #expect(extract(Array(page.utf8)).plainText == storyText("en"))
        #expect(AttributeNames.repaired(Array("<p class=\"a\">x > y</p>".utf8)) == nil)
        #expect(AttributeNames.repaired(Array("<b @click=\"a > b\">t</b>".utf8)).map { String(decoding: $0, as: UTF8.self) } == "<b _click=\"a > b\">t</b>")
    }

    @Test(arguments: [
        "<div style=\"visibility:hidden\">%@</div>",                  // revealed by a script
        "<div hidden id=\"S:0\">%@</div>",                             // streamed, moved into place by a script
        "<noscript><div>%@</div></noscript>",                          // rendered for readers without scripts
        "<form action=\"/post\"><div>%@</div></form>",                 // a page-wide form
    ])
    func hiddenOrChromeElementsHoldingThePageAreThePage(wrapper: String) {
        let page = "<html><body><div class=\"splash\">Loading…</div>" + wrapper.replacingOccurrences(of: "%@", with: "<article>" + paragraphs["fr"]! + paragraphs["en"]! + "</article>") + "</body></html>"
        let text = extract(Array(page.utf8)).plainText
        #expect(text.contains("Le gouvernement a présenté mercredi"))
        #expect(text.contains("Mayors meeting in the capital"))
    }

    @Test func consentDialogsAreNeverThePage() {
        let consent = "<div id=\"onetrust-consent-sdk\"><div role=\"dialog\">" + String(repeating: "<p>These cookies allow us to count visits and traffic sources so we can measure and improve the performance of our site.</p>", count: 12) + "</div></div>"
        let page = newsPage(lang: "en", story: paragraphs["en"]!.replacingOccurrences(of: "<p>The government", with: consent + "<p>The government"))
        #expect(extract(page).plainText == storyText("en"))
    }

    @Test func aListingPageKeepsAllItsItems() {
        let items = (1...10).map { "<li class=\"card\"><h3><a href=\"/story/\($0)\">Headline number \($0) about the council budget</a></h3><p>Short summary \($0) of what happened.</p></li>" }.joined()
        let page = "<html><head><title>Latest news</title><meta property=\"og:type\" content=\"website\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><main><h1>Latest news</h1><ul class=\"cards\">\(items)</ul></main><footer>© Site</footer></body></html>"
        let text = extract(Array(page.utf8), url: "https://news.example/latest").plainText
        for n in 1...10 {
            #expect(text.contains("Headline number \(n) about the council budget"))
            #expect(text.contains("Short summary \(n) of what happened."))
        }
        #expect(!text.contains("World"))
    }

    @Test func carouselClonesAndLongBlocksRepeatedOnAWholePageAreShownOnce() {
        let review = "<p>I bought the linen jacket and five people asked me where it came from within an hour of wearing it.</p>"
        let other = "<p>Great quality, the colour is exactly as in the pictures and it arrived two days after I ordered it.</p>"
        let carousel = "<div class=\"carousel\"><div class=\"slide slick-cloned\">\(other)</div><div class=\"slide\">\(review)</div><div class=\"slide\">\(other)</div><div class=\"slide slick-cloned\">\(review)</div></div>"
        let items = (1...6).map { "<div class=\"product-card\"><h3><a href=\"/p/\($0)\">Linen jacket \($0)</a></h3><p>$\($0)9</p></div>" }.joined()
        let page = "<html><head><title>Shop</title></head><body><main><div class=\"grid\">\(items)</div>\(carousel)</main></body></html>"
        let text = extract(Array(page.utf8), url: "https://shop.example/").plainText
        #expect(text.components(separatedBy: "five people asked me").count == 2)
        #expect(text.components(separatedBy: "colour is exactly").count == 2)
        // The same text shown twice by the page's two layouts (desktop and mobile), on a whole page.
        let mobile = "<div class=\"m\">\(review)</div>"
        let listing = "<html><head><title>Shop</title></head><body><main><div class=\"grid\">\(items)</div>\(mobile)<div class=\"d\"><h2>Reviews</h2></div>\(items.replacingOccurrences(of: "Linen", with: "Wool"))\(mobile)</main></body></html>"
        #expect(extract(Array(listing.utf8), url: "https://shop.example/").plainText.components(separatedBy: "five people asked me").count == 2)
    }
}

@Suite struct PageContentTests {
    func blocks(_ html: String) -> [Block] {
        HTMLCleaner.document(fromFragment: html, baseURL: "https://news.example/a/").blocks
    }

    @Test func aFigureKeepsTheQuoteOrTableItHoldsBesidesItsCaption() {
        #expect(blocks("<figure><blockquote><p>Le temps est venu de rénover nos écoles.</p></blockquote><figcaption>— La maire de Rennes</figcaption></figure>")
            == [.quote([.paragraph([.text("Le temps est venu de rénover nos écoles.")])]), .figure(imageURL: nil, caption: [.text("— La maire de Rennes")])])
        #expect(blocks("<figure class=\"table\"><table><tr><th>Stadt</th><th>Einwohner</th></tr><tr><td>Köln</td><td>1 084 831</td></tr></table><figcaption>Quelle: Destatis</figcaption></figure>")
            == [.table(header: [[.text("Stadt")], [.text("Einwohner")]], rows: [[[.text("Köln")], [.text("1 084 831")]]]),
                .figure(imageURL: nil, caption: [.text("Quelle: Destatis")])])
    }

    @Test func aFiguresLinesOfTextBesideItsImageStayApartInItsCaption() {
        #expect(blocks("<figure><img src=\"/s.jpg\" alt=\"Shoe\"><div>Vomero 18</div><div>Road running shoes</div><div>$155</div></figure>")
            == [.figure(imageURL: "https://news.example/s.jpg", caption: [.text("Vomero 18"), .lineBreak, .text("Road running shoes"), .lineBreak, .text("$155")], alt: "Shoe")])
    }

    /// (language, a question, its answer, the collapsed panel's markup)
    static let panels: [(String, String, String, String)] = [
        ("en", "How long does delivery take?", "Orders placed before noon leave our warehouse the same day and arrive within two working days.",
         "<div class=\"accordion__panel\" hidden>%@</div>"),
        ("fr", "Puis-je retourner un article ?", "Vous disposez de trente jours pour nous renvoyer un article, dans son emballage d’origine.",
         "<div class=\"faq-answer\" style=\"display: none\">%@</div>"),
        ("de", "Wie lange gilt die Garantie?", "Die Garantie gilt fünf Jahre ab Kaufdatum und deckt Material- und Verarbeitungsfehler ab.",
         "<div role=\"tabpanel\" aria-hidden=\"true\">%@</div>"),
        ("ja", "送料はかかりますか？", "五千円以上のご注文は送料無料です。それ以外は全国一律五百円をいただきます。",
         "<div class=\"collapse\" aria-hidden=\"true\">%@</div>"),
    ]

    @Test(arguments: panels)
    func collapsedAccordionAndTabPanelsAreShown(lang: String, question: String, answer: String, panel: String) {
        let faq = "<h2>\(question)</h2>" + panel.replacingOccurrences(of: "%@", with: "<p>\(answer)</p>")
        let text = extract(newsPage(lang: lang, story: paragraphs[lang]! + faq)).plainText
        #expect(text.hasSuffix(question + "\n\n" + answer))
    }

    @Test func hiddenMenusAndDialogsStayHidden() {
        let hidden = "<div class=\"mega-menu collapse\" aria-hidden=\"true\"><p>Shop all categories and the latest offers on furniture and lighting this week.</p></div>"
            + "<div class=\"modal\" role=\"dialog\" hidden><p>Sign up to our newsletter to receive ten percent off your first order with us.</p></div>"
        #expect(extract(newsPage(lang: "en", story: paragraphs["en"]! + hidden)).plainText == storyText("en"))
    }

    @Test func customerReviewsOfAProductAreItsComments() {
        let reviews = "<div class=\"product-reviews\"><h2>Customer reviews</h2>"
            + (1...4).map { "<div class=\"review\"><p>Review \($0): I bought two of these for my daughter’s room, easy to assemble and very sturdy, five stars.</p></div>" }.joined()
            + "</div>"
        // A description long enough to stand alone (a shorter one sends the extractor down its retry ladder).
        let description = String(repeating: paragraphs["en"]!, count: 2)
        #expect(extract(newsPage(lang: "en", story: description + reviews)).plainText == storyText("en") + "\n\n" + storyText("en"))
    }

    @Test func anElementNamedLikeChromeThatHoldsMostOfThePagesWordsIsThePage() {
        let story = String(repeating: paragraphs["en"]!, count: 8)
        // A long menu: the section holds less than 60% of the page's text, but most of its words outside links.
        let menu = (1...60).map { "<a href=\"/section/\($0)\">Section number \($0) of the site</a>" }.joined(separator: " ")
        let page = "<html><head><title>Newsletter</title></head><body><nav>\(menu)</nav>"
            + "<section class=\"hero newsletter\"><h1>Newsletter</h1>\(story)</section>"
            + "<div class=\"testimonials\">" + String(repeating: "<p>“Every issue teaches me something I can use the same day, and the explanations are clear, careful and never longer than they need to be.”</p>", count: 4)
            + "</div><footer>© Site</footer></body></html>"
        #expect(extract(Array(page.utf8)).plainText.hasPrefix(storyText("en")))
    }

    @Test func shareLinksWithScreenReaderLabelsAreChrome() {
        let share = "<div class=\"x\"><span>Share</span><a href=\"https://www.facebook.com/sharer/sharer.php?u=x\"><span class=\"sr-only\">Share this page to Facebook</span></a>"
            + "<a href=\"https://twitter.com/intent/tweet?url=x\"><span class=\"sr-only\">Share this page to X</span></a>"
            + "<a href=\"mailto:?subject=News&amp;body=x\"><span class=\"sr-only\">Share this page via Email</span></a></div>"
        #expect(extract(newsPage(lang: "en", story: share + paragraphs["en"]!)).plainText == storyText("en"))
    }

    @Test func aListingWrappedInAPageWideFormIsThePage() {
        // ASP.NET pages wrap the whole page in one <form>: a listing of links is still the page.
        let items = (1...10).map { "<li class=\"card\"><a href=\"/story/\($0)\"><h3>Headline number \($0) about the council budget</h3><span>Short summary \($0) of what happened.</span></a></li>" }.joined()
        let page = "<html><head><title>Latest news</title><meta property=\"og:type\" content=\"website\"></head><body><form id=\"aspnetForm\" action=\"/default.aspx\" method=\"post\">"
            + "<input type=\"hidden\" name=\"__VIEWSTATE\" value=\"x\"><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
            + "<main><h1>Latest news</h1><ul class=\"cards\">\(items)</ul></main><footer>© Site</footer></form></body></html>"
        let text = extract(Array(page.utf8), url: "https://news.example/latest").plainText
        for n in 1...10 { #expect(text.contains("Headline number \(n) about the council budget")) }
    }

    @Test func aGridOfIconsWithSentencesInDivsIsStoryNotAGallery() {
        // Each item: an icon, a name and a sentence in plain <div>s (Readability reads such divs as paragraphs).
        func item(_ name: String, _ text: String) -> String {
            "<div class=\"item\"><div class=\"icon\"><img src=\"/\(name).png\"></div><div class=\"name\">\(name)</div><div class=\"write-up\">\(text)</div></div>"
        }
        let first = "Time and engine operation change the pH of the coolant, which can damage parts like head gaskets over the years."
        let second = "Most cars need fresh oil every 5,000 to 10,000 miles; the owner’s manual gives the interval for your engine."
        let story = String(repeating: "<p>Nothing will do more to make your car last longer than keeping on top of basic upkeep, our experts say, and the best source for intervals is the manual.</p><p>These are the general guidelines, with the price you can expect to pay for the work at an independent garage.</p>", count: 3)
        let text = extract(newsPage(lang: "en", story: story + "<div class=\"checklist-row\">" + item("Coolant", first) + item("Oil", second) + "</div>")).plainText
        #expect(text.contains(first))
        #expect(text.contains(second))
    }
}
