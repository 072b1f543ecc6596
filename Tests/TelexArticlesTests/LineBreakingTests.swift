import Testing
import TelexScreen
@testable import TelexArticles

/// The one line breaker (`LineBreaker`): Unicode line breaking (UAX #14) with kinsoku, no-break
/// spaces, soft hyphens and libhyphen dictionaries, as lines a reader sees.
@Suite struct LineBreakingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var language: String?
        var width: Int
        var lines: [String]
        var testDescription: String { "\(language ?? "-") \(width): \(text.prefix(24))" }
        init(_ text: String, _ language: String?, _ width: Int, _ lines: [String]) {
            self.text = text; self.language = language; self.width = width; self.lines = lines
        }
    }

    static let french: [Case] = [
        // No-break spaces (U+00A0) around « » : ! hold: no line starts with ! : » nor ends with «.
        Case("Il a dit\u{A0}: «\u{A0}Non\u{A0}!\u{A0}» puis est parti.", "fr", 10,
             ["Il a dit\u{A0}:", "«\u{A0}Non\u{A0}!\u{A0}»", "puis est", "parti."]),
        Case("Il a dit\u{A0}: «\u{A0}Non\u{A0}!\u{A0}» puis est parti.", "fr", 14,
             ["Il a dit\u{A0}:", "«\u{A0}Non\u{A0}!\u{A0}» puis", "est parti."]),
        Case("Il a dit\u{A0}: «\u{A0}Non\u{A0}!\u{A0}» puis est parti.", "fr", 20,
             ["Il a dit\u{A0}: «\u{A0}Non\u{A0}!\u{A0}»", "puis est parti."]),
        // Narrow no-break spaces (U+202F) before ? ; and inside « »; a glued word longer than the line is hyphenated.
        Case("Vraiment\u{202F}? Oui\u{202F}; «\u{202F}bien\u{202F}» dit-elle.", "fr", 9,
             ["Vrai-", "ment\u{202F}?", "Oui\u{202F};", "«\u{202F}bien\u{202F}»", "dit-elle."]),
        Case("Vraiment\u{202F}? Oui\u{202F}; «\u{202F}bien\u{202F}» dit-elle.", "fr", 16,
             ["Vraiment\u{202F}? Oui\u{202F};", "«\u{202F}bien\u{202F}» dit-", "elle."]),
        // Ordinary spaces where the page should have used no-break ones: « still holds to what follows
        // and » ; ? : to what precedes (LB13, LB15a, LB15b).
        Case("Il dit « non » ; puis : « vraiment ? » et part.", "fr", 10,
             ["Il dit", "« non » ;", "puis :", "« vrai-", "ment ? »", "et part."]),
        Case("Il dit « non » ; puis : « vraiment ? » et part.", "fr", 13,
             ["Il dit", "« non » ;", "puis :", "« vrai-", "ment ? » et", "part."]),
        // Numbers with their units and a figure space (U+2007) as thousands separator.
        Case("Hausse de 12\u{A0}% sur 3\u{2007}000\u{A0}€ cette année-là.", "fr", 8,
             ["Hausse", "de 12\u{A0}%", "sur", "3\u{2007}000\u{A0}€", "cette", "année-", "là."]),
        Case("Hausse de 12\u{A0}% sur 3\u{2007}000\u{A0}€ cette année-là.", "fr", 12,
             ["Hausse de", "12\u{A0}% sur", "3\u{2007}000\u{A0}€", "cette année-", "là."]),
        Case("e\u{301}le\u{301}ment cafe\u{301} re\u{301}sume\u{301} nai\u{308}ve", "fr", 12,
             ["e\u{301}le\u{301}ment cafe\u{301}", "re\u{301}sume\u{301} nai\u{308}ve"]),
    ]

    static let german: [Case] = [
        // Long compounds hyphenated by the German dictionary, on the current line when a point fits.
        Case("Die Donaudampfschifffahrtsgesellschaft meldet Rekorde.", "de", 12,
             ["Die Donau-", "dampfschiff-", "fahrtsge-", "sellschaft", "meldet", "Rekorde."]),
        Case("Die Donaudampfschifffahrtsgesellschaft meldet Rekorde.", "de-DE", 16,
             ["Die Donaudampf-", "schifffahrtsge-", "sellschaft", "meldet Rekorde."]),
        Case("Die Donaudampfschifffahrtsgesellschaft meldet Rekorde.", "de", 24,
             ["Die Donaudampfschiff-", "fahrtsgesellschaft", "meldet Rekorde."]),
        Case("Das Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz fiel.", "de", 20,
             ["Das Rindfleischeti-", "kettierungsüberwa-", "chungsaufgabenüber-", "tragungsgesetz fiel."]),
        // Soft hyphens: a break with a visible hyphen where used, invisible elsewhere.
        Case("Donau\u{AD}dampf\u{AD}schiff\u{AD}fahrt heute", "de", 7, ["Donau-", "dampf-", "schiff-", "fahrt", "heute"]),
        Case("Donau\u{AD}dampf\u{AD}schiff\u{AD}fahrt heute", "de", 12, ["Donaudampf-", "schifffahrt", "heute"]),
        Case("Donau\u{AD}dampf\u{AD}schiff\u{AD}fahrt heute", "de", 40, ["Donaudampfschifffahrt heute"]),
        // No dictionary for the language: split where the line is full, with a visible hyphen.
        Case("Die Donaudampfschifffahrtsgesellschaft meldet Rekorde.", nil, 12,
             ["Die Donauda-", "mpfschifffa-", "hrtsgesells-", "chaft meldet", "Rekorde."]),
        Case("Die Donaudampfschifffahrtsgesellschaft meldet Rekorde.", "xx", 12,
             ["Die Donauda-", "mpfschifffa-", "hrtsgesells-", "chaft meldet", "Rekorde."]),
    ]

    static let cjk: [Case] = [
        // Japanese: breaks between characters, never before 。、」）ー or small kana, never after 「（.
        Case("日本語の文章は「スペースなし」で折り返されなければならない。", "ja", 10,
             ["日本語の文", "章は「ス", "ペースな", "し」で折り", "返されなけ", "ればならな", "い。"]),
        Case("日本語の文章は「スペースなし」で折り返されなければならない。", "ja", 12,
             ["日本語の文章", "は「スペース", "なし」で折り", "返されなけれ", "ばならない。"]),
        Case("あいうえお。かきくけこ、さしすせそ」たちつてと）なにぬねの", "ja", 10,
             ["あいうえ", "お。かきく", "けこ、さし", "すせそ」た", "ちつてと）", "なにぬねの"]),
        Case("コーヒーとケーキ、ちょっと待って。", "ja", 6, ["コー", "ヒーと", "ケー", "キ、", "ちょっ", "と待っ", "て。"]),
        Case("コーヒーとケーキ、ちょっと待って。", "ja", 8, ["コーヒー", "とケー", "キ、", "ちょっと", "待って。"]),
        // Chinese: ，。：！？ and closing brackets never start a line, （《 never end one.
        Case("我们今天讨论的问题是：如何在终端里正确地排版中文，包括标点符号（如句号。）的位置。", "zh", 10,
             ["我们今天讨", "论的问题", "是：如何在", "终端里正确", "地排版中", "文，包括标", "点符号（如", "句号。）的", "位置。"]),
        Case("我们今天讨论的问题是：如何在终端里正确地排版中文，包括标点符号（如句号。）的位置。", "zh", 16,
             ["我们今天讨论的问", "题是：如何在终端", "里正确地排版中", "文，包括标点符号", "（如句号。）的位", "置。"]),
        Case("他说：“你好！”然后走了。《红楼梦》很长。", "zh-Hans", 10, ["他说：“你", "好！”然后", "走了。《红", "楼梦》很", "长。"]),
    ]

    static let others: [Case] = [
        // Arabic: breaks at spaces; the Arabic comma and question mark stay with their word.
        Case("هذا نص عربي طويل يجب أن يلتف بشكل صحيح، أليس كذلك؟", "ar", 12,
             ["هذا نص عربي", "طويل يجب أن", "يلتف بشكل", "صحيح، أليس", "كذلك؟"]),
        Case("هذا نص عربي طويل يجب أن يلتف بشكل صحيح، أليس كذلك؟", "ar", 20,
             ["هذا نص عربي طويل يجب", "أن يلتف بشكل صحيح،", "أليس كذلك؟"]),
        // Emoji: two columns each (sequences drawn as their first scalar, flags padded); breaks between pictographs.
        Case("thumbs 👍🏽 family 👨‍👩‍👧 flag 🇫🇷 ok 👍🏽👍🏽👍🏽", nil, 9, ["thumbs 👍", "family 👨", "flag 🇫 ", "ok 👍👍👍"]),
        Case("👍👍👍👍👍", nil, 4, ["👍👍", "👍👍", "👍"]),
        // URLs break after / (and never before . or /).
        Case("see https://example.com/a/very/long/path/that/never/ends.html now", "en", 16,
             ["see https://", "example.com/a/", "very/long/path/", "that/never/", "ends.html now"]),
        // Word joiner and zero-width space: invisible; the first forbids a break, the second offers one.
        Case("xx yyyy\u{200B}zzzz", nil, 7, ["xx yyyy", "zzzz"]),
        Case("日本\u{2060}語", "ja", 4, ["日", "本語"]),
    ]

    @Test(arguments: french + german + cjk + others)
    func linesAreBrokenAsTheLanguageWants(_ c: Case) {
        let lines = LineBreaker.lines(c.text, width: c.width, language: c.language)
        #expect(lines == c.lines)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= c.width })
    }

    /// At ordinary widths no line of French, Japanese or Chinese starts with closing punctuation or ends with an opening one.
    @Test(arguments: [
        ("Le ministre a répondu\u{A0}: «\u{A0}Nous verrons\u{A0}!\u{A0}» Combien\u{202F}? Personne ne sait\u{202F}; la séance est levée.", "fr"),
        ("東京都は「新しい計画」を発表した。住民（約千四百万人）への説明会は、来月から始まる予定だ。ちょっと待ってください。", "ja"),
        ("记者问：“这项政策何时实施？”发言人回答：《通知》已经发布，（具体时间）将另行公布。", "zh"),
    ])
    func noLineStartsWithClosingOrEndsWithOpeningPunctuation(_ text: String, _ language: String) {
        let closing: Set<Character> = ["。", "、", "」", "）", "ー", "ょ", "っ", "：", "，", "！", "？", "”", "》", "»", ";", ":", "!", "?", "\u{A0}", "\u{202F}"]
        let opening: Set<Character> = ["「", "（", "“", "《", "«", "\u{A0}", "\u{202F}"]
        for width in 16...40 {
            let lines = LineBreaker.lines(text, width: width, language: language)
            for line in lines {
                #expect(line.first.map { !closing.contains($0) } ?? true, "width \(width): \(line)")
                #expect(line.last.map { !opening.contains($0) } ?? true, "width \(width): \(line)")
                #expect(DisplayWidth.of(line) <= width)
            }
            // Nothing is lost or added but line ends.
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
    }

    @Test func aSoftHyphenShowsOnlyWhereTheLineBreaks() {
        #expect(LineBreaker.lines("Zeitungs\u{AD}artikel", width: 40) == ["Zeitungsartikel"])
        #expect(LineBreaker.lines("ein Zeitungs\u{AD}artikel", width: 13) == ["ein Zeitungs-", "artikel"])
    }

    @Test func forcedBreaksAndNarrowWidthsStillTerminate() {
        #expect(LineBreaker.lines("日本", width: 1) == ["日", "本"])
        #expect(LineBreaker.lines("abc", width: 1) == ["a", "b", "c"])
        #expect(LineBreaker.lines("", width: 5) == [])
        #expect(LineBreaker.lines("x", width: 0) == [])
    }

    /// Whitespace controls are spaces wherever they stand, also before a non-ASCII letter (where
    /// they used to vanish and join two words), one space per character; other controls are dropped.
    @Test(arguments: [
        ("fin\nÉté", ["fin Été"]), ("a\nб\tв", ["a б в"]), ("a\r\nб", ["a  б"]), ("x\u{7}y\u{1B}z", ["xyz"]), ("un\u{85}deux", ["un deux"]),
    ]) func whitespaceControlsBecomeSpaces(_ text: String, _ lines: [String]) {
        #expect(LineBreaker.lines(text, width: 20) == lines)
    }

    @Test func aVeryLongRunOfLettersIsSplitWithHyphensAtTheFullWidth() {
        let lines = LineBreaker.lines("go " + String(repeating: "a", count: 600) + " ok", width: 80)
        // No dictionary (no language): the word fills the first line after "go", then whole lines.
        #expect(lines == ["go " + String(repeating: "a", count: 76) + "-"] + Array(repeating: String(repeating: "a", count: 79) + "-", count: 6)
                         + [String(repeating: "a", count: 50) + " ok"])
    }

    @Test(arguments: [
        ("de-DE", "de", "DE"), ("fr", "fr", nil), ("EN_us", "en", "US"), ("zh-Hans-CN", "zh", "CN"), ("sr-Latn", "sr", nil),
    ] as [(String, String, String?)])
    func languageTagsNameADictionary(_ tag: String, _ language: String, _ region: String?) {
        #expect(DictionaryKey(tag)?.language == language)
        #expect(DictionaryKey(tag)?.region == region)
    }

    @Test(arguments: ["../../etc/passwd", "", "d", "de/../x", "123", "de-DE\u{0}"])
    func hostileLanguageTagsNameNoFile(_ tag: String) {
        #expect(DictionaryKey(tag) == nil || DictionaryKey(tag)!.candidates.allSatisfy { !$0.contains("/") && !$0.contains("\u{0}") })
    }

    @Test func theDebianDictionariesAreInstalled() {
        // scripts/ensure-deps.sh installs hyphen-de, hyphen-fr, hyphen-en-us: these tests need them.
        #expect(Hyphenator.hasDictionary(for: "de"))
        #expect(Hyphenator.hasDictionary(for: "fr-FR"))
        #expect(Hyphenator.hasDictionary(for: "en"))
        #expect(!Hyphenator.hasDictionary(for: "xx"))
    }

    /// A dictionary claimed for loading off the terminal thread is not waited for: layout splits
    /// without it until it is loaded, then hyphenates with it. ("it-SM" is used by no other test:
    /// dictionaries are loaded once per process.)
    @Test func layoutDoesNotWaitForADictionaryBeingLoaded() throws {
        let word = "precipitevolissimevolmente"
        let document = ArticleDocument(metadata: ArticleMetadata(language: "it-SM"), blocks: [.paragraph([.text(word)])])
        let preparation = try #require(LineBreaker.preparation(for: document))
        #expect(LineBreaker.preparation(for: document) == nil)
        #expect(LineBreaker.lines(word, width: 12, language: "it-SM") == ["precipitevo-", "lissimevolm-", "ente"])
        preparation.run()
        #expect(LineBreaker.lines(word, width: 12, language: "it-SM") == ["precipitevo-", "lissimevol-", "mente"])
        #expect(LineBreaker.preparation(for: document) == nil)
    }
}
