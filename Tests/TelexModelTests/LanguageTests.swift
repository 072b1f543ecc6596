import Testing
import TelexModel

/// The language an item is stored with (`Language`, docs/queries.md "Languages").
@Suite struct LanguageTests {
    @Test(arguments: [
        ("fr", "fr"), ("fr-FR", "fr"), ("en_US", "en"), ("ZH-Hant-TW", "zh"), (" de ", "de"), ("haw", "haw"),
        ("und", nil), ("x-klingon", nil), ("", nil), ("english", nil), ("e1", nil),
    ] as [(String, String?)])
    func aTagGivesItsPrimarySubtag(_ tag: String, _ expected: String?) {
        #expect(Language.primary(tag) == expected)
    }

    @Test(arguments: [
        ("東京で国際会議が開幕", "ja"), ("习近平在北京会见外国领导人", "zh"), ("서울에서 국제 회의가 열렸다", "ko"),
        ("مؤتمر دولي في القاهرة", "ar"), ("نشست بین‌المللی در تهران برگزار شد", "fa"), ("Новости дня в Москве", "ru"),
        ("Новини дня у Києві", "uk"), ("Ειδήσεις της ημέρας", "el"), ("חדשות היום", "he"), ("ข่าววันนี้", "th"),
        ("The budget vote", nil), ("Le budget", nil), ("2024", nil),
        // A Latin title with one Japanese name: under the share, no guess.
        ("Interview with the director of the film 東京", nil),
    ] as [(String, String?)])
    func theScriptGivesAGuess(_ text: String, _ expected: String?) {
        #expect(Language.guess(text) == expected, "\(text)")
    }
}
