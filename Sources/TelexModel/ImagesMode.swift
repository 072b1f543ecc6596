/// How the reading view shows pictures (settings `images`, docs/feeds-json.md).
public enum ImagesMode: String, Sendable, Hashable, CaseIterable {
    /// The best the terminal offers; today character art everywhere (graphics protocols come later).
    case auto
    case kitty
    case sixel
    case iterm
    /// Character art (libchafa) drawn as ordinary cells.
    case symbols
    /// No pictures: captions and alternative text only, and the fetcher does not fetch them.
    case off
}
