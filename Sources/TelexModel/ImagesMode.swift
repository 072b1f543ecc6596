/// How the reading view shows pictures (settings `images`, docs/feeds-json.md).
public enum ImagesMode: String, Sendable, Hashable, CaseIterable {
    /// kitty graphics where the terminal answers kitty's query at start, else character art.
    case auto
    /// kitty's graphics protocol without asking (Unicode placeholders).
    case kitty
    /// Detected but not drawn yet: character art.
    case sixel
    case iterm
    /// Character art (libchafa) drawn as ordinary cells.
    case symbols
    /// No pictures: captions and alternative text only, and the fetcher does not fetch them.
    case off
}
