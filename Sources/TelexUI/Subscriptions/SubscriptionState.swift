import TelexModel

/// A feed discovery found, as the chooser shows it.
public struct FeedCandidate: Hashable, Sendable {
    public var url: String
    public var title: String?
    public var itemCount: Int
    public init(url: String, title: String?, itemCount: Int) { self.url = url; self.title = title; self.itemCount = itemCount }
}

/// What `a` and `F` put over the lists: discovery under way, the choice among several feeds, the
/// feed list of a section.
public enum SubscriptionOverlay: Hashable, Sendable {
    /// Looking for feeds at the address (Esc stops it); they go to `section`.
    case discovering(address: String, section: String)
    /// Several feeds found: the user picks one (Enter) or all (`a`).
    case choosing(FeedChooser)
    /// The feeds of a section with their status (`F`).
    case feedList(FeedList)
}

public struct FeedChooser: Hashable, Sendable {
    public var address: String
    public var section: String
    public var candidates: [FeedCandidate]
    public var selected = 0
    public init(address: String, section: String, candidates: [FeedCandidate]) {
        self.address = address; self.section = section; self.candidates = candidates
    }
}

public struct FeedList: Hashable, Sendable {
    public var section: SectionID
    public var selected = 0
    /// The feed `d` asked to remove: the next key confirms (y) or not.
    public var confirmingRemoval: FeedID?
    public init(section: SectionID) { self.section = section }
}

extension AppState {
    /// The section the selected row of the sections pane belongs to (a section, or a feed's section).
    var selectedSection: SectionSummary? {
        switch selectedSectionRow {
        case .section(let s, _)?: return s
        case .feed(_, let id)?: return sections.first { $0.id == id }
        default: return nil
        }
    }

    /// The feeds the open feed list shows, as the last load of the sections said.
    var feedListFeeds: [FeedSummary] {
        guard case .feedList(let list)? = subscriptions else { return [] }
        return sections.first { $0.id == list.section }?.feeds ?? []
    }
}
