/// The language of an item as the cache stores it and `lang:` matches it (docs/queries.md, "Languages"): the
/// primary subtag of a declared tag (`fr-FR`, `en_US`, `zh-Hant` give `fr`, `en`, `zh`), else a guess from the
/// writing system of the text.
public enum Language {
    /// The lower-case primary subtag of a language tag, or nil when it is not one (2 or 3 ASCII letters;
    /// `i-`/`x-` private tags and `und`, `mul`, `zxx` say nothing).
    public static func primary(_ tag: String) -> String? {
        let trimmed = tag.trimmingWhitespace()
        let subtag = trimmed.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        guard (2...3).contains(subtag.count), subtag.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return ["und", "mul", "zxx", "mis"].contains(subtag) ? nil : subtag
    }

    /// A cheap guess from the letters of `text` (its first 600), for writing systems that name a language or
    /// nearly: kana with or without Han is Japanese (`ja`), Hangul Korean (`ko`), Han alone Chinese (`zh`),
    /// Arabic script Arabic (`ar`; `fa` with پ چ ژ گ), Cyrillic Russian (`ru`; `uk` with і ї є ґ), Greek `el`,
    /// Hebrew `he`, Thai `th`. The script must hold at least 40% of the letters (Japanese and Chinese: kana and
    /// Han together). Latin script and anything else: nil (the feed or the page has to say).
    public static func guess(_ text: String) -> String? {
        var counts = Scripts()
        for scalar in text.unicodeScalars.prefix(600) {
            if scalar.isASCII {
                // Latin letters count (they lower the other scripts' share) without Unicode property look-ups.
                if (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A { counts.letters += 1 }
            } else if scalar.properties.isAlphabetic {
                counts.add(scalar)
            }
        }
        guard counts.letters >= 2, counts.letters > counts.latinOnly else { return nil }
        func share(_ n: Int) -> Bool { n * 5 >= counts.letters * 2 }
        if counts.kana > 0 && share(counts.kana + counts.han) { return "ja" }
        if share(counts.hangul) { return "ko" }
        if share(counts.han) { return "zh" }
        if share(counts.arabic) { return counts.persian > 0 ? "fa" : "ar" }
        if share(counts.cyrillic) { return counts.ukrainian > 0 ? "uk" : "ru" }
        if share(counts.greek) { return "el" }
        if share(counts.hebrew) { return "he" }
        if share(counts.thai) { return "th" }
        return nil
    }

    private struct Scripts {
        var letters = 0, kana = 0, han = 0, hangul = 0, arabic = 0, persian = 0, cyrillic = 0, ukrainian = 0
        var greek = 0, hebrew = 0, thai = 0
        /// Letters outside the scripts below never decide: nil unless some letter is in one of them.
        var latinOnly: Int { letters - kana - han - hangul - arabic - cyrillic - greek - hebrew - thai }

        mutating func add(_ scalar: Unicode.Scalar) {
            letters += 1
            switch scalar.value {
            case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: kana += 1
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F: han += 1
            case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: hangul += 1
            case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
                arabic += 1
                if [0x067E, 0x0686, 0x0698, 0x06AF].contains(scalar.value) { persian += 1 }
            case 0x0400...0x04FF, 0x0500...0x052F:
                cyrillic += 1
                if [0x0456, 0x0457, 0x0454, 0x0491, 0x0406, 0x0407, 0x0404, 0x0490].contains(scalar.value) { ukrainian += 1 }
            case 0x0370...0x03FF, 0x1F00...0x1FFF: greek += 1
            case 0x0590...0x05FF: hebrew += 1
            case 0x0E00...0x0E7F: thai += 1
            default: break
            }
        }
    }
}
