import TelexModel

/// Which pane has the keyboard.
public enum Pane: Int, Hashable, Sendable, CaseIterable {
    case sections, headlines, preview
}

/// The whole front end as data. Views render it; only `reduce` changes it.
public struct AppState: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var focus: Pane = .sections
    public var sections: [SectionSummary] = []
    public var expanded: Set<SectionID> = []
    public var savedCount: Int = 0
    public var sectionsViewport = ListViewport()
    public var showHelp = false
    public var helpScroll = 0
    public var useColor = true
    /// A message for the status line (errors, hints), cleared by the next key.
    public var message: String?
    public var fetch = FetchProgress()
    public var isQuitting = false
    /// The reading view, when it is open (it covers the list panes).
    public var reader: ReaderState?
    /// The reading view's widest text column (settings `measure`).
    public var readingMeasure = 80

    public init(width: Int, height: Int) { self.width = width; self.height = height }

    public var sectionRows: [SectionRow] { SectionRow.rows(sections: sections, expanded: expanded, savedCount: savedCount) }

    public var selectedSectionRow: SectionRow? {
        let rows = sectionRows
        return rows.indices.contains(sectionsViewport.selected) ? rows[sectionsViewport.selected] : nil
    }
}
