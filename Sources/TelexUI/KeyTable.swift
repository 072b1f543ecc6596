/// The key table: the one source for the `?` overlay (docs/keys.md mirrors it).
public enum KeyTable {
    public struct Entry: Hashable, Sendable {
        public var keys: String
        public var action: String
    }
    public struct Group: Hashable, Sendable {
        public var title: String
        public var entries: [Entry]
    }

    public static let lists: [Group] = [
        Group(title: "Moving", entries: [
            Entry(keys: "j / k, ↓ / ↑", action: "next / previous row"),
            Entry(keys: "Space / b, PgDn / PgUp", action: "page down / up"),
            Entry(keys: "g / G, Home / End", action: "first / last row"),
            Entry(keys: "h / l, ← / →", action: "pane to the left / right"),
            Entry(keys: "Tab / Shift-Tab", action: "next / previous pane"),
            Entry(keys: "+ / -", action: "show / hide a section's feeds"),
            Entry(keys: "Enter", action: "section: its headlines; headline: open it"),
            Entry(keys: "n / N", action: "next / previous unread"),
        ]),
        Group(title: "Articles", entries: [
            Entry(keys: "m", action: "toggle read"),
            Entry(keys: "s", action: "save / unsave"),
            Entry(keys: "A", action: "mark the whole view read"),
            Entry(keys: "u", action: "undo the last A"),
            Entry(keys: "o", action: "open in $BROWSER"),
            Entry(keys: "/", action: "search all articles (Enter runs, Esc cancels)"),
            Entry(keys: "r", action: "refresh feeds"),
        ]),
        Group(title: "Feeds", entries: [
            Entry(keys: "a", action: "add a feed: its URL or any page of the site (to the selected section)"),
            Entry(keys: "F", action: "the section's feeds and their status; there d removes, m moves, Enter opens"),
        ]),
        Group(title: "Screen", entries: [
            Entry(keys: "mouse", action: "click selects, second click opens, wheel scrolls"),
            Entry(keys: "?", action: "this help (Esc or ? closes)"),
            Entry(keys: "Esc", action: "close a prompt, a list or this help"),
            Entry(keys: "Ctrl-Z", action: "suspend (fg resumes)"),
            Entry(keys: "q", action: "back; quit at the top"),
            Entry(keys: "Q", action: "quit from anywhere"),
        ]),
    ]

    public static let reader: [Group] = [
        Group(title: "Links", entries: [
            Entry(keys: "Tab / Shift-Tab", action: "next / previous link (the status line shows its URL)"),
            Entry(keys: "1-9, #NN Enter", action: "select link N"),
            Entry(keys: "#", action: "show / hide link numbers"),
            Entry(keys: "Enter", action: "follow the link (fetched now if not cached; Esc cancels)"),
            Entry(keys: "L", action: "list every link"),
        ]),
        Group(title: "History", entries: [
            Entry(keys: "Backspace, h, ←", action: "back (from the first page: the list)"),
            Entry(keys: "l, →", action: "forward"),
            Entry(keys: "H", action: "show the history"),
        ]),
        Group(title: "Reading", entries: [
            Entry(keys: "j / k, ↓ / ↑", action: "scroll a line"),
            Entry(keys: "Space / b, PgDn / PgUp", action: "page down / up"),
            Entry(keys: "g / G", action: "top / end"),
            Entry(keys: "n / p", action: "next / previous article of the list"),
            Entry(keys: "/, n / N", action: "find in the article, next / previous match"),
            Entry(keys: "o / y", action: "open in $BROWSER / copy the URL"),
            Entry(keys: "s", action: "save; on a link: fetch it for later"),
            Entry(keys: "m", action: "toggle read"),
            Entry(keys: "q / Q", action: "back to the list / quit"),
        ]),
    ]

    /// Previewing an article does not mark it read; opening it (Enter) does.
    public static let note = "Previewing does not mark read; opening (Enter) does."
}
