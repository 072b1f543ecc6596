/// Names the subscription commands and the reader agree on.
public enum SubscriptionDefaults {
    /// Where `telex add` (without `--section`) and the reader's `a` (with no section selected) put a feed.
    public static let section = "Uncategorized"
    /// Where `telex import` puts the feeds of an OPML file that are in no folder (without `--section`).
    public static let importSection = "Imported"
}
