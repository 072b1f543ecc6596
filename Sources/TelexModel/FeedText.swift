/// A feed item's own text (its summary and content), and the one rule that tells a summary from a
/// whole story.
///
/// The store measures the text when it writes an item (`item.text_length`), the fetcher fetches
/// the page of items whose text is a summary (`article: auto`), and the reader and `telex read`
/// show "Full article not cached" only over a summary: all three use this, so a story the fetcher
/// chose not to fetch never carries the note.
public enum FeedText {
    /// Text shorter than this many characters is a summary.
    public static let summaryCharacters = 600

    /// The plain text of an item's summary, then of its content when it differs (what the search
    /// index holds, and what `length` counts).
    public static func plain(summaryHTML: String?, contentHTML: String?) -> String {
        counted(summaryHTML: summaryHTML, contentHTML: contentHTML).text
    }

    /// `plain` and its length in Unicode scalars (what `length` counts), in one conversion.
    public static func counted(summaryHTML: String?, contentHTML: String?) -> (text: String, scalars: Int) {
        var body: (text: String, scalars: Int) = summaryHTML.map { PlainText.counted($0, limit: 16_384) } ?? ("", 0)
        if let contentHTML, contentHTML != summaryHTML {
            let content = PlainText.counted(contentHTML, limit: 32_768)
            if body.text.isEmpty || content.text.isEmpty {
                body = (body.text + content.text, body.scalars + content.scalars)
            } else {
                body = (body.text + " " + content.text, body.scalars + 1 + content.scalars)
            }
        }
        return body
    }

    /// Characters of an item's own text (Unicode scalars of `plain`).
    public static func length(summaryHTML: String?, contentHTML: String?) -> Int {
        counted(summaryHTML: summaryHTML, contentHTML: contentHTML).scalars
    }

    /// Whether an item whose own text has `length` characters carries only a summary.
    public static func isSummary(length: Int, threshold: Int = summaryCharacters) -> Bool {
        length < threshold
    }
}
