/// TelexArticles turns HTML into a clean story document, extracts the main story of a page,
/// finds related-story links, and lays documents out into display lines. Pure functions of bytes.
public enum TelexArticlesModule {}
