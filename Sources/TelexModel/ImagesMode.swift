/// How the reading view shows pictures (settings `images`, docs/feeds-json.md).
public enum ImagesMode: String, Sendable, Hashable, CaseIterable {
    /// The best the terminal answers for at start: kitty graphics, iTerm2, sixel, else character art.
    case auto
    /// kitty's graphics protocol without asking (Unicode placeholders).
    case kitty
    /// Sixel pictures (libchafa), written over cells the frame leaves blank.
    case sixel
    /// iTerm2's inline images (OSC 1337), the same way.
    case iterm
    /// Character art (libchafa) drawn as ordinary cells.
    case symbols
    /// No pictures: captions and alternative text only, and the fetcher does not fetch them.
    case off
}
