/// Dates some feeds write in their own language, which feedparser's date handlers read: Korean
/// (Nate: "2004-05-25 오후 11:23:17", OnBlog: "2004년 05월 28일 01:31:15", both in Korean time),
/// Greek ("Κυρ, 11 Ιούλ 2004 12:00:00 EST") and Hungarian ("2004-július-13T9:15-05:00") month and
/// day names. Each becomes the English or numeric form `FeedDate` reads.
enum LocalizedDate {
    /// The date in English words, or nil when it holds words none of these languages has.
    static func english(_ text: String) -> String? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var korean = false
        var meridiem: String?
        var out: [String] = []
        for var word in words {
            if word == "오전" || word == "오후" { meridiem = word == "오전" ? "AM" : "PM"; korean = true; continue }
            if word.hasSuffix("년") || word.hasSuffix("월") || word.hasSuffix("일") {
                korean = true
                word = String(word.dropLast())
            }
            if let month = hungarianMonths.first(where: { word.lowercased().contains("-" + $0.key + "-") }) {
                word = word.lowercased().replacingOccurrences(of: "-" + month.key + "-", with: "-" + month.value + "-")
            }
            let bare = word.hasSuffix(",") ? String(word.dropLast()) : word
            if let english = greekNames[bare] { word = english + (word.hasSuffix(",") ? "," : "") }
            out.append(word)
        }
        if korean {
            // "2004 05 28 01:31:15" → "2004-05-28 01:31:15 [AM|PM] +09:00".
            let time = out.last(where: { $0.contains(":") }) ?? "00:00:00"
            let date = out.filter { !$0.contains(":") }
            guard date.count == 1 || date.count == 3 else { return nil }
            words = [date.joined(separator: "-"), time] + (meridiem.map { [$0] } ?? []) + ["+09:00"]
            return words.joined(separator: " ")
        }
        let english = out.joined(separator: " ")
        return english.utf8.contains(where: { $0 >= 0x80 }) ? nil : english
    }

    private static let hungarianMonths: [String: String] = [
        "január": "01", "február": "02", "februári": "02", "máujus": "05", "március": "03", "április": "04", "május": "05", "június": "06",
        "július": "07", "augusztus": "08", "szeptember": "09", "október": "10", "november": "11", "december": "12",
    ]

    /// Greek month and weekday abbreviations, with and without accents, as feedparser lists them.
    private static let greekNames: [String: String] = [
        "Ιαν": "Jan", "Φεβ": "Feb", "Μάώ": "Mar", "Μαώ": "Mar", "Μαρ": "Mar", "Απρ": "Apr", "Μάι": "May", "Μαϊ": "May", "Μαι": "May",
        "Ιούν": "Jun", "Ιον": "Jun", "Ιουν": "Jun", "Ιούλ": "Jul", "Ιολ": "Jul", "Ιουλ": "Jul", "Αύγ": "Aug", "Αυγ": "Aug",
        "Σεπ": "Sep", "Οκτ": "Oct", "Νοέ": "Nov", "Νοε": "Nov", "Δεκ": "Dec",
        "Κυρ": "Sun", "Δευ": "Mon", "Τρι": "Tue", "Τετ": "Wed", "Πεμ": "Thu", "Παρ": "Fri", "Σαβ": "Sat",
    ]
}
